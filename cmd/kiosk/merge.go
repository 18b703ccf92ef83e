package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

func runMerge(args []string) int {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	data := fs.String("data", "", "the data folder whose database receives the records (default: the user's data folder)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: kiosk merge [--data DIR] FILE...\n\nAdds the assisted sessions of other kiosks to this database, from their\nJSON Lines exports (kiosk export --format jsonl) or their database files\n(kiosk.db or a backup). Merging a file twice adds nothing; a newer version\nof a corrected session wins.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	st, _, err := openData(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk merge:", err)
		return 1
	}
	defer st.Close()
	ctx := context.Background()
	var progress func(int)
	if term.IsTerminal(int(os.Stderr.Fd())) {
		progress = func(n int) { fmt.Fprintf(os.Stderr, "\r%d sessions read…", n) }
	}
	for _, file := range fs.Args() {
		var res kiosk.MergeResult
		if strings.EqualFold(filepath.Ext(file), ".jsonl") {
			f, err := os.Open(file)
			if err != nil {
				fmt.Fprintln(os.Stderr, "kiosk merge:", err)
				return 1
			}
			res, err = kiosk.MergeJSONL(ctx, st, f, progress)
			f.Close()
			if err != nil {
				fmt.Fprintf(os.Stderr, "\nkiosk merge: %s: %v\n", file, err)
				return 1
			}
		} else {
			// A database file is read from a copy: opening one brings its
			// schema up to date, and the original stays as it was.
			tmp, err := os.MkdirTemp("", "kiosk-merge-")
			if err != nil {
				fmt.Fprintln(os.Stderr, "kiosk merge:", err)
				return 1
			}
			defer os.RemoveAll(tmp)
			copyTo := filepath.Join(tmp, store.FileName)
			if b, err := os.ReadFile(file); err != nil {
				fmt.Fprintln(os.Stderr, "kiosk merge:", err)
				return 1
			} else if err := os.WriteFile(copyTo, b, 0o600); err != nil {
				fmt.Fprintln(os.Stderr, "kiosk merge:", err)
				return 1
			}
			other, err := store.Open(copyTo)
			if err != nil {
				fmt.Fprintf(os.Stderr, "kiosk merge: %s is not a kiosk database: %v\n", file, err)
				return 1
			}
			res, err = kiosk.MergeDatabase(ctx, st, other, progress)
			other.Close()
			if err != nil {
				fmt.Fprintf(os.Stderr, "\nkiosk merge: %s: %v\n", file, err)
				return 1
			}
		}
		if progress != nil {
			fmt.Fprint(os.Stderr, "\r")
		}
		fmt.Printf("%s: %d sessions read, %d new versions added\n", file, res.Read, res.Added)
		st.Audit(ctx, store.AuditEntry{At: time.Now(), Action: store.AuditImport, Detail: fmt.Sprintf("%s: %d read, %d added", filepath.Base(file), res.Read, res.Added)})
	}
	return 0
}
