package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"onestop/kiosk"
	"onestop/kiosk/report"
)

func runTally(args []string) int {
	fs := flag.NewFlagSet("tally", flag.ContinueOnError)
	data := fs.String("data", "", "the data folder (default: the user's data folder)")
	from := fs.String("from", "", "first day, YYYY-MM-DD (default: the first of this month)")
	to := fs.String("to", "", "last day, YYYY-MM-DD, included (default: today)")
	by := fs.String("by", "", "group by, comma-separated: day, week, month, quarter, year, place, site, kiosk,\nstaff, procedure, help, outcome, reason, group, rating, channel (lesson for lessons_finished)")
	count := fs.String("count", "sessions", "what to count: sessions, visits, procedures_viewed, qr_shown or lessons_finished")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: kiosk tally [flags]\n\nCounts assisted sessions (as corrected; void and open ones not) or resident\nvisits over a period, in Vietnam's time zone, as a tab-separated table.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	start, end, err := period(*from, *to, kiosk.SystemClock{}.Now())
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk tally:", err)
		return 2
	}
	var dims []report.Dimension
	for _, d := range strings.Split(*by, ",") {
		if d = strings.TrimSpace(d); d != "" {
			dims = append(dims, report.Dimension(d))
		}
	}
	st, _, err := openDataForReading(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk tally:", err)
		return 1
	}
	defer st.Close()
	t := &report.Tallies{Store: st}
	ctx := context.Background()
	var rows []report.Row
	if *count == "sessions" {
		rows, err = t.Sessions(ctx, start, end, dims...)
	} else {
		rows, err = t.Visits(ctx, report.VisitMeasure(*count), start, end, dims...)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk tally:", err)
		return 2
	}
	var head []string
	for _, d := range dims {
		head = append(head, string(d))
	}
	fmt.Println(strings.Join(append(head, *count), "\t"))
	if len(rows) == 0 {
		// No record is not a count of nought.
		fmt.Println(strings.Repeat("\t", len(dims)) + report.Count(0, false))
	}
	for _, r := range rows {
		keys := make([]string, len(r.Keys))
		for i, k := range r.Keys {
			if k == "" {
				k = "—"
			}
			keys[i] = k
		}
		fmt.Println(strings.Join(append(keys, report.Count(r.Count, true)), "\t"))
	}
	return 0
}
