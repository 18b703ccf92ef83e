package main

import (
	"time"

	"onestop/kiosk/report"
)

// period reads --from and --to (YYYY-MM-DD, both days included, in
// Vietnam's time zone); without them, the current month so far.
func period(from, to string, now time.Time) (time.Time, time.Time, error) {
	return report.Days(from, to, now)
}
