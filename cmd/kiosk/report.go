package main

import (
	"context"
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
	c := newCommand("report", "Usage: kiosk report (--month M | --quarter Q | --year Y) [flags]\n\nWrites the periodic report as a commune sends it upward, in Vietnamese: people\nguided, VNeID accounts helped, dossiers submitted and payments made online with\nhelp, lessons finished, slips printed, satisfaction, by village and by resident\ngroup, each beside the period before. As a PDF (the default) it is the signed\ndocument in the state's layout (Decree 30/2020/NĐ-CP), issued and signed as\nkiosk.json's \"report\" says; as an XLSX, the data behind it.\n")
	c.dataFlag("")
	month := c.fs.String("month", "", "a month, as 2026-10")
	quarter := c.fs.String("quarter", "", "a quarter, as 2026-Q4")
	year := c.fs.String("year", "", "a year, as 2026")
	format := c.fs.String("format", "pdf", "pdf (the document to sign) or xlsx (the data behind it)")
	out := c.fs.String("out", "", "the file to write (default: bao-cao-PERIOD.pdf or .xlsx)")
	if code, ok := c.parse(args); !ok {
		return code
	}
	given := ""
	for _, v := range []string{*month, *quarter, *year} {
		if v != "" {
			if given != "" {
				return c.usageError("give one of --month, --quarter or --year, not two")
			}
			given = v
		}
	}
	if given == "" {
		return c.usageError("give the period with --month, --quarter or --year")
	}
	p, err := report.ParseReportPeriod(given)
	if err != nil {
		return c.usageError("%v", err)
	}
	if *format != "pdf" && *format != "xlsx" {
		return c.usageError("--format: %q is neither pdf nor xlsx", *format)
	}
	if *out == "" {
		*out = "bao-cao-" + given + "." + *format
	}
	// The database is found before the file is made (see export).
	st, dir, err := c.openStoreForReading()
	if err != nil {
		return c.fail(err)
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
		return c.fail(err)
	}
	write := r.WriteXLSX
	if *format == "pdf" {
		doc := report.DocumentFor(pack.Settings, time.Now())
		write = func(w io.Writer) error { return r.WritePDF(w, doc) }
	}
	if err := kiosk.WriteFile(*out, write); err != nil {
		return c.fail(err)
	}
	st.Audit(ctx, kiosk.AuditEntry{At: time.Now(), Action: kiosk.AuditExport, Detail: fmt.Sprintf(kiosk.DetailReportMade, p.Name, r.Sessions, *out)})
	fmt.Printf("%s: %s, %d sessions\n", *out, p.Name, r.Sessions)
	return 0
}
