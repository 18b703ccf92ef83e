package report

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

// tallyFixture records, by hand, sessions whose counts are known:
//
//	A 31 Oct 23:30 (ICT)  Thôn 1  1.001193+2.000986  submitted  done           elderly  rating 4
//	B  1 Nov 00:10 (ICT)  Thôn 2  1.001193           guided     not_done/no_vneid
//	C 15 Oct 09:00        Thôn 1  1.004222           vneid_registered  done → corrected to not_done/missing_papers
//	D 20 Oct 10:00        voided
//	E 21 Oct 10:00        still open
func tallyFixture(t *testing.T) (*Tallies, *store.Store) {
	t.Helper()
	ctx := context.Background()
	st := openStore(t)
	clock := newTestClock()
	m, err := (&kiosk.Roster{Store: st, Clock: clock}).Add(ctx, "", "lan", "Chị Lan", kiosk.RoleStaff, "4821")
	if err != nil {
		t.Fatal(err)
	}
	d := &kiosk.Desk{Store: st, KioskID: "K1", Site: "Xã Quỳnh Lưu", Clock: clock, Places: []string{"Thôn 1", "Thôn 2"}}
	at := func(day, hour, minute int, month time.Month) time.Time {
		return time.Date(2026, month, day, hour, minute, 0, 0, ReportZone)
	}
	record := func(start time.Time, edit func(*kiosk.Session)) kiosk.Session {
		clock.T = start
		s, err := d.Open(ctx, m.ID, "counter")
		if err != nil {
			t.Fatal(err)
		}
		clock.T = start.Add(10 * time.Minute)
		s.Outcome = kiosk.OutcomeDone
		edit(&s)
		c, err := d.Close(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	record(at(31, 23, 30, time.October), func(s *kiosk.Session) {
		s.Place, s.Procedures, s.Help = "Thôn 1", []string{"1.001193", "2.000986"}, []string{"submitted"}
		s.Consent, s.Groups, s.Rating = true, []string{"elderly"}, 4
	})
	record(at(1, 0, 10, time.November), func(s *kiosk.Session) {
		s.Place, s.Procedures, s.Help = "Thôn 2", []string{"1.001193"}, []string{"guided"}
		s.Outcome, s.Reason = kiosk.OutcomeNotDone, "no_vneid"
	})
	c := record(at(15, 9, 0, time.October), func(s *kiosk.Session) {
		s.Place, s.Procedures, s.Help = "Thôn 1", []string{"1.004222"}, []string{"vneid_registered"}
	})
	c.Outcome, c.Reason = kiosk.OutcomeNotDone, "missing_papers"
	if _, err := d.Correct(ctx, m.ID, c, "nhầm kết quả"); err != nil {
		t.Fatal(err)
	}
	v := record(at(20, 10, 0, time.October), func(s *kiosk.Session) { s.Place = "Thôn 2" })
	if _, err := d.Void(ctx, m.ID, v, "ghi nhầm"); err != nil {
		t.Fatal(err)
	}
	clock.T = at(21, 10, 0, time.October)
	if _, err := d.Open(ctx, m.ID, "counter"); err != nil {
		t.Fatal(err)
	}
	return &Tallies{Store: st}, st
}

func show(rows []Row) string {
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprintf("%s=%d", strings.Join(r.Keys, "/"), r.Count))
	}
	return strings.Join(out, " ")
}

