// Command tallybench times the admin's tallies on a database (made by
// kiosk demo-data): one month grouped by procedure, and a whole year by
// village and month, each the median of N runs after one warm-up, opened
// once as the kiosk would. It prints the two medians in milliseconds.
//
//	tallybench DB [N]
package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"time"

	"onestop/kiosk/report"
	"onestop/kiosk/store"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: tallybench DB [N]")
		os.Exit(2)
	}
	n := 5
	if len(os.Args) > 2 {
		n, _ = strconv.Atoi(os.Args[2])
	}
	st, err := store.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "tallybench:", err)
		os.Exit(1)
	}
	defer st.Close()
	ctx := context.Background()
	t := &report.Tallies{Store: st}
	now := time.Now().In(report.ReportZone)
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, report.ReportZone).AddDate(0, -1, 0)
	yearEnd := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, report.ReportZone)
	median := func(f func() error) float64 {
		if err := f(); err != nil { // warm-up
			fmt.Fprintln(os.Stderr, "tallybench:", err)
			os.Exit(1)
		}
		var ms []float64
		for range n {
			t0 := time.Now()
			if err := f(); err != nil {
				fmt.Fprintln(os.Stderr, "tallybench:", err)
				os.Exit(1)
			}
			ms = append(ms, float64(time.Since(t0).Microseconds())/1000)
		}
		slices.Sort(ms)
		return ms[len(ms)/2]
	}
	a := median(func() error {
		_, err := t.Sessions(ctx, month, month.AddDate(0, 1, 0), report.ByProcedure)
		return err
	})
	b := median(func() error {
		_, err := t.Sessions(ctx, yearEnd.AddDate(-1, 0, 0), yearEnd, report.ByPlace, report.ByMonth)
		return err
	})
	fmt.Printf("%.1f %.1f\n", a, b)
}
