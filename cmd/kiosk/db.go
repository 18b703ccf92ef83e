package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

func runDB(args []string) int {
	if len(args) == 0 || args[0] != "check" {
		fmt.Fprint(os.Stderr, "kiosk db: say check\n\n"+usage)
		return 2
	}
	fs := flag.NewFlagSet("db check", flag.ContinueOnError)
	data := fs.String("data", "", "the data folder (default: the user's data folder)")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	dir, err := kiosk.DataDir(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk db check:", err)
		return 1
	}
	file := filepath.Join(dir, store.FileName)
	if _, err := os.Stat(file); err != nil {
		fmt.Fprintf(os.Stderr, "kiosk db check: no database at %s\n", file)
		return 1
	}
	s, err := store.Open(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk db check:", err)
		return 1
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.Integrity(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "kiosk db check:", err)
		return 1
	}
	v, _ := s.Version(ctx)
	visits, open, err := s.CountVisits(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk db check:", err)
		return 1
	}
	fmt.Printf("ok: %s: schema %d, %d visits, %d open\n", file, v, visits, open)
	return 0
}
