package report

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

// Exporter writes a period's assisted sessions to a folder (a USB stick
// or the data folder) for the admin's numbers screen.
type Exporter struct {
	Store *store.Store
}

// Count is how many sessions started in [from, to).
func (e *Exporter) Count(ctx context.Context, from, to time.Time) (int, error) {
	return e.Store.CountSessions(ctx, from, to)
}

// Write writes the sessions of [from, to) as CSV and XLSX into dir, named
// by the days, and returns the files' common name. Both are written under
// .part names and renamed only once both are whole: a cancel or a failure
// leaves neither, and an earlier export of the same days is untouched
// until then. progress gets the sessions written, each counted once over
// both files.
func (e *Exporter) Write(ctx context.Context, dir string, from, to time.Time, progress func(done int)) (string, error) {
	base := fmt.Sprintf("phien-ho-tro-%s-den-%s", from.Format("2006-01-02"), to.AddDate(0, 0, -1).Format("2006-01-02"))
	total, err := e.Count(ctx, from, to)
	if err != nil {
		return base, err
	}
	err = os.MkdirAll(dir, 0o750)
	var parts []string
	for i, ext := range []string{"csv", "xlsx"} {
		if err != nil {
			break
		}
		export := ExportCSV
		if ext == "xlsx" {
			export = ExportXLSX
		}
		step := func(n int) {
			if progress != nil {
				progress((i*total + n) / 2)
			}
		}
		part := filepath.Join(dir, base+"."+ext+".part")
		err = kiosk.WriteFile(part, func(w io.Writer) error {
			_, err := export(ctx, e.Store, w, from, to, step)
			return err
		})
		if err == nil {
			parts = append(parts, part)
		}
	}
	for _, p := range parts {
		if err == nil {
			err = kiosk.RenameDurably(p, strings.TrimSuffix(p, ".part"))
		}
	}
	if err != nil {
		for _, p := range parts {
			os.Remove(p)
		}
	}
	return base, err
}

// Days reads a range of days as the commands take it (--from and --to,
// YYYY-MM-DD, both days included, in Vietnam's time zone) into [start,
// end); without them, the current month so far.
func Days(from, to string, now time.Time) (time.Time, time.Time, error) {
	zone := ReportZone
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

// WriteTally writes tally rows as the commands print them: a header of the
// dimensions and what is counted, then a tab-separated row each, "—" for a
// record without a value and for a count where nothing was recorded.
func WriteTally(w io.Writer, by []Dimension, count string, rows []Row) error {
	var b strings.Builder
	var head []string
	for _, d := range by {
		head = append(head, string(d))
	}
	b.WriteString(strings.Join(append(head, count), "\t") + "\n")
	if len(rows) == 0 {
		// No record is not a count of nought.
		b.WriteString(strings.Repeat("\t", len(by)) + Count(0, false) + "\n")
	}
	for _, r := range rows {
		keys := make([]string, len(r.Keys))
		for i, k := range r.Keys {
			if k == "" {
				k = "—"
			}
			keys[i] = k
		}
		b.WriteString(strings.Join(append(keys, Count(r.Count, true)), "\t") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
