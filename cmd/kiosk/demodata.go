package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"onestop/kiosk"
	"onestop/kiosk/report"
)

func runDemoData(args []string) int {
	c := newCommand("demo-data", "Usage: kiosk demo-data --data DIR [flags]\n\nFills a database with realistic synthetic records (kiosk id DEMO) for\ndemonstrations and benchmarks. It refuses a database that holds another\nkiosk's real records.\n")
	c.dataFlag("the data folder to fill (required: never a kiosk's own by accident)")
	sessions := c.fs.Int("sessions", 1000, "assisted sessions to make")
	days := c.fs.Int("days", 90, "spread over this many days before today")
	visits := c.fs.Int("visits", -1, "resident visits to make; -1 makes five a session")
	if code, ok := c.parse(args); !ok {
		return code
	}
	switch {
	case *c.data == "":
		return c.usageError("give the folder to fill with --data (an empty one, never a kiosk's own)")
	case *sessions < 0:
		return c.usageError("--sessions %d: give 0 or more", *sessions)
	case *days < 1:
		return c.usageError("--days %d: give 1 or more", *days)
	}
	if *visits < 0 {
		*visits = 5 * *sessions
	}
	st, _, err := c.openStore()
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	ctx := context.Background()
	// Demo records beside real ones would end up in a real report.
	real := 0
	st.EachSession(ctx, time.Unix(0, 0), time.Now().AddDate(1, 0, 0), func(s kiosk.Session) error {
		if s.KioskID != report.DemoKiosk {
			real++
		}
		return nil
	})
	if real > 0 {
		fmt.Fprintf(os.Stderr, "kiosk demo-data: %s holds %d real sessions: use an empty data folder\n", *c.data, real)
		return 1
	}
	var progress func(int)
	total := *sessions + *visits
	if term.IsTerminal(int(os.Stderr.Fd())) {
		progress = func(n int) { fmt.Fprintf(os.Stderr, "\r%d of %d records…", n, total) }
	}
	d := &report.Demo{Store: st, Site: "Điểm demo", Places: []string{"Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Xóm Đông", "Xóm Bắc"},
		Seed: uint64(time.Now().UnixNano())}
	t0 := time.Now()
	if err := d.Fill(ctx, *sessions, *days, *visits, time.Now(), progress); err != nil {
		fmt.Fprintln(os.Stderr, "\nkiosk demo-data:", err)
		return 1
	}
	if progress != nil {
		fmt.Fprint(os.Stderr, "\r"+strings.Repeat(" ", 40)+"\r")
	}
	fmt.Printf("%d sessions and %d visits made in %s\n", *sessions, *visits, time.Since(t0).Round(time.Millisecond))
	return 0
}
