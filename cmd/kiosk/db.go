package main

import (
	"context"
	"fmt"

	"onestop/kiosk/store"
)

const dbUsage = `Usage:
  kiosk db check [--data DIR]   check the database and print what it holds

kiosk db check --help tells more.
`

func runDB(args []string) int {
	if _, code, ok := subcommand("db", dbUsage, args, "check"); !ok {
		return code
	}
	c := newCommand("db check", "Usage: kiosk db check [flags]\n\nChecks the integrity of the data folder's database and prints its schema\nversion and how many visits it holds. It refuses a folder without a database.\n")
	c.dataFlag("")
	if code, ok := c.parse(args[1:]); !ok {
		return code
	}
	_, file, err := c.existingStore()
	if err != nil {
		return c.fail(err)
	}
	// store.Open, not OpenForReading: checking the database is the point.
	s, err := store.Open(file)
	if err != nil {
		return c.fail(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.Integrity(ctx); err != nil {
		return c.fail(err)
	}
	v, _ := s.Version(ctx)
	visits, open, err := s.CountVisits(ctx)
	if err != nil {
		return c.fail(err)
	}
	fmt.Printf("ok: %s: schema %d, %d visits, %d open\n", file, v, visits, open)
	return 0
}
