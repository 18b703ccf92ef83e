package report

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

// DemoKiosk is the kiosk id demo records carry, so that they are never
// taken for a real kiosk's.
const DemoKiosk = "DEMO"

// Demo fills a database with realistic synthetic records for
// demonstrations and benchmarks: assisted sessions on working days and in
// office hours (Monday to Friday 7:30-11:30 and 13:30-17:00, Saturday
// mornings), procedures weighted as a commune counter sees them, mostly
// done, some not for the usual reasons; and resident visits with the
// procedures they viewed, the QR codes shown and the lessons finished.
type Demo struct {
	Store  *store.Store
	Kiosk  string // the kiosk id records carry; default DemoKiosk
	Site   string
	Places []string
	Seed   uint64
}

// weighted picks from weighted choices.
type weighted[T any] struct {
	items   []T
	weights []float64
	total   float64
}

func newWeighted[T any](pairs ...any) *weighted[T] {
	w := &weighted[T]{}
	for i := 0; i < len(pairs); i += 2 {
		w.items = append(w.items, pairs[i].(T))
		f := float64(pairs[i+1].(int))
		w.weights = append(w.weights, f)
		w.total += f
	}
	return w
}

func (w *weighted[T]) pick(r *rand.Rand) T {
	x := r.Float64() * w.total
	for i, f := range w.weights {
		if x < f {
			return w.items[i]
		}
		x -= f
	}
	return w.items[len(w.items)-1]
}

// The mix of a commune's One-Stop counter: civil status and residence
// above all, then IDs, certification, business, insurance.
var demoProcedures = newWeighted[string](
	"1.001193", 18, "3.000722", 12, "1.004222", 12, "1.004194", 8, "1.000894", 6, "1.000656", 4,
	"1.014061", 8, "3.000333", 4, "2.000815", 10, "2.000884", 4, "1.001612", 4, "1.014748", 3,
	"1.004873", 4, "2.000635", 3)

var demoHelp = newWeighted[string]("submitted", 45, "guided", 25, "vneid_registered", 10,
	"vneid_level2", 6, "paid", 6, "status_checked", 6, "other", 2)

var demoReasons = newWeighted[string]("no_vneid", 35, "missing_papers", 30, "no_smartphone", 20, "portal_error", 10, "other", 5)

func (d *Demo) kioskID() string {
	if d.Kiosk != "" {
		return d.Kiosk
	}
	return DemoKiosk
}

