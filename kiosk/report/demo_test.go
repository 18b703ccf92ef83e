package report

import (
	"context"
	"testing"
	"time"

	"onestop/kiosk"
)

// Demo data lands where real sessions would: in office hours on working
// days, mostly done, tallied like any other, and never as a real kiosk.
func TestDemoData(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	end := time.Date(2026, 11, 1, 0, 0, 0, 0, ReportZone)
	d := &Demo{Store: st, Site: "Xã Demo", Places: []string{"Thôn 1", "Thôn 2"}, Seed: 7}
	if err := d.Fill(ctx, 2000, 30, 3000, end, nil); err != nil {
		t.Fatal(err)
	}
	from := end.AddDate(0, 0, -30)
	done, notDone, sundays, night := 0, 0, 0, 0
	err := st.EachSession(ctx, from, end, func(s kiosk.Session) error {
		if s.KioskID != DemoKiosk || s.Status != kiosk.SessionClosed || s.Version != 2 {
			t.Fatalf("a demo session %+v", s)
		}
		at := s.Started.In(ReportZone)
		if at.Weekday() == time.Sunday {
			sundays++
		}
		if m := at.Hour()*60 + at.Minute(); m < 7*60+30 || m >= 17*60 || (m >= 11*60+30 && m < 13*60+30) {
			night++
		}
		if s.Outcome == kiosk.OutcomeDone {
			done++
		} else {
			notDone++
		}
		return kiosk.CheckSession(s, func(string) bool { return true }, d.Places)
	})
	if err != nil {
		t.Fatal(err)
	}
	if done+notDone != 2000 || sundays != 0 || night != 0 {
		t.Errorf("%d sessions, %d on Sundays, %d outside office hours", done+notDone, sundays, night)
	}
	if share := float64(done) / 2000; share < 0.7 || share > 0.9 {
		t.Errorf("%.0f%% done: not the usual mix", share*100)
	}
	rows, err := (&Tallies{Store: st}).Visits(ctx, VisitCount, from, end)
	if err != nil || len(rows) != 1 || rows[0].Count != 3000 {
		t.Errorf("visits: %+v %v", rows, err)
	}
	// Birth registration, the heaviest of the mix, is the most helped with.
	byProc, _ := (&Tallies{Store: st}).Sessions(ctx, from, end, ByProcedure)
	top := byProc[0]
	for _, r := range byProc {
		if r.Count > top.Count {
			top = r
		}
	}
	if len(byProc) < 10 || top.Keys[0] != "1.001193" {
		t.Errorf("procedures: %v", byProc)
	}
}
