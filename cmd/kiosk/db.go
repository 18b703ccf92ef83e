package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"onestop/kiosk"
	"onestop/kiosk/datalock"
	"onestop/kiosk/store"
)

const dbUsage = `Usage:
  kiosk db check [--data DIR]   check the database and print what it holds
  kiosk db recover [--data DIR] [FILE...]
                                take back what a damaged database still holds

kiosk db check --help and kiosk db recover --help tell more.
`

func runDB(args []string) int {
	word, code, ok := subcommand("db", dbUsage, args, "check", "recover")
	if !ok {
		return code
	}
	if word == "recover" {
		return runDBRecover(args[1:])
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

// runDBRecover takes back what damaged databases set aside at a start
// still hold (store.ReplaceDamaged), and what the backup their staff came
// from holds, into the database the kiosk now runs on: each record once.
func runDBRecover(args []string) int {
	c := newCommand("db recover", "Usage: kiosk db recover [--data DIR] [FILE...]\n\n"+
		"Reads back what a damaged database still holds and adds it to the kiosk's\n"+
		"database, each record once (running it again adds nothing). Without FILE,\n"+
		"it takes every database the kiosk set aside in DATA/damaged/ since the last\n"+
		"recover, and the backup each one's staff were restored from. The damaged\n"+
		"files are kept. The kiosk must be stopped.\n")
	c.dataFlag("")
	c.operands(0, -1, "FILE")
	if code, ok := c.parse(args); !ok {
		return code
	}
	dir, file, err := c.existingStore()
	if err != nil {
		return c.fail(err)
	}
	release, err := datalock.Take(dir)
	if err != nil {
		return c.fail(fmt.Errorf("%w (stop the kiosk first: systemctl stop onestop-kiosk)", err))
	}
	defer release()
	type source struct{ file, backup string }
	var sources []source
	if c.fs.NArg() > 0 {
		for _, f := range c.fs.Args() {
			abs, err := filepath.Abs(f) // as recovery.json names it
			if err != nil {
				return c.fail(err)
			}
			sources = append(sources, source{file: abs})
		}
	} else {
		pending, err := store.Unrecovered(dir)
		if err != nil {
			return c.fail(err)
		}
		if len(pending) == 0 {
			fmt.Printf("nothing to recover: no damaged database is waiting in %s\n", filepath.Join(dir, store.DamagedDir))
			return 0
		}
		for _, p := range pending {
			sources = append(sources, source{p.File, p.Backup})
		}
	}
	s, err := store.Open(file)
	if err != nil {
		return c.fail(err)
	}
	defer s.Close()
	ctx := context.Background()
	for _, src := range sources {
		fmt.Printf("reading %s:", src.file)
		res, err := s.Recover(ctx, src.file, func(table string) { fmt.Printf(" %s…", table) })
		fmt.Println()
		if err != nil {
			return c.fail(err)
		}
		printSalvage(res)
		total := res
		if src.backup != "" {
			fmt.Printf("and the backup %s:", src.backup)
			b, err := s.Recover(ctx, src.backup, func(table string) { fmt.Printf(" %s…", table) })
			fmt.Println()
			if err != nil {
				return c.fail(err)
			}
			printSalvage(b)
			for t, n := range b.Added {
				total.Added[t] += n
			}
		}
		added := 0
		for _, n := range total.Added {
			added += n
		}
		now := kiosk.SystemClock{}.Now()
		if err := s.Audit(ctx, kiosk.AuditEntry{At: now, Action: kiosk.AuditRestore,
			Detail: fmt.Sprintf(kiosk.DetailRecovered, added, filepath.Base(src.file))}); err != nil {
			return c.fail(err)
		}
		if err := store.NoteRecovered(dir, src.file, now, total); err != nil {
			return c.fail(err)
		}
		fmt.Printf("added %d records; %s is kept\n", added, src.file)
	}
	return 0
}

// printSalvage prints what a recover read and added, a table a line.
func printSalvage(r store.Salvage) {
	for _, t := range []string{"staff", "settings", "session_versions", "visits", "visit_events", "audit"} {
		fmt.Printf("  %-17s %7d read, %7d added", t, r.Read[t], r.Added[t])
		if n := r.Rejected[t]; n > 0 {
			fmt.Printf(", %d garbled and left out", n)
		}
		fmt.Println()
	}
	if len(r.Lost) > 0 {
		fmt.Printf("  unreadable (%d failed reads): %s\n", r.Problems, strings.Join(r.Lost, "; "))
	}
}