// Fill records n sessions over the days before end, and visits visits.
// progress, if set, is called with the records written so far.
func (d *Demo) Fill(ctx context.Context, n, days, visits int, end time.Time, progress func(int)) error {
	if days < 1 {
		return fmt.Errorf("days must be at least 1")
	}
	r := rand.New(rand.NewPCG(d.Seed, d.Seed^0x9e3779b97f4a7c15))
	staff := &kiosk.Roster{Store: d.Store, Clock: kiosk.SystemClock{}}
	var staffIDs []string
	for i, name := range []string{"Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Thị Mai"} {
		code := fmt.Sprintf("demo%d", i+1)
		m, err := d.Store.StaffByCode(ctx, code)
		if err != nil {
			if m, err = staff.Add(ctx, "", code, name, kiosk.RoleStaff, "0000"); err != nil {
				return err
			}
		}
		staffIDs = append(staffIDs, m.ID)
	}
	places := d.Places
	if len(places) == 0 {
		places = []string{"Thôn 1"}
	}
	// A random moment in office hours on a working day before end.
	moment := func() time.Time {
		for {
			day := end.In(ReportZone).AddDate(0, 0, -1-r.IntN(days))
			wd := day.Weekday()
			if wd == time.Sunday || (wd == time.Saturday && r.IntN(3) > 0) {
				continue
			}
			var minute int
			if r.IntN(10) < 6 || wd == time.Saturday {
				minute = 7*60 + 30 + r.IntN(4*60) // morning: the busier half
			} else {
				minute = 13*60 + 30 + r.IntN(3*60+30)
			}
			return time.Date(day.Year(), day.Month(), day.Day(), minute/60, minute%60, r.IntN(60), 0, ReportZone)
		}
	}
	const batch = 5000
	written := 0
	var vs []kiosk.Session
	flush := func() error {
		if _, err := d.Store.ImportSessions(ctx, vs); err != nil {
			return err
		}
		written += len(vs) / 2
		vs = vs[:0]
		if progress != nil {
			progress(written)
		}
		return ctx.Err()
	}
	for i := 0; i < n; i++ {
		start := moment()
		dur := time.Duration(4+r.IntN(22))*time.Minute + time.Duration(r.IntN(60))*time.Second
		staffID := staffIDs[r.IntN(len(staffIDs))]
		s := kiosk.Session{
			ID: kiosk.NewID(start), Version: 1, Status: kiosk.SessionOpen, RecordedAt: start, RecordedBy: staffID,
			KioskID: d.kioskID(), Site: d.Site, StaffID: staffID, Started: start, Channel: "counter",
		}
		closed := s
		closed.Version, closed.Status, closed.RecordedAt = 2, kiosk.SessionClosed, start.Add(dur)
		closed.Ended, closed.Duration = start.Add(dur), dur
		closed.Procedures = []string{demoProcedures.pick(r)}
		if r.IntN(6) == 0 {
			if p := demoProcedures.pick(r); p != closed.Procedures[0] {
				closed.Procedures = append(closed.Procedures, p)
			}
		}
		closed.Help = []string{demoHelp.pick(r)}
		closed.Outcome = kiosk.OutcomeDone
		if r.IntN(5) == 0 {
			closed.Outcome, closed.Reason = kiosk.OutcomeNotDone, demoReasons.pick(r)
		}
		closed.Place = places[r.IntN(len(places))]
		if r.IntN(2) == 0 {
			closed.Consent = true
			if r.IntN(10) < 4 {
				closed.Groups = append(closed.Groups, "elderly")
			}
			if r.IntN(10) == 0 {
				closed.Groups = append(closed.Groups, "ethnic_minority")
			}
			if r.IntN(20) == 0 {
				closed.Groups = append(closed.Groups, "disability")
			}
			if r.IntN(12) == 0 {
				closed.Groups = append(closed.Groups, "poor_household")
			}
		}
		if r.IntN(10) < 7 {
			closed.Rating = []int{4, 4, 4, 3, 3, 2, 1}[r.IntN(7)]
		}
		vs = append(vs, s, closed)
		if len(vs) >= 2*batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if len(vs) > 0 {
		if err := flush(); err != nil {
			return err
		}
	}
	return d.fillVisits(ctx, r, visits, moment, progress, written)
}

func (d *Demo) fillVisits(ctx context.Context, r *rand.Rand, n int, moment func() time.Time, progress func(int), written int) error {
	lessons := []string{"vneid", "dang-nhap", "khai-sinh", "thanh-toan", "tra-cuu", "kho-du-lieu"}
	const batch = 5000
	var vs []kiosk.Visit
	var evs [][]kiosk.Event
	flush := func() error {
		if err := d.Store.ImportVisits(ctx, vs, evs); err != nil {
			return err
		}
		written += len(vs)
		vs, evs = vs[:0], evs[:0]
		if progress != nil {
			progress(written)
		}
		return ctx.Err()
	}
	for i := 0; i < n; i++ {
		start := moment()
		dur := time.Duration(20+r.IntN(280)) * time.Second
		v := kiosk.Visit{ID: kiosk.NewID(start), KioskID: d.kioskID(), Started: start, Ended: start.Add(dur), Duration: dur, EndReason: kiosk.EndIdle}
		e := []kiosk.Event{{At: start, Kind: kiosk.EventScreen, Screen: "home"}}
		if r.IntN(10) < 6 {
			p := demoProcedures.pick(r)
			e = append(e, kiosk.Event{At: start.Add(10 * time.Second), Kind: kiosk.EventProcedure, Screen: "procedure", Procedure: p})
			if r.IntN(10) < 4 {
				e = append(e, kiosk.Event{At: start.Add(20 * time.Second), Kind: kiosk.EventQR, Screen: "procedure", Procedure: p, Detail: "https://dichvucong.gov.vn"})
			}
		}
		if r.IntN(20) == 0 {
			l := lessons[r.IntN(len(lessons))]
			e = append(e, kiosk.Event{At: start.Add(30 * time.Second), Kind: kiosk.EventLessonStart, Screen: "tutorial", Detail: l, Step: 1})
			if r.IntN(3) > 0 {
				e = append(e, kiosk.Event{At: start.Add(90 * time.Second), Kind: kiosk.EventLessonDone, Screen: "tutorial", Detail: l, Step: 6})
			}
		}
		vs, evs = append(vs, v), append(evs, e)
		if len(vs) >= batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if len(vs) > 0 {
		return flush()
	}
	return nil
}