func TestSessionTallies(t *testing.T) {
	ctx := context.Background()
	tl, _ := tallyFixture(t)
	month := func(m time.Month) (time.Time, time.Time) {
		from := time.Date(2026, m, 1, 0, 0, 0, 0, ReportZone)
		return from, from.AddDate(0, 1, 0)
	}
	octFrom, octTo := month(time.October)
	_, novTo := month(time.November)
	cases := []struct {
		name     string
		from, to time.Time
		by       []Dimension
		want     string
	}{
		// A (23:30 on 31 Oct in Vietnam) is October; B (00:10 on 1 Nov) is not.
		{"October by procedure", octFrom, octTo, []Dimension{ByProcedure}, "1.001193=1 1.004222=1 2.000986=1"},
		{"October in all", octFrom, octTo, nil, "=2"},
		{"by month", octFrom, novTo, []Dimension{ByMonth}, "2026-10=2 2026-11=1"},
		{"by day at midnight", octFrom, novTo, []Dimension{ByDay}, "2026-10-15=1 2026-10-31=1 2026-11-01=1"},
		{"by week", octFrom, novTo, []Dimension{ByWeek}, "2026-W42=1 2026-W44=2"},
		{"by quarter", octFrom, novTo, []Dimension{ByQuarter}, "2026-Q4=3"},
		// C counts as corrected; D (void) and E (open) not at all.
		{"by outcome and reason", octFrom, novTo, []Dimension{ByOutcome, ByReason}, "done/=1 not_done/missing_papers=1 not_done/no_vneid=1"},
		{"by place and month", octFrom, novTo, []Dimension{ByPlace, ByMonth}, "Thôn 1/2026-10=2 Thôn 2/2026-11=1"},
		{"by group", octFrom, novTo, []Dimension{ByGroup}, "=2 elderly=1"},
		{"by rating", octFrom, novTo, []Dimension{ByRating}, "=2 4=1"},
		{"by help", octFrom, novTo, []Dimension{ByHelp}, "guided=1 submitted=1 vneid_registered=1"},
		{"by site and kiosk", octFrom, novTo, []Dimension{BySite, ByKiosk}, "Xã Quỳnh Lưu/K1=3"},
		{"an empty period", novTo, novTo.AddDate(0, 1, 0), []Dimension{ByProcedure}, ""},
	}
	// Both ways of counting: in SQLite, and record by record in Go.
	for _, noSQL := range []bool{false, true} {
		tl.noSQL = noSQL
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s/noSQL=%v", c.name, noSQL), func(t *testing.T) {
				rows, err := tl.Sessions(ctx, c.from, c.to, c.by...)
				if err != nil {
					t.Fatal(err)
				}
				if got := show(rows); got != c.want {
					t.Errorf("got  %s\nwant %s", got, c.want)
				}
			})
		}
	}
	tl.noSQL = false
	if _, err := tl.Sessions(ctx, octFrom, octTo, ByLesson); err == nil {
		t.Error("sessions grouped by lesson")
	}
	if Count(0, false) != "—" || Count(0, true) != "0" || Count(7, true) != "7" {
		t.Error("no data is not shown as —")
	}
}

