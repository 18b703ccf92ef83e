package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
)

// manySessions returns n closed sessions like v, step apart, each its own.
func manySessions(v kiosk.Session, n int, step time.Duration) []kiosk.Session {
	out := make([]kiosk.Session, n)
	for i := range out {
		w := v
		w.Started = v.Started.Add(time.Duration(i) * step)
		w.Ended = w.Started.Add(w.Duration)
		w.ID = kiosk.NewID(w.Started)
		w.Rating = i % 5
		out[i] = w
	}
	return out
}

// Versions imported many to a statement land as they would one at a time:
// each once, the latest of each session current wherever the statements
// split its versions, and a second import adding nothing.
func TestImportSessionsManyAStatement(t *testing.T) {
	ctx := context.Background()
	s, v := sessionFixture(t)
	vs := manySessions(v, 3*importRows+7, time.Second)
	// One session's versions on both sides of a statement's end; another's
	// in one statement, the later version first.
	split, later := vs[importRows-1], vs[importRows+20]
	split.Version, split.Status = 2, kiosk.SessionVoid
	later.Version, later.Note = 2, "sửa"
	vs[importRows] = split
	vs[importRows+21] = later
	vs[importRows+20].Version, vs[importRows+20].Note = 1, "trước"
	vs[importRows+20], vs[importRows+21] = vs[importRows+21], vs[importRows+20]

	added, err := s.ImportSessions(ctx, vs)
	if err != nil || added != len(vs) {
		t.Fatalf("added %d of %d: %v", added, len(vs), err)
	}
	if added, err := s.ImportSessions(ctx, vs); err != nil || added != 0 {
		t.Fatalf("the second import added %d: %v", added, err)
	}
	var versions, latest int
	s.db.QueryRow("SELECT (SELECT COUNT(*) FROM session_versions), (SELECT COUNT(*) FROM session_latest)").Scan(&versions, &latest)
	if versions != len(vs) || latest != len(vs)-2 {
		t.Errorf("%d versions, %d sessions; want %d, %d", versions, latest, len(vs), len(vs)-2)
	}
	current, err := s.Sessions(ctx, v.Started, v.Started.Add(time.Hour), "")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]kiosk.Session{}
	for _, c := range current {
		byID[c.ID] = c
	}
	for _, want := range []kiosk.Session{split, later} {
		got := byID[want.ID]
		if got.Version != 2 || got.Status != want.Status || got.Note != want.Note {
			t.Errorf("session %s is at version %d %s %q, want 2 %s %q", want.ID, got.Version, got.Status, got.Note, want.Status, want.Note)
		}
	}
	if err := s.Integrity(ctx); err != nil {
		t.Error(err)
	}
}

// A version the database refuses stops the import with that version named,
// and nothing of its batch is kept.
func TestImportSessionsNamesTheRefusedOne(t *testing.T) {
	ctx := context.Background()
	s, v := sessionFixture(t)
	vs := manySessions(v, 2*importRows, time.Second)
	bad := &vs[importRows+30]
	bad.StaffID = "nobody" // not a staff member here
	_, err := s.ImportSessions(ctx, vs)
	if err == nil || !strings.Contains(err.Error(), bad.ID) {
		t.Fatalf("got %v, want the refusal of %s", err, bad.ID)
	}
	var n int
	s.db.QueryRow("SELECT COUNT(*) FROM session_versions").Scan(&n)
	if n != 0 {
		t.Errorf("%d versions kept from a refused batch", n)
	}
}

// The walk of every session gives what the plain reading gives, in the
// same order, over days read side by side, with or without sessions, and
// ranges that start and end inside a day; f's error stops it at once.
func TestEachSessionMatchesSessions(t *testing.T) {
	ctx := context.Background()
	s, v := sessionFixture(t)
	// Seven hours apart: over a year, some days with three sessions, some
	// with four; then a month without any, and a burst of 300 in one day.
	vs := manySessions(v, 1300, 7*time.Hour)
	burst := v
	burst.Started = vs[len(vs)-1].Started.AddDate(0, 1, 0)
	vs = append(vs, manySessions(burst, 300, time.Minute)...)
	if _, err := s.ImportSessions(ctx, vs); err != nil {
		t.Fatal(err)
	}
	walk := func(ctx context.Context, from, to time.Time) ([]kiosk.Session, error) {
		var got []kiosk.Session
		err := s.EachSession(ctx, from, to, func(w kiosk.Session) error {
			got = append(got, w)
			return nil
		})
		return got, err
	}
	start := v.Started
	for _, r := range []struct {
		from, to time.Time
		n        int // at least
	}{
		{start.AddDate(-10, 0, 0), start.AddDate(10, 0, 0), len(vs)},
		{start.Add(3*24*time.Hour + 5*time.Hour), start.Add(40*24*time.Hour + time.Hour), 100},
		{burst.Started.Add(30 * time.Minute), burst.Started.Add(2 * time.Hour), 90},
		{start.AddDate(20, 0, 0), start.AddDate(21, 0, 0), 0},
		{start, start, 0},
	} {
		want, err := s.Sessions(ctx, r.from, r.to, "")
		if err != nil || len(want) < r.n {
			t.Fatalf("%d sessions read from %v to %v, want %d or more: %v", len(want), r.from, r.to, r.n, err)
		}
		got, err := walk(ctx, r.from, r.to)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("from %v to %v the walk gave %d sessions unlike the %d read", r.from, r.to, len(got), len(want))
		}
	}
	from, to := start, burst.Started.AddDate(0, 0, 1)

	stop := errors.New("enough")
	calls := 0
	err := s.EachSession(ctx, from, to, func(kiosk.Session) error {
		if calls++; calls == 700 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 700 {
		t.Errorf("stopped after %d calls with %v; want 700 and f's error", calls, err)
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if got, err := walk(cancelled, from, to); !errors.Is(err, context.Canceled) || len(got) != 0 {
		t.Errorf("a cancelled walk made %d calls and said %v", len(got), err)
	}
	// Cancelled halfway, by the caller.
	half, cancel := context.WithCancel(ctx)
	calls = 0
	err = s.EachSession(half, from, to, func(kiosk.Session) error {
		if calls++; calls == 500 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls > 504 { // the rest of its day at most
		t.Errorf("cancelled at 500, the walk made %d calls and said %v", calls, err)
	}
}
