package report

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/store"
)

// Reports makes the periodic report for the admin's numbers screen: the
// PDF to sign and the XLSX behind it, written to a folder of the kiosk's
// own for a preview, then copied to a USB stick or printed.
type Reports struct {
	Store *store.Store

	mu       sync.Mutex
	settings content.Settings
}

// NewReports makes the reports of a site with these settings.
func NewReports(st *store.Store, s content.Settings) *Reports {
	return &Reports{Store: st, settings: s}
}

// SetSettings changes the site's settings (a new content pack), safely
// while a report is being made.
func (x *Reports) SetSettings(s content.Settings) {
	x.mu.Lock()
	x.settings = s
	x.mu.Unlock()
}

func (x *Reports) siteSettings() content.Settings {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.settings
}

// Made is a report written to files.
type Made struct {
	Period    ReportPeriod
	PDF, XLSX string
	Sessions  int
}

// FileBase names a period's report files: bao-cao-2026-11, -2026-Q4, -2026.
func FileBase(p ReportPeriod) string {
	switch p.months {
	case 3:
		return fmt.Sprintf("bao-cao-%d-Q%d", p.From.Year(), (p.From.Month()-1)/3+1)
	case 12:
		return fmt.Sprintf("bao-cao-%d", p.From.Year())
	}
	return "bao-cao-" + p.From.Format("2006-01")
}

// Make counts the period and writes its PDF and XLSX into dir, each whole
// or not at all, as written at now.
func (x *Reports) Make(ctx context.Context, dir string, p ReportPeriod, now time.Time) (Made, error) {
	settings := x.siteSettings()
	r, err := BuildReport(ctx, x.Store, p, settings.SiteName, settings.Commune, nil)
	if err != nil {
		return Made{}, err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return Made{}, err
	}
	base := filepath.Join(dir, FileBase(p))
	m := Made{Period: p, PDF: base + ".pdf", XLSX: base + ".xlsx", Sessions: r.Sessions}
	doc := DocumentFor(settings, now)
	if err := kiosk.WriteFile(m.PDF, func(w io.Writer) error { return r.WritePDF(w, doc) }); err != nil {
		return Made{}, err
	}
	if err := kiosk.WriteFile(m.XLSX, r.WriteXLSX); err != nil {
		return Made{}, err
	}
	return m, nil
}

// CopyTo copies the report's files into dir (a USB stick), each whole or
// not at all.
func (m Made) CopyTo(dir string) error {
	for _, f := range []string{m.PDF, m.XLSX} {
		src, err := os.Open(f)
		if err != nil {
			return err
		}
		err = kiosk.WriteFile(filepath.Join(dir, filepath.Base(f)), func(w io.Writer) error {
			_, err := io.Copy(w, src)
			return err
		})
		src.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// PeriodOf is the report period of a month, quarter or year that starts
// at from and ends at to, or false for other days (a custom range).
func PeriodOf(from, to time.Time) (ReportPeriod, bool) {
	from, to = from.In(ReportZone), to.In(ReportZone)
	var key string
	switch {
	case from.Day() != 1:
		return ReportPeriod{}, false
	case to.Equal(from.AddDate(0, 1, 0)):
		key = from.Format("2006-01")
	case to.Equal(from.AddDate(0, 3, 0)) && (from.Month()-1)%3 == 0:
		key = fmt.Sprintf("%d-Q%d", from.Year(), (from.Month()-1)/3+1)
	case to.Equal(from.AddDate(1, 0, 0)) && from.Month() == time.January:
		key = fmt.Sprint(from.Year())
	default:
		return ReportPeriod{}, false
	}
	p, err := ParseReportPeriod(key)
	return p, err == nil
}
