package collector

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/report"
)

// EachSession calls f with the latest version of every session started
// in [from, to) (of the site, when set), in the order they started: what
// report.BuildReport reads. The province keeps what its tallies and
// reports count (status, lists, outcome, place, groups, rating), not the
// notes.
func (c Counter) EachSession(ctx context.Context, from, to time.Time, f func(kiosk.Session) error) error {
	q := `SELECT session_id::text, version, status, kiosk_id, site, staff_id::text, started_at, procedures, help,
			outcome, reason, channel, place, groups, rating
		FROM session_latest WHERE day BETWEEN $1 AND $2 AND started_at >= $3 AND started_at < $4`
	args := []any{kiosk.LocalDay(from), kiosk.LocalDay(to.Add(-time.Millisecond)), from.UnixMilli(), to.UnixMilli()}
	if c.Site != "" {
		q += " AND site = $5"
		args = append(args, c.Site)
	}
	rows, err := c.DB.pool.Query(ctx, q+" ORDER BY day, started_at, session_id", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s kiosk.Session
		var started int64
		var rating int16
		if err := rows.Scan(&s.ID, &s.Version, &s.Status, &s.KioskID, &s.Site, &s.StaffID, &started, &s.Procedures,
			&s.Help, &s.Outcome, &s.Reason, &s.Channel, &s.Place, &s.Groups, &rating); err != nil {
			return err
		}
		s.Started, s.Rating, s.Consent = time.UnixMilli(started), int(rating), len(s.Groups) > 0
		if err := f(s); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ReportHead is who issues and signs the province's reports: the same
// fields as a kiosk.json's "report" block.
type ReportHead struct {
	content.ReportSettings
	Province string // "Tỉnh Nghệ An"
}

// Document is the report's document for the whole province or one site.
func (h ReportHead) Document(site string, kiosks int, now time.Time) report.Document {
	r := h.ReportSettings
	province := h.Province
	if province == "" {
		province = "Tỉnh"
	}
	if len(r.Issuer) == 0 {
		r.Issuer = []string{"ỦY BAN NHÂN DÂN", strings.ToUpper(province)}
	}
	if r.Symbol == "" {
		r.Symbol = "BC-UBND"
	}
	if r.Place == "" {
		r.Place = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(province, "Tỉnh"), "Thành phố"))
	}
	if r.SignerTitle == "" {
		r.SignFor, r.SignAs, r.SignerTitle = "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
	}
	first, size := utf8.DecodeRuneInString(province)
	lowered := string(unicode.ToLower(first)) + province[size:]
	d := report.Document{Head: r, Reporter: "Ủy ban nhân dân " + lowered, Written: now,
		Site:     "các Bộ phận Một cửa và điểm bưu điện của " + lowered,
		Recorder: fmt.Sprintf("%d máy hướng dẫn", kiosks)}
	if site != "" {
		d.Site = site
		d.Recorder = fmt.Sprintf("%d máy hướng dẫn tại %s", kiosks, site)
	}
	return d
}

// Report writes the period's signed report (PDF) or its data (XLSX) for
// the whole province, or for one site when site is set.
func (db *DB) Report(ctx context.Context, p report.ReportPeriod, site string, head ReportHead, xlsx bool, w io.Writer) error {
	r, err := report.BuildReport(ctx, Counter{DB: db, Site: site}, p, site, head.Province, nil)
	if err != nil {
		return err
	}
	if xlsx {
		return r.WriteXLSX(w)
	}
	var kiosks int
	q := "SELECT COUNT(DISTINCT kiosk_id) FROM session_latest WHERE day BETWEEN $1 AND $2"
	args := []any{kiosk.LocalDay(p.From), kiosk.LocalDay(p.To.Add(-time.Millisecond))}
	if site != "" {
		q += " AND site = $3"
		args = append(args, site)
	}
	if err := db.pool.QueryRow(ctx, q, args...).Scan(&kiosks); err != nil {
		return err
	}
	return r.WritePDF(w, head.Document(site, kiosks, time.Now()))
}
