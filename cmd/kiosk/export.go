package main

import (
	"context"
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
	c := newCommand("export", "Usage: kiosk export --out FILE [flags]\n\nWrites the assisted sessions started in the period, one row a session (its\nlatest version; void and open ones with their status).\n")
	c.dataFlag("")
	c.periodFlags()
	format := c.fs.String("format", "csv", "csv (for Excel: UTF-8 with a byte-order mark, formulas neutralised), xlsx (a data sheet,\na summary sheet and a chart) or jsonl (one session a line, for machines and kiosk merge)")
	out := c.fs.String("out", "", "the file to write (required)")
	if code, ok := c.parse(args); !ok {
		return code
	}
	if *out == "" {
		return c.usageError("give the file to write with --out FILE")
	}
	write := map[string]func(context.Context, *store.Store, io.Writer, time.Time, time.Time, func(int)) (int, error){
		"csv":   report.ExportCSV,
		"jsonl": report.ExportJSONL,
		"xlsx":  report.ExportXLSX,
	}[*format]
	if write == nil {
		return c.usageError("--format %q: say csv, xlsx or jsonl", *format)
	}
	start, end, err := c.period()
	if err != nil {
		return c.usageError("%v", err)
	}
	// The database is found before the file is made: a mistyped --data
	// must not leave an empty export that reads as a month without work.
	st, _, err := c.openStoreForReading()
	if err != nil {
		return c.fail(err)
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
		return c.fail(err)
	}
	st.Audit(context.Background(), kiosk.AuditEntry{At: time.Now(), Action: kiosk.AuditExport,
		Detail: fmt.Sprintf(kiosk.DetailExportMade, n, start.Format("2006-01-02"), end.AddDate(0, 0, -1).Format("2006-01-02"), filepath.Base(*out))})
	fmt.Printf("%d sessions written to %s\n", n, *out)
	return 0
}
