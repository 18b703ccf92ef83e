package store

import (
	"context"
	"testing"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/fleet"
)

// Unsent reads records after the marks in the order written; a visit
// still open holds back the visits after it; marks only move forward.
func TestUnsentAndMarks(t *testing.T) {
	st, _ := openTemp(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC)
	var ids []string
	for i := 0; i < 3; i++ {
		id, err := st.BeginVisit(ctx, "K1", at.Add(time.Duration(i)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		st.AddEvent(ctx, id, kiosk.Event{At: at, Kind: kiosk.EventProcedure, Procedure: "1.001193"})
		ids = append(ids, id)
	}
	// The second visit is still open.
	st.EndVisit(ctx, ids[0], at.Add(time.Minute), time.Minute, kiosk.EndIdle)
	st.EndVisit(ctx, ids[2], at.Add(3*time.Minute), time.Minute, kiosk.EndIdle)
	st.Audit(ctx, kiosk.AuditEntry{At: at, Action: kiosk.AuditLogin})
	b, err := st.Unsent(ctx, "K1", fleet.Marks{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Visits) != 1 || b.Visits[0].ID != ids[0] || len(b.Visits[0].Events) != 1 || b.Marks.Visits != 1 {
		t.Fatalf("visits sent before the open one: %+v", b.Visits)
	}
	if len(b.Audit) != 1 || b.Marks.Audit != 1 {
		t.Fatalf("audit: %+v", b.Audit)
	}
	if _, err := b.Check(); err != nil {
		t.Fatalf("the kiosk's own batch does not pass the collector's check: %v", err)
	}
	if err := st.SetSyncMarks(ctx, b.Marks, at); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Pending(ctx, b.Marks); n != 2 {
		t.Errorf("%d pending, want the two visits after the mark", n)
	}
	// Once it closes, the rest go.
	st.EndVisit(ctx, ids[1], at.Add(2*time.Minute), time.Minute, kiosk.EndIdle)
	b2, err := st.Unsent(ctx, "K1", b.Marks, 100)
	if err != nil || len(b2.Visits) != 2 || b2.Marks.Visits != 3 || len(b2.Audit) != 0 {
		t.Fatalf("after the open visit closed: %+v %v", b2, err)
	}
	// An old acknowledgement arriving late moves nothing back.
	st.SetSyncMarks(ctx, b2.Marks, at.Add(time.Hour))
	st.SetSyncMarks(ctx, fleet.Marks{}, at.Add(2*time.Hour))
	m, last, err := st.SyncMarks(ctx)
	if err != nil || m != b2.Marks || !last.Equal(at.Add(2*time.Hour)) {
		t.Errorf("marks %+v at %v (%v), want %+v", m, last, err, b2.Marks)
	}
	// The limit holds.
	if b3, _ := st.Unsent(ctx, "K1", fleet.Marks{}, 2); len(b3.Visits)+len(b3.Audit)+len(b3.Sessions) != 2 {
		t.Errorf("a batch of 2 holds %d records", len(b3.Visits)+len(b3.Audit))
	}
}