func TestVisitTallies(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	tl := &Tallies{Store: st}
	visit := func(kioskID string, at time.Time, events ...kiosk.Event) {
		id, err := st.BeginVisit(ctx, kioskID, at)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events {
			if e.At.IsZero() {
				e.At = at
			}
			if err := st.AddEvent(ctx, id, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	oct31 := time.Date(2026, 10, 31, 23, 59, 0, 0, ReportZone)
	nov1 := time.Date(2026, 11, 1, 0, 1, 0, 0, ReportZone)
	visit("K1", oct31,
		kiosk.Event{Kind: kiosk.EventProcedure, Procedure: "1.001193"},
		kiosk.Event{Kind: kiosk.EventQR, Procedure: "1.001193", Detail: "https://dichvucong.gov.vn"},
		// kiosk.Finished after midnight: it counts with its visit, in October.
		kiosk.Event{Kind: kiosk.EventLessonDone, Detail: "khai-sinh", Step: 6, At: oct31.Add(5 * time.Minute)})
	visit("K1", nov1, kiosk.Event{Kind: kiosk.EventProcedure, Procedure: "1.001193"},
		kiosk.Event{Kind: kiosk.EventProcedure, Procedure: "1.004222"})
	visit("K2", nov1, kiosk.Event{Kind: kiosk.EventLessonStart, Detail: "vneid", Step: 1})
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, ReportZone)
	to := from.AddDate(0, 2, 0)
	for _, c := range []struct {
		m    VisitMeasure
		by   []Dimension
		want string
	}{
		{VisitCount, []Dimension{ByWeek, ByDay}, "2026-W44/2026-10-31=1 2026-W44/2026-11-01=2"},
		{VisitCount, []Dimension{ByMonth}, "2026-10=1 2026-11=2"},
		{VisitCount, []Dimension{ByKiosk}, "K1=2 K2=1"},
		{ProceduresViewed, []Dimension{ByProcedure}, "1.001193=2 1.004222=1"},
		{ProceduresViewed, []Dimension{ByMonth, ByProcedure}, "2026-10/1.001193=1 2026-11/1.001193=1 2026-11/1.004222=1"},
		{QRShown, nil, "=1"},
		// A lesson started but not finished is not a lesson finished.
		{LessonsFinished, []Dimension{ByLesson}, "khai-sinh=1"},
		{LessonsFinished, []Dimension{ByMonth}, "2026-10=1"},
	} {
		for _, noSQL := range []bool{false, true} {
			tl.noSQL = noSQL
			rows, err := tl.Visits(ctx, c.m, from, to, c.by...)
			if err != nil {
				t.Fatal(err)
			}
			if got := show(rows); got != c.want {
				t.Errorf("%s by %v (noSQL=%v): got %s, want %s", c.m, c.by, noSQL, got, c.want)
			}
		}
	}
	for _, noSQL := range []bool{false, true} {
		tl.noSQL = noSQL
		if rows, err := tl.Visits(ctx, LessonsFinished, nov1.Add(-time.Minute), to); err != nil || len(rows) != 0 {
			t.Errorf("November's lessons finished (noSQL=%v): %v %v", noSQL, show(rows), err)
		}
	}
	if _, err := tl.Visits(ctx, VisitCount, from, to, ByProcedure); err == nil {
		t.Error("visits grouped by procedure")
	}
}

// On demo data the two ways of counting agree for every dimension and
// some pairs of them.
func TestTallySQLAgreesWithGo(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	end := time.Date(2026, 11, 1, 0, 0, 0, 0, ReportZone)
	if err := (&Demo{Store: st, Site: "Xã", Places: []string{"Thôn 1", "Thôn 2", "Xóm Đông"}, Seed: 11}).Fill(ctx, 3000, 120, 2000, end, nil); err != nil {
		t.Fatal(err)
	}
	sqlT, goT := &Tallies{Store: st}, &Tallies{Store: st, noSQL: true}
	// Not on a midnight: the exact bounds hold inside the first day.
	from := end.AddDate(0, 0, -100).Add(10*time.Hour + 17*time.Minute)
	combos := [][]Dimension{{ByMonth, ByPlace}, {ByProcedure, ByOutcome}, {ByQuarter, ByGroup}, {ByHelp, ByRating}, {ByDay}, {ByReason, ByYear},
		{ByProcedure, ByHelp}, {ByGroup, ByProcedure, ByPlace}, {ByWeek, ByStaff, ByMonth}, {ByKiosk, BySite, ByChannel}, nil}
	for _, d := range SessionDimensions {
		combos = append(combos, []Dimension{d})
	}
	for _, by := range combos {
		a, err := sqlT.Sessions(ctx, from, end, by...)
		if err != nil {
			t.Fatal(err)
		}
		b, err := goT.Sessions(ctx, from, end, by...)
		if err != nil {
			t.Fatal(err)
		}
		if show(a) != show(b) {
			t.Errorf("by %v:\n SQL %.300s\n Go  %.300s", by, show(a), show(b))
		}
		for _, r := range append(a, b...) {
			if len(r.Keys) != len(by) { // an empty value is a key "", not a missing one
				t.Fatalf("by %v: a row with keys %q", by, r.Keys)
			}
		}
	}
	for _, m := range []VisitMeasure{VisitCount, ProceduresViewed, QRShown, LessonsFinished} {
		for _, by := range [][]Dimension{{ByMonth}, {ByWeek, ByKiosk}, nil, {ByProcedure}} {
			if m == VisitCount && len(by) == 1 && by[0] == ByProcedure {
				continue
			}
			a, err := sqlT.Visits(ctx, m, from, end, by...)
			if err != nil {
				t.Fatal(err)
			}
			b, err := goT.Visits(ctx, m, from, end, by...)
			if err != nil {
				t.Fatal(err)
			}
			if show(a) != show(b) || len(a) == 0 {
				t.Errorf("%s by %v:\n SQL %.300s\n Go  %.300s", m, by, show(a), show(b))
			}
		}
	}
}

func TestTallyRefusesRepeats(t *testing.T) {
	tl := &Tallies{Store: openStore(t)}
	now := time.Now()
	if _, err := tl.Sessions(context.Background(), now.Add(-time.Hour), now, ByPlace, ByMonth, ByPlace); err == nil {
		t.Error("sessions by place twice")
	}
	if _, err := tl.Visits(context.Background(), VisitCount, now.Add(-time.Hour), now, ByMonth, ByMonth); err == nil {
		t.Error("visits by month twice")
	}
}
