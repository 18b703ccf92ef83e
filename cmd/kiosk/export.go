package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/term"

	"onestop/kiosk"
	"onestop/kiosk/report"
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
	write := map[string]func(context.Context, *store.Store, io.Writer, time.Time, time.Time, func(int)) (int, error){
		"csv":   report.ExportCSV,
		"jsonl": report.ExportJSONL,
		"xlsx":  report.ExportXLSX,
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
	st, _, err := openDataForReading(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk export:", err)
		return 1
	}
	defer st.Close()
	var progress func(int)
	if term.IsTerminal(int(os.Stderr.Fd())) {
		progress = func(n int) { fmt.Fprintf(os.Stderr, "\r%d sessions…", n) }
	}
	n := 0
	err = kiosk.WriteFile(*out, func(w io.Writer) (err error) {
		n, err = write(context.Background(), st, w, start, end, progress)
		return err
	})
	if progress != nil {
		fmt.Fprint(os.Stderr, "\r")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk export:", err)
		return 1
	}
	st.Audit(context.Background(), kiosk.AuditEntry{At: time.Now(), Action: kiosk.AuditExport,
		Detail: fmt.Sprintf("%d sessions, %s to %s, %s", n, start.Format("2006-01-02"), end.AddDate(0, 0, -1).Format("2006-01-02"), filepath.Base(*out))})
	fmt.Printf("%d sessions written to %s\n", n, *out)
	return 0
}
