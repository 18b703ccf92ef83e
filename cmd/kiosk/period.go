package main

import (
	"fmt"
	"time"

	"onestop/kiosk/report"
)

// period reads --from and --to (YYYY-MM-DD, both days included, in
// Vietnam's time zone); without them, the current month so far.
func period(from, to string, now time.Time) (time.Time, time.Time, error) {
	zone := report.ReportZone
	now = now.In(zone)
	start := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, zone)
	end := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, zone).AddDate(0, 0, 1)
	var err error
	if from != "" {
		if start, err = time.ParseInLocation("2006-01-02", from, zone); err != nil {
			return start, end, fmt.Errorf("--from %q is not a date like 2026-10-01", from)
		}
	}
	if to != "" {
		var last time.Time
		if last, err = time.ParseInLocation("2006-01-02", to, zone); err != nil {
			return start, end, fmt.Errorf("--to %q is not a date like 2026-10-31", to)
		}
		end = last.AddDate(0, 0, 1)
	}
	if !end.After(start) {
		return start, end, fmt.Errorf("--to is before --from")
	}
	return start, end, nil
}
