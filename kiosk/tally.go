package kiosk

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"onestop/kiosk/store"
)

// Dimension is something tallies are grouped by.
type Dimension string

// The dimensions. A session helped with two procedures counts once under
// each of them (and likewise for the kinds of help and the groups), so a
// table grouped by procedure says how many sessions touched each.
const (
	ByDay       Dimension = "day"
	ByWeek      Dimension = "week" // ISO week: 2026-W41
	ByMonth     Dimension = "month"
	ByQuarter   Dimension = "quarter"
	ByYear      Dimension = "year"
	ByPlace     Dimension = "place" // the resident's commune or village
	BySite      Dimension = "site"
	ByKiosk     Dimension = "kiosk"
	ByStaff     Dimension = "staff"
	ByProcedure Dimension = "procedure"
	ByHelp      Dimension = "help"
	ByOutcome   Dimension = "outcome"
	ByReason    Dimension = "reason"
	ByGroup     Dimension = "group"
	ByRating    Dimension = "rating"
	ByChannel   Dimension = "channel"
	ByLesson    Dimension = "lesson" // visits only
)

// SessionDimensions are the dimensions assisted sessions are tallied by.
var SessionDimensions = []Dimension{ByDay, ByWeek, ByMonth, ByQuarter, ByYear, ByPlace, BySite, ByKiosk, ByStaff,
	ByProcedure, ByHelp, ByOutcome, ByReason, ByGroup, ByRating, ByChannel}

// Reporting happens in the kiosks' own time zone: a session at 23:30 on
// 31 October belongs to October whatever the machine's zone.
var ReportZone = mustZone("Asia/Ho_Chi_Minh")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone("ICT", 7*3600) // Vietnam has no daylight saving
	}
	return loc
}

// Row is one line of a tally: its keys (one per dimension, "" where a
// record has no value) and its count.
type Row struct {
	Keys  []string
	Count int
}

// Tallies count what the kiosk recorded.
type Tallies struct {
	Store *store.Store
	Zone  *time.Location // default ReportZone

	noSQL bool // count record by record in Go (tests compare the two ways)
}

func (t *Tallies) zone() *time.Location {
	if t.Zone != nil {
		return t.Zone
	}
	return ReportZone
}

