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
