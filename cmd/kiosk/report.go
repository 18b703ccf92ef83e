package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"golang.org/x/term"

	"onestop/kiosk"
	"onestop/kiosk/report"
)

func runReport(args []string) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	data := fs.String("data", "", "the data folder (default: the user's data folder)")
	month := fs.String("month", "", "a month, as 2026-10")
	quarter := fs.String("quarter", "", "a quarter, as 2026-Q4")
	year := fs.String("year", "", "a year, as 2026")
	out := fs.String("out", "", "the XLSX file to write (default: bao-cao-PERIOD.xlsx)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: kiosk report (--month M | --quarter Q | --year Y) [flags]\n\nWrites the periodic report as a commune sends it upward, in Vietnamese: people\nguided, VNeID accounts helped, dossiers submitted and payments made online with\nhelp, lessons finished, satisfaction, by village and by resident group.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	given := ""
	for _, v := range []string{*month, *quarter, *year} {
		if v != "" {
			if given != "" {
				fmt.Fprintln(os.Stderr, "kiosk report: give one of --month, --quarter or --year")
				return 2
			}
			given = v
		}
	}
	if given == "" {
		fs.Usage()
		return 2
	}
	p, err := report.ParseReportPeriod(given)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk report:", err)
		return 2
	}
	if *out == "" {
		*out = "bao-cao-" + given + ".xlsx"
	}
	st, dir, err := openDataForReading(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk report:", err)
		return 1
	}
	defer st.Close()
	pack, _ := loadPack("", dir, log.New(io.Discard, "", 0))
	ctx := context.Background()
	var progress func(int)
	if term.IsTerminal(int(os.Stderr.Fd())) {
		progress = func(n int) { fmt.Fprintf(os.Stderr, "\r%d sessions…", n) }
	}
	r, err := report.BuildReport(ctx, st, p, pack.Settings.SiteName, pack.Settings.Commune, progress)
	if progress != nil {
		fmt.Fprint(os.Stderr, "\r")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk report:", err)
		return 1
	}
	if err := kiosk.WriteFile(*out, r.WriteXLSX); err != nil {
		fmt.Fprintln(os.Stderr, "kiosk report:", err)
		return 1
	}
	st.Audit(ctx, kiosk.AuditEntry{At: time.Now(), Action: kiosk.AuditExport, Detail: fmt.Sprintf("report %s: %d sessions, %s", p.Name, r.Sessions, *out)})
	fmt.Printf("%s: %s, %d sessions\n", *out, p.Name, r.Sessions)
	return 0
}
