package report

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"onestop/kiosk"
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
var ReportZone = kiosk.Zone

// Row is one line of a tally: its keys (one per dimension, "" where a
// record has no value) and its count.
type Row struct {
	Keys  []string
	Count int
}

// Counter counts records in SQL by the store's tally keys: a kiosk's
// store.Store, or the province's collector.
type Counter interface {
	TallySessions(ctx context.Context, from, to time.Time, keys []string) ([][]string, []int, error)
	TallyVisits(ctx context.Context, from, to time.Time, kind kiosk.EventKind, keys []string) ([][]string, []int, error)
}

// Tallies count what the kiosk recorded.
type Tallies struct {
	Store *store.Store
	// Counter, when set, counts instead of Store: the collector's
	// records, counted the same way. It needs a zone that keeps UTC+7.
	Counter Counter
	Zone    *time.Location // default ReportZone

	noSQL bool // count record by record in Go (tests compare the two ways)
}

func (t *Tallies) counter() Counter {
	if t.Counter != nil {
		return t.Counter
	}
	return t.Store
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
	for i, d := range by {
		if !slices.Contains(SessionDimensions, d) {
			return nil, fmt.Errorf("sessions are not tallied by %q", d)
		}
		if slices.Contains(by[:i], d) {
			return nil, fmt.Errorf("tally dimension %q named twice", d)
		}
	}
	if t.Counter != nil || (t.fixedOffset() && !t.noSQL) {
		return t.sessionsSQL(ctx, from, to, by)
	}
	counts := map[string]int{}
	err := t.Store.EachSession(ctx, from, to, func(s kiosk.Session) error {
		if s.Status != kiosk.SessionClosed {
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
	return sortedRows(counts, len(by)), nil
}

// fixedOffset says whether the zone keeps UTC+7 all year, as Vietnam does:
// then its days are the store's kiosk.LocalDay and the counting can happen in
// SQLite, by day, with the days folded into longer periods here. (The zone
// is checked, not assumed: tests count in others.)
func (t *Tallies) fixedOffset() bool {
	for _, m := range []time.Month{time.January, time.July} {
		if _, off := time.Date(2026, m, 1, 0, 0, 0, 0, t.zone()).Zone(); off != kiosk.ZoneOffset {
			return false
		}
	}
	return true
}

// storeKeys are the store's tally keys for the dimensions: every period
// is counted by day.
var storeKeys = map[Dimension]string{
	ByDay: store.TallyDay, ByWeek: store.TallyDay, ByMonth: store.TallyDay, ByQuarter: store.TallyDay, ByYear: store.TallyDay,
	ByPlace: "place", BySite: "site", ByKiosk: "kiosk", ByStaff: "staff", ByProcedure: store.TallyProcedure,
	ByHelp: store.TallyHelp, ByOutcome: "outcome", ByReason: "reason", ByGroup: store.TallyGroup, ByRating: "rating", ByChannel: "channel",
}

func (t *Tallies) sessionsSQL(ctx context.Context, from, to time.Time, by []Dimension) ([]Row, error) {
	var keys []string
	at := make([]int, len(by)) // where each dimension's value is in the store's keys
	for i, d := range by {
		k := storeKeys[d]
		at[i] = slices.Index(keys, k)
		if at[i] < 0 {
			at[i] = len(keys)
			keys = append(keys, k)
		}
	}
	got, ns, err := t.counter().TallySessions(ctx, from, to, keys)
	if err != nil {
		return nil, err
	}
	return foldPeriods(got, ns, by, at, t.zone(), store.TallyDay)
}

// foldPeriods turns rows counted by day (when is store.TallyDay) or by
// moment ("started_at") into rows counted by the periods the dimensions
// ask for, adding up the rows of a period. at says where each dimension's
// value is in a row.
func foldPeriods(got [][]string, ns []int, by []Dimension, at []int, zone *time.Location, when string) ([]Row, error) {
	counts := map[string]int{}
	parts := make([]string, len(by))
	for r, k := range got {
		for i, d := range by {
			parts[i] = k[at[i]]
			if isPeriod(d) {
				n, err := strconv.ParseInt(parts[i], 10, 64)
				if err != nil {
					return nil, fmt.Errorf("tally: %s %q: %w", when, parts[i], err)
				}
				moment := time.UnixMilli(n)
				if when == store.TallyDay {
					moment = kiosk.DayStart(n)
				}
				parts[i] = Period(moment, d, zone)
			}
		}
		counts[strings.Join(parts, "\x00")] += ns[r]
	}
	return sortedRows(counts, len(by)), nil
}

// sessionKeys lists the key tuples a session counts under: one, or more
// when a dimension has several values.
func (t *Tallies) sessionKeys(s kiosk.Session, by []Dimension) [][]string {
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

func (t *Tallies) sessionValues(s kiosk.Session, d Dimension) []string {
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

func isPeriod(d Dimension) bool {
	switch d {
	case ByDay, ByWeek, ByMonth, ByQuarter, ByYear:
		return true
	}
	return false
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

// sortedRows turns counts by joined keys into rows of n keys each (an
// empty value stays an empty key, never a missing one).
func sortedRows(counts map[string]int, n int) []Row {
	rows := make([]Row, 0, len(counts))
	for k, c := range counts {
		var keys []string
		if n > 0 {
			keys = strings.Split(k, "\x00")
		}
		rows = append(rows, Row{Keys: keys, Count: c})
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
	HelpRequests     VisitMeasure = "help_requests"     // residents who asked for a person at the counter
	SlipsPrinted     VisitMeasure = "slips_printed"     // slips printed for residents to take home
)

// kiosk.Visits counts a measure of the resident visits that started in
// [from, to), grouped by period dimensions, kiosk, and (for the event
// measures) the procedure or lesson concerned.
func (t *Tallies) Visits(ctx context.Context, m VisitMeasure, from, to time.Time, by ...Dimension) ([]Row, error) {
	var kind kiosk.EventKind
	detail := "procedure" // the event's column a procedure or lesson is in
	switch m {
	case VisitCount:
	case ProceduresViewed:
		kind = kiosk.EventProcedure
	case QRShown:
		kind = kiosk.EventQR
	case LessonsFinished:
		kind, detail = kiosk.EventLessonDone, "detail"
	case HelpRequests:
		kind = kiosk.EventHelp
	case SlipsPrinted:
		kind = kiosk.EventSlip
	default:
		return nil, fmt.Errorf("unknown visit measure %q", m)
	}
	when := "started_at"
	if t.Counter != nil || (t.fixedOffset() && !t.noSQL) {
		when = store.TallyDay
	}
	var keys []string
	at := make([]int, len(by))
	for i, d := range by {
		var k string
		switch {
		case isPeriod(d):
			k = when
		case d == ByKiosk:
			k = "kiosk"
		case d == ByProcedure || d == ByLesson:
			if m == VisitCount {
				return nil, fmt.Errorf("visits are not grouped by %q: count procedures_viewed, qr_shown or lessons_finished", d)
			}
			k = detail
		default:
			return nil, fmt.Errorf("visits are not tallied by %q", d)
		}
		if slices.Contains(by[:i], d) {
			return nil, fmt.Errorf("tally dimension %q named twice", d)
		}
		at[i] = slices.Index(keys, k)
		if at[i] < 0 {
			at[i] = len(keys)
			keys = append(keys, k)
		}
	}
	got, ns, err := t.counter().TallyVisits(ctx, from, to, kind, keys)
	if err != nil {
		return nil, err
	}
	return foldPeriods(got, ns, by, at, t.zone(), when)
}

// Count shows a count in a table: "—" where there is no data, never 0
// (a period with no record is not a period with none helped).
func Count(n int, has bool) string {
	if !has {
		return "—"
	}
	return strconv.Itoa(n)
}
