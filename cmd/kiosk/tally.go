package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"onestop/kiosk/report"
)

func runTally(args []string) int {
	c := newCommand("tally", "Usage: kiosk tally [flags]\n\nCounts assisted sessions (as corrected; void and open ones not) or resident\nvisits over a period, in Vietnam's time zone, as a tab-separated table.\n")
	c.dataFlag("")
	c.periodFlags()
	by := c.fs.String("by", "", "group by, comma-separated: day, week, month, quarter, year, place, site, kiosk,\nstaff, procedure, help, outcome, reason, group, rating, channel (lesson for lessons_finished)")
	count := c.fs.String("count", "sessions", "what to count: sessions, visits, procedures_viewed, qr_shown, lessons_finished, help_requests or slips_printed")
	if code, ok := c.parse(args); !ok {
		return code
	}
	start, end, err := c.period()
	if err != nil {
		return c.usageError("%v", err)
	}
	var dims []report.Dimension
	for _, d := range strings.Split(*by, ",") {
		if d = strings.TrimSpace(d); d != "" {
			dims = append(dims, report.Dimension(d))
		}
	}
	// Mistakes in --by and --count are usage errors, told before the
	// database is opened; which groupings a visit measure has only
	// report.Tallies knows (below).
	for i, d := range dims {
		if slices.Contains(dims[:i], d) {
			return c.usageError("--by names %q twice", d)
		}
	}
	switch report.VisitMeasure(*count) {
	case "sessions":
		for _, d := range dims {
			if !slices.Contains(report.SessionDimensions, d) {
				return c.usageError("sessions are not tallied by %q", d)
			}
		}
	case report.VisitCount, report.ProceduresViewed, report.QRShown, report.LessonsFinished, report.HelpRequests, report.SlipsPrinted:
	default:
		return c.usageError("--count %q: say sessions, visits, procedures_viewed, qr_shown, lessons_finished, help_requests or slips_printed", *count)
	}
	st, _, err := c.openStoreForReading()
	if err != nil {
		return c.fail(err)
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
		// Mostly a grouping the visit measure has not: exit 2, as before.
		fmt.Fprintln(os.Stderr, "kiosk tally:", err)
		return 2
	}
	report.WriteTally(os.Stdout, dims, *count, rows)
	return 0
}
