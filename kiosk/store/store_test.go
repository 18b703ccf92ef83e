package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), FileName)
	s, err := Open(file)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, file
}

func TestOpenSetsModeAndSchema(t *testing.T) {
	s, file := openTemp(t)
	ctx := context.Background()
	var mode string
	var sync int
	if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode %q %v", mode, err)
	}
	if err := s.db.QueryRow("PRAGMA synchronous").Scan(&sync); err != nil || sync != 2 {
		t.Errorf("synchronous %d (want 2 = FULL) %v", sync, err)
	}
	v, err := s.Version(ctx)
	if err != nil || v != latest(t) {
		t.Errorf("schema version %d %v", v, err)
	}
	s.Close()
	// Opening again runs no migration twice.
	s2, err := Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if v, _ := s2.Version(ctx); v != latest(t) {
		t.Errorf("version after reopen %d", v)
	}
}

func TestVisitRoundTrip(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	start := time.Date(2026, 10, 10, 8, 30, 0, 0, time.UTC)
	id, err := s.BeginVisit(ctx, "K1", start)
	if err != nil {
		t.Fatal(err)
	}
	events := []kiosk.Event{
		{At: start.Add(time.Second), Kind: kiosk.EventScreen, Screen: "home"},
		{At: start.Add(2 * time.Second), Kind: kiosk.EventSearch, Procedure: "1.001193"},
		{At: start.Add(3 * time.Second), Kind: kiosk.EventProcedure, Screen: "procedure", Procedure: "1.001193"},
		{At: start.Add(4 * time.Second), Kind: kiosk.EventQR, Procedure: "1.001193", Detail: "https://dichvucong.gov.vn"},
	}
	for _, e := range events {
		if err := s.AddEvent(ctx, id, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.EndVisit(ctx, id, start.Add(70*time.Second), 70*time.Second, kiosk.EndIdle); err != nil {
		t.Fatal(err)
	}
	vs, err := s.Visits(ctx, start.Add(-time.Hour), start.Add(time.Hour))
	if err != nil || len(vs) != 1 {
		t.Fatalf("visits %v %v", vs, err)
	}
	v := vs[0]
	if v.ID != id || v.KioskID != "K1" || !v.Started.Equal(start) || !v.Ended.Equal(start.Add(70*time.Second)) ||
		v.Duration != 70*time.Second || v.EndReason != kiosk.EndIdle {
		t.Errorf("visit came back as %+v", v)
	}
	got, err := s.Events(ctx, id)
	if err != nil || len(got) != len(events) {
		t.Fatalf("events %v %v", got, err)
	}
	for i := range events {
		if !got[i].At.Equal(events[i].At) || got[i].Kind != events[i].Kind || got[i].Procedure != events[i].Procedure ||
			got[i].Screen != events[i].Screen || got[i].Detail != events[i].Detail {
			t.Errorf("event %d came back as %+v, want %+v", i, got[i], events[i])
		}
	}
	// Ending twice keeps the first end.
	if err := s.EndVisit(ctx, id, start.Add(time.Hour), time.Hour, kiosk.EndShutdown); err != nil {
		t.Fatal(err)
	}
	vs, _ = s.Visits(ctx, start.Add(-time.Hour), start.Add(time.Hour))
	if vs[0].EndReason != kiosk.EndIdle {
		t.Errorf("second end overwrote the first: %+v", vs[0])
	}
}

func TestEventNeedsVisitAndKnownKind(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if err := s.AddEvent(ctx, "no-such-visit", kiosk.Event{At: time.Now(), Kind: kiosk.EventScreen}); err == nil {
		t.Error("event without a visit accepted")
	}
	id, _ := s.BeginVisit(ctx, "K1", time.Now())
	if err := s.AddEvent(ctx, id, kiosk.Event{At: time.Now(), Kind: "name"}); err == nil {
		t.Error("unknown event kind accepted")
	}
}

func TestCloseInterrupted(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	start := time.Date(2026, 10, 10, 8, 0, 0, 0, time.UTC)
	open1, _ := s.BeginVisit(ctx, "K1", start)
	s.AddEvent(ctx, open1, kiosk.Event{At: start.Add(5 * time.Second), Kind: kiosk.EventScreen, Screen: "home"})
	open2, _ := s.BeginVisit(ctx, "K1", start.Add(time.Minute))
	done, _ := s.BeginVisit(ctx, "K1", start.Add(2*time.Minute))
	s.EndVisit(ctx, done, start.Add(3*time.Minute), time.Minute, kiosk.EndIdle)

	n, err := s.CloseInterrupted(ctx)
	if err != nil || n != 2 {
		t.Fatalf("closed %d %v, want 2", n, err)
	}
	vs, _ := s.Visits(ctx, start, start.Add(time.Hour))
	want := map[string]struct {
		end    time.Time
		reason string
	}{
		open1: {start.Add(5 * time.Second), kiosk.EndInterrupted},
		open2: {start.Add(time.Minute), kiosk.EndInterrupted},
		done:  {start.Add(3 * time.Minute), kiosk.EndIdle},
	}
	for _, v := range vs {
		w := want[v.ID]
		if !v.Ended.Equal(w.end) || v.EndReason != w.reason {
			t.Errorf("visit %s ended %v %q, want %v %q", v.ID, v.Ended, v.EndReason, w.end, w.reason)
		}
	}
}

func TestNewID(t *testing.T) {
	re := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	at := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	prev := ""
	for i := 0; i < 1000; i++ {
		id := kiosk.NewID(at.Add(time.Duration(i) * time.Millisecond))
		if !re.MatchString(id) {
			t.Fatalf("%q is not a UUIDv7", id)
		}
		if seen[id] {
			t.Fatalf("%s twice", id)
		}
		if id[:13] < prev {
			t.Fatalf("ids do not sort by time: %s after %s", id, prev)
		}
		seen[id], prev = true, id[:13]
	}
}

func TestOpenRefusesDamaged(t *testing.T) {
	file := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(file, []byte(strings.Repeat("this is not a database ", 400)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(file); err == nil {
		t.Fatal("a file that is not a database was opened")
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	s, file := openTemp(t)
	if _, err := s.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := Open(file)
	if err == nil || !strings.Contains(err.Error(), "newer than this program knows") {
		t.Fatalf("got %v", err)
	}
}

// latest is the schema version the embedded migrations lead to.
func latest(t *testing.T) int {
	v, err := latestVersion()
	if err != nil || v == 0 {
		t.Fatalf("no migrations: %v", err)
	}
	return v
}

// oldDatabase writes a database at an earlier schema: the migrations up to
// version, then the statements given. It returns the file.
func oldDatabase(t *testing.T, version int, statements ...string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), FileName)
	db, err := sql.Open("sqlite3", file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	steps, err := migrationSteps()
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, st := range steps[:version] {
		body, err := migrations.ReadFile(st.name)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, string(body), fmt.Sprintf("PRAGMA user_version = %d", st.version))
	}
	for _, q := range append(all, statements...) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%.200s: %v", q, err)
		}
	}
	return file
}

// A database written by the first schema keeps its visits and events when
// the lesson events arrive, and takes the new kinds after.
func TestMigrateFromFirstSchema(t *testing.T) {
	file := oldDatabase(t, 1,
		"INSERT INTO visits (id, kiosk_id, started_at) VALUES ('v1', 'K1', 1000)",
		"INSERT INTO visit_events (visit_id, at, kind, screen, detail) VALUES ('v1', 1001, 'guide', 'guide', 'vneid')",
		"INSERT INTO visit_events (visit_id, at, kind, screen) VALUES ('v1', 1002, 'screen', 'home')")

	s, err := Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if v, _ := s.Version(ctx); v != latest(t) {
		t.Fatalf("version %d after migrating, want %d", v, latest(t))
	}
	evs, err := s.Events(ctx, "v1")
	if err != nil || len(evs) != 2 || evs[0].Kind != kiosk.EventGuide || evs[0].Detail != "vneid" || evs[1].Screen != "home" {
		t.Fatalf("old events after migrating: %+v %v", evs, err)
	}
	if err := s.AddEvent(ctx, "v1", kiosk.Event{At: time.UnixMilli(1003), Kind: kiosk.EventLessonStep, Detail: "vneid", Step: 3}); err != nil {
		t.Fatal(err)
	}
	evs, _ = s.Events(ctx, "v1")
	if last := evs[len(evs)-1]; last.Kind != kiosk.EventLessonStep || last.Step != 3 {
		t.Errorf("lesson event read back as %+v", last)
	}
	// The visit is intact and can be linked to an assisted session.
	vs, err := s.Visits(ctx, time.UnixMilli(0), time.UnixMilli(2000))
	if err != nil || len(vs) != 1 || vs[0].ID != "v1" || vs[0].KioskID != "K1" {
		t.Fatalf("visits after migrating: %+v %v", vs, err)
	}
	if err := s.LinkVisit(ctx, "v1", "s1"); err != nil {
		t.Fatal(err)
	}
	if sid, err := s.VisitSession(ctx, "v1"); err != nil || sid != "s1" {
		t.Errorf("visit session %q %v", sid, err)
	}
	if err := s.Check(ctx); err != nil {
		t.Errorf("check after migrating: %v", err)
	}
}

// kiosk.Session versions and the audit log cannot be changed or deleted, even by
// SQL written by hand.
func TestAppendOnly(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 10, 10, 8, 0, 0, 0, time.UTC)
	m, err := s.AddStaff(ctx, kiosk.Staff{Code: "lan", Name: "Lan", Role: kiosk.RoleStaff, PINHash: "x", Created: now})
	if err != nil {
		t.Fatal(err)
	}
	v := kiosk.Session{ID: kiosk.NewID(now), Version: 1, Status: kiosk.SessionOpen, RecordedAt: now, RecordedBy: m.ID,
		KioskID: "K1", Site: "Xã", StaffID: m.ID, Started: now, Channel: "counter"}
	if err := s.AddSessionVersion(ctx, v); err != nil {
		t.Fatal(err)
	}
	if err := s.AddSessionVersion(ctx, v); !errors.Is(err, kiosk.ErrStale) {
		t.Errorf("version 1 twice: %v", err)
	}
	if err := s.Audit(ctx, kiosk.AuditEntry{At: now, StaffID: m.ID, Action: kiosk.AuditLogin}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"UPDATE session_versions SET note = 'x'", "DELETE FROM session_versions",
		"UPDATE audit SET detail = 'x'", "DELETE FROM audit"} {
		if _, err := s.db.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
}

// OpenForReading brings an old schema up to date as Open does, and opens a
// file that is not a database no more than Open.
func TestOpenForReading(t *testing.T) {
	file := oldDatabase(t, 1)
	s, err := OpenForReading(file)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Version(context.Background()); v != latest(t) {
		t.Errorf("version %d, want %d", v, latest(t))
	}
	s.Close()
	if s, err = OpenForReading(file); err != nil {
		t.Fatal(err)
	}
	s.Close()
	bad := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(bad, []byte(strings.Repeat("this is not a database ", 400)), 0o644)
	if _, err := OpenForReading(bad); err == nil {
		t.Error("a file that is not a database was opened")
	}
}
