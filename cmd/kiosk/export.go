package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/term"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

func runExport(args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	data := fs.String("data", "", "the data folder (default: the user's data folder)")
	format := fs.String("format", "csv", "csv (for Excel: UTF-8 with a byte-order mark, formulas neutralised), xlsx (a data sheet,\na summary sheet and a chart) or jsonl (one session a line, for machines and kiosk merge)")
	out := fs.String("out", "", "the file to write (required)")
	from := fs.String("from", "", "first day, YYYY-MM-DD (default: the first of this month)")
	to := fs.String("to", "", "last day, YYYY-MM-DD, included (default: today)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: kiosk export --out FILE [flags]\n\nWrites the assisted sessions started in the period, one row a session (its\nlatest version; void and open ones with their status).\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" {
		fs.Usage()
		return 2
	}
	write := map[string]func(context.Context, *store.Store, *os.File, time.Time, time.Time, func(int)) (int, error){
		"csv": func(ctx context.Context, st *store.Store, f *os.File, a, b time.Time, p func(int)) (int, error) {
			return kiosk.ExportCSV(ctx, st, f, a, b, p)
		},
		"jsonl": func(ctx context.Context, st *store.Store, f *os.File, a, b time.Time, p func(int)) (int, error) {
			return kiosk.ExportJSONL(ctx, st, f, a, b, p)
		},
		"xlsx": func(ctx context.Context, st *store.Store, f *os.File, a, b time.Time, p func(int)) (int, error) {
			return kiosk.ExportXLSX(ctx, st, f, a, b, p)
		},
	}[*format]
	if write == nil {
		fmt.Fprintf(os.Stderr, "kiosk export: --format %q: say csv, xlsx or jsonl\n", *format)
		return 2
	}
	start, end, err := period(*from, *to, kiosk.SystemClock{}.Now())
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk export:", err)
		return 2
	}
	st, _, err := openData(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk export:", err)
		return 1
	}
	defer st.Close()
	// Written under a temporary name and renamed: a cancelled or failed
	// export leaves no half file where the admin expects a whole one.
	tmp := *out + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk export:", err)
		return 1
	}
	var progress func(int)
	if term.IsTerminal(int(os.Stderr.Fd())) {
		progress = func(n int) { fmt.Fprintf(os.Stderr, "\r%d sessions…", n) }
	}
	n, err := write(context.Background(), st, f, start, end, progress)
	if progress != nil {
		fmt.Fprint(os.Stderr, "\r")
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, *out)
	}
	if err != nil {
		os.Remove(tmp)
		fmt.Fprintln(os.Stderr, "kiosk export:", err)
		return 1
	}
	st.Audit(context.Background(), store.AuditEntry{At: time.Now(), Action: store.AuditExport,
		Detail: fmt.Sprintf("%d sessions, %s to %s, %s", n, start.Format("2006-01-02"), end.AddDate(0, 0, -1).Format("2006-01-02"), filepath.Base(*out))})
	fmt.Printf("%d sessions written to %s\n", n, *out)
	return 0
}