// Sessions counts the assisted sessions that started in [from, to), as
// their latest version says (a corrected session counts as corrected;
// void and still-open sessions do not count), grouped by the dimensions.
// Rows come sorted by their keys.
func (t *Tallies) Sessions(ctx context.Context, from, to time.Time, by ...Dimension) ([]Row, error) {
	for _, d := range by {
		if !slices.Contains(SessionDimensions, d) {
			return nil, fmt.Errorf("sessions are not tallied by %q", d)
		}
	}
	if cols, ok := t.sqlColumns(by); ok && !t.noSQL {
		keys, ns, err := t.Store.TallySessions(ctx, from, to, cols)
		if err != nil {
			return nil, err
		}
		counts := map[string]int{}
		for i, k := range keys {
			counts[strings.Join(k, "\x00")] += ns[i]
		}
		return sortedRows(counts), nil
	}
	counts := map[string]int{}
	err := t.Store.EachSession(ctx, from, to, func(s store.Session) error {
		if s.Status != store.SessionClosed {
			return nil
		}
		for _, keys := range t.sessionKeys(s, by) {
			counts[strings.Join(keys, "\x00")]++
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, err
	}
	return sortedRows(counts), nil
}

// sqlColumns are the SQL expressions of the dimensions, when every one has
// one: the counting then happens in SQLite, not record by record in Go.
// Vietnam keeps UTC+7 all year, so its periods are UTC's shifted 7 hours
// (the zone is checked, not assumed). ISO weeks are counted in Go.
func (t *Tallies) sqlColumns(by []Dimension) ([]store.TallyColumn, bool) {
	if _, off := time.Date(2026, 1, 1, 0, 0, 0, 0, t.zone()).Zone(); off != 7*3600 {
		return nil, false
	}
	if _, off := time.Date(2026, 7, 1, 0, 0, 0, 0, t.zone()).Zone(); off != 7*3600 {
		return nil, false
	}
	const local = "v.started_at / 1000 + 25200, 'unixepoch'"
	var cols []store.TallyColumn
	for _, d := range by {
		var c store.TallyColumn
		switch d {
		case ByDay:
			c.Expr = "strftime('%Y-%m-%d', " + local + ")"
		case ByMonth:
			c.Expr = "strftime('%Y-%m', " + local + ")"
		case ByYear:
			c.Expr = "strftime('%Y', " + local + ")"
		case ByQuarter:
			c.Expr = "strftime('%Y', " + local + ") || '-Q' || ((CAST(strftime('%m', " + local + ") AS INTEGER) + 2) / 3)"
		case ByPlace:
			c.Expr = "v.place"
		case BySite:
			c.Expr = "v.site"
		case ByKiosk:
			c.Expr = "v.kiosk_id"
		case ByStaff:
			c.Expr = "v.staff_id"
		case ByOutcome:
			c.Expr = "v.outcome"
		case ByReason:
			c.Expr = "v.reason"
		case ByChannel:
			c.Expr = "v.channel"
		case ByRating:
			c.Expr = "CASE WHEN v.rating = 0 THEN '' ELSE CAST(v.rating AS TEXT) END"
		case ByProcedure:
			c = store.TallyColumn{Expr: "v.procedures", Multi: true}
		case ByHelp:
			c = store.TallyColumn{Expr: "v.help", Multi: true}
		case ByGroup:
			c = store.TallyColumn{Expr: "v.groups", Multi: true}
		default:
			return nil, false
		}
		cols = append(cols, c)
	}
	return cols, true
}

// sessionKeys lists the key tuples a session counts under: one, or more
// when a dimension has several values.
func (t *Tallies) sessionKeys(s store.Session, by []Dimension) [][]string {
	out := [][]string{{}}
	for _, d := range by {
		values := t.sessionValues(s, d)
		if len(values) == 0 {
			values = []string{""}
		}
		var next [][]string
		for _, k := range out {
			for _, v := range values {
				next = append(next, append(slices.Clone(k), v))
			}
		}
		out = next
	}
	return out
}

func (t *Tallies) sessionValues(s store.Session, d Dimension) []string {
	switch d {
	case ByPlace:
		return one(s.Place)
	case BySite:
		return one(s.Site)
	case ByKiosk:
		return one(s.KioskID)
	case ByStaff:
		return one(s.StaffID)
	case ByProcedure:
		return s.Procedures
	case ByHelp:
		return s.Help
	case ByOutcome:
		return one(s.Outcome)
	case ByReason:
		return one(s.Reason)
	case ByGroup:
		return s.Groups
	case ByRating:
		if s.Rating == 0 {
			return nil
		}
		return []string{strconv.Itoa(s.Rating)}
	case ByChannel:
		return one(s.Channel)
	}
	return []string{Period(s.Started, d, t.zone())}
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// Period is the key of the period a time falls in, in the zone:
// 2026-10-10, 2026-W41, 2026-10, 2026-Q4 or 2026.
func Period(at time.Time, d Dimension, zone *time.Location) string {
	at = at.In(zone)
	switch d {
	case ByDay:
		return at.Format("2006-01-02")
	case ByWeek:
		y, w := at.ISOWeek()
		return fmt.Sprintf("%d-W%02d", y, w)
	case ByMonth:
		return at.Format("2006-01")
	case ByQuarter:
		return fmt.Sprintf("%d-Q%d", at.Year(), (int(at.Month())-1)/3+1)
	case ByYear:
		return strconv.Itoa(at.Year())
	}
	return ""
}

func sortedRows(counts map[string]int) []Row {
	rows := make([]Row, 0, len(counts))
	for k, n := range counts {
		var keys []string
		if k != "" {
			keys = strings.Split(k, "\x00")
		}
		rows = append(rows, Row{Keys: keys, Count: n})
	}
	slices.SortFunc(rows, func(a, b Row) int { return slices.Compare(a.Keys, b.Keys) })
	return rows
}

// VisitMeasure is what is counted of the anonymous resident visits.
type VisitMeasure string

// The visit measures.
const (
	VisitCount       VisitMeasure = "visits"            // resident visits
	ProceduresViewed VisitMeasure = "procedures_viewed" // procedure pages opened
	QRShown          VisitMeasure = "qr_shown"          // QR codes shown
	LessonsFinished  VisitMeasure = "lessons_finished"  // lessons played to their end
)

// Visits counts a measure of the resident visits that started in
// [from, to), grouped by period dimensions, kiosk, and (for the event
// measures) the procedure or lesson concerned.
func (t *Tallies) Visits(ctx context.Context, m VisitMeasure, from, to time.Time, by ...Dimension) ([]Row, error) {
	var kind store.EventKind
	switch m {
	case VisitCount:
	case ProceduresViewed:
		kind = store.EventProcedure
	case QRShown:
		kind = store.EventQR
	case LessonsFinished:
		kind = store.EventLessonDone
	default:
		return nil, fmt.Errorf("unknown visit measure %q", m)
	}
	for _, d := range by {
		switch d {
		case ByDay, ByWeek, ByMonth, ByQuarter, ByYear, ByKiosk:
		case ByProcedure, ByLesson:
			if m == VisitCount {
				return nil, fmt.Errorf("visits are not grouped by %q: count procedures_viewed, qr_shown or lessons_finished", d)
			}
		default:
			return nil, fmt.Errorf("visits are not tallied by %q", d)
		}
	}
	visits, err := t.Store.Visits(ctx, from, to)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, v := range visits {
		key := func(detail string) string {
			var keys []string
			for _, d := range by {
				switch d {
				case ByKiosk:
					keys = append(keys, v.KioskID)
				case ByProcedure, ByLesson:
					keys = append(keys, detail)
				default:
					keys = append(keys, Period(v.Started, d, t.zone()))
				}
			}
			return strings.Join(keys, "\x00")
		}
		if m == VisitCount {
			counts[key("")]++
			continue
		}
		events, err := t.Store.Events(ctx, v.ID)
		if err != nil {
			return nil, err
		}
		for _, e := range events {
			if e.Kind != kind {
				continue
			}
			detail := e.Procedure
			if m == LessonsFinished {
				detail = e.Detail
			}
			counts[key(detail)]++
		}
	}
	return sortedRows(counts), nil
}

// Count shows a count in a table: "—" where there is no data, never 0
// (a period with no record is not a period with none helped).
func Count(n int, has bool) string {
	if !has {
		return "—"
	}
	return strconv.Itoa(n)
}
