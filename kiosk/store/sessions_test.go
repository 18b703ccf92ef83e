package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
)

// sessionFixture opens a store with one staff member and returns a closed
// session version for it.
func sessionFixture(t *testing.T) (*Store, kiosk.Session) {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	now := time.Date(2026, 10, 31, 16, 30, 0, 0, time.UTC) // 23:30 in Vietnam
	m, err := s.AddStaff(context.Background(), kiosk.Staff{Code: "lan", Name: "Lan", Role: kiosk.RoleStaff, PINHash: "x", Created: now})
	if err != nil {
		t.Fatal(err)
	}
	return s, kiosk.Session{ID: kiosk.NewID(now), Version: 1, Status: kiosk.SessionClosed, RecordedAt: now.Add(time.Minute), RecordedBy: m.ID,
		KioskID: "K1", Site: "Xã Quỳnh Lưu", StaffID: m.ID, Started: now, Ended: now.Add(4 * time.Minute), Duration: 4 * time.Minute,
		Procedures: []string{"1.001193", "2.000986"}, Help: []string{"submitted"}, Outcome: "done", Channel: "counter",
		Place: "Thôn 1", Consent: true, Groups: []string{"elderly"}, Rating: 4}
}

// lists tallies the closed sessions of all time by each list key:
// dim=value:count, sorted.
func lists(t *testing.T, s *Store) string {
	t.Helper()
	var out []string
	for _, k := range []string{TallyGroup, TallyHelp, TallyProcedure} {
		keys, counts, err := s.TallySessions(context.Background(), time.UnixMilli(0), time.Now().AddDate(10, 0, 0), []string{k})
		if err != nil {
			t.Fatal(err)
		}
		for i, key := range keys {
			out = append(out, fmt.Sprintf("%s=%s:%d", k, key[0], counts[i]))
		}
	}
	return strings.Join(out, " ")
}

// The packed reading gives back every field, whatever text they hold:
// colons and digits that look like lengths, line breaks, separators,
// Vietnamese, and lists that need JSON escapes.
func TestSessionFieldsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, v := sessionFixture(t)
	v.Note = "12:ab\n3:x\x1f; \"trích\" ,ghi chú 🙂"
	v.ChangeReason = ""
	v.Place = "Thôn 3:2"
	v.Procedures = []string{`a","b`, `c\d`, "đ e"}
	v.Help = []string{}
	v.Groups = []string{"elderly", "poor_household"}
	if err := s.AddSessionVersion(ctx, v); err != nil {
		t.Fatal(err)
	}
	open := v
	open.ID, open.Status, open.Ended, open.Duration, open.Outcome, open.Rating, open.Consent, open.Groups = kiosk.NewID(v.Started), kiosk.SessionOpen, time.Time{}, 0, "", 0, false, []string{}
	if err := s.AddSessionVersion(ctx, open); err != nil {
		t.Fatal(err)
	}
	for _, want := range []kiosk.Session{v, open} {
		got, err := s.CurrentSession(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(norm(got), norm(want)) {
			t.Errorf("read back\n got %+v\nwant %+v", got, want)
		}
	}
	all, err := s.Sessions(ctx, v.Started, v.Started.Add(time.Second), "")
	if err != nil || len(all) != 2 {
		t.Fatalf("sessions: %d %v", len(all), err)
	}
	if !reflect.DeepEqual(norm(all[0]), norm(v)) && !reflect.DeepEqual(norm(all[1]), norm(v)) {
		t.Errorf("Sessions read back %+v", all)
	}
}

// norm makes times comparable (the store keeps milliseconds, in local time).
func norm(v kiosk.Session) kiosk.Session {
	for _, t := range []*time.Time{&v.RecordedAt, &v.Started, &v.Ended} {
		if !t.IsZero() {
			*t = time.UnixMilli(t.UnixMilli())
		}
	}
	return v
}

// A packed session that is cut or malformed is an error, not a session
// with fields shifted.
func TestUnpackRefusesBroken(t *testing.T) {
	good := `["s1",2,"closed",1,"m1","","K1","Xã","m1",2,null,0,["a\"b","c"],[],"done","","counter","Thôn 1",1,["elderly"],4,"ghi \u001f chú"]`
	v, err := unpackSession(good)
	if err != nil || v.ID != "s1" || !v.Ended.IsZero() || v.Procedures[0] != `a"b` || len(v.Help) != 0 || v.Note != "ghi \x1f chú" || v.Rating != 4 {
		t.Fatalf("read %+v %v", v, err)
	}
	for _, bad := range []string{"", good[:40], strings.Replace(good, `,2,`, `,x,`, 1), strings.Replace(good, `["elderly"]`, `"elderly"`, 1),
		strings.TrimSuffix(good, "]"), strings.Replace(good, `"closed",`, `"closed"`, 1)} {
		if _, err := unpackSession(bad); err == nil {
			t.Errorf("read %q", bad)
		}
	}
}

// session_latest follows the highest version, whatever order versions
// arrive in, and only closed sessions count.
func TestSessionLatestFollowsVersions(t *testing.T) {
	ctx := context.Background()
	s, v := sessionFixture(t)
	latest := func() string {
		var version int
		var status, procs string
		err := s.db.QueryRow("SELECT version, status, procedures FROM session_latest WHERE session_id = ?", v.ID).Scan(&version, &status, &procs)
		if err == sql.ErrNoRows {
			return "none"
		}
		if err != nil {
			t.Fatal(err)
		}
		var n int
		s.db.QueryRow("SELECT COUNT(*) FROM session_latest").Scan(&n)
		return fmt.Sprintf("v%d %s %s (%d rows)", version, status, procs, n)
	}
	open := v
	open.Status, open.Ended, open.Duration, open.Outcome, open.Procedures, open.Help, open.Groups = kiosk.SessionOpen, time.Time{}, 0, "", nil, nil, nil
	if err := s.AddSessionVersion(ctx, open); err != nil {
		t.Fatal(err)
	}
	if got := latest(); got != "v1 open [] (1 rows)" {
		t.Errorf("opened: %s", got)
	}
	if got := lists(t, s); got != "" {
		t.Errorf("an open session counts: %s", got)
	}
	closed := v
	closed.Version = 2
	if err := s.AddSessionVersion(ctx, closed); err != nil {
		t.Fatal(err)
	}
	if got := lists(t, s); got != "group=elderly:1 help=submitted:1 procedure=1.001193:1 procedure=2.000986:1" {
		t.Errorf("closed: %s", got)
	}
	corrected := closed
	corrected.Version, corrected.Procedures, corrected.Groups, corrected.Consent = 3, []string{"1.004222"}, nil, false
	if err := s.AddSessionVersion(ctx, corrected); err != nil {
		t.Fatal(err)
	}
	if got := latest(); got != `v3 closed ["1.004222"] (1 rows)` {
		t.Errorf("corrected: %s", got)
	}
	if got := lists(t, s); got != "group=:1 help=submitted:1 procedure=1.004222:1" {
		t.Errorf("corrected: %s", got)
	}
	void := corrected
	void.Version, void.Status = 4, kiosk.SessionVoid
	if err := s.AddSessionVersion(ctx, void); err != nil {
		t.Fatal(err)
	}
	if got := latest(); got != `v4 void ["1.004222"] (1 rows)` {
		t.Errorf("voided: %s", got)
	}
	if got := lists(t, s); got != "" {
		t.Errorf("a void session counts: %s", got)
	}

	// Merged from elsewhere, a later version may come first: the earlier
	// one that follows changes nothing.
	other := v
	other.ID = kiosk.NewID(v.Started)
	other.Version = 2
	if _, err := s.ImportSessions(ctx, []kiosk.Session{other}); err != nil {
		t.Fatal(err)
	}
	first := other
	first.Version, first.Status, first.Procedures = 1, kiosk.SessionOpen, nil
	if _, err := s.ImportSessions(ctx, []kiosk.Session{first}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Sessions(ctx, v.Started, v.Started.Add(time.Second), "")
	if err != nil || len(got) != 2 {
		t.Fatalf("sessions after the merge: %d %v", len(got), err)
	}
	for _, g := range got {
		if g.ID == other.ID && (g.Version != 2 || g.Status != kiosk.SessionClosed) {
			t.Errorf("the earlier version won: %+v", g)
		}
	}
	if got := lists(t, s); got != "group=elderly:1 help=submitted:1 procedure=1.001193:1 procedure=2.000986:1" {
		t.Errorf("merged: %s", got)
	}
}

// A database at schema 3 with sessions in it gets session_latest filled
// as it migrates.
func TestMigrateSessionsToLatest(t *testing.T) {
	start := time.Date(2026, 10, 31, 16, 30, 0, 0, time.UTC).UnixMilli()
	file := oldDatabase(t, 3,
		"INSERT INTO staff (id, code, name, role, pin_hash, created_at) VALUES ('m1', 'lan', 'Lan', 'staff', 'x', 0)",
		fmt.Sprintf(`INSERT INTO session_versions (session_id, version, status, recorded_at, recorded_by, kiosk_id, site, staff_id, started_at, channel, procedures)
			VALUES ('s1', 1, 'open', 0, 'm1', 'K1', 'Xã', 'm1', %d, 'counter', '[]')`, start),
		fmt.Sprintf(`INSERT INTO session_versions (session_id, version, status, recorded_at, recorded_by, kiosk_id, site, staff_id, started_at, ended_at, duration_ms, channel, procedures, help, outcome, place)
			VALUES ('s1', 2, 'closed', 0, 'm1', 'K1', 'Xã', 'm1', %d, %d, 60000, 'counter', '["1.001193","2.000986"]', '["guided"]', 'done', 'Thôn 1')`, start, start+60000),
		fmt.Sprintf(`INSERT INTO session_versions (session_id, version, status, recorded_at, recorded_by, kiosk_id, site, staff_id, started_at, channel)
			VALUES ('s2', 1, 'open', 0, 'm1', 'K1', 'Xã', 'm1', %d, 'counter')`, start+1000))

	s, err := Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	all, err := s.Sessions(ctx, time.UnixMilli(start), time.UnixMilli(start+2000), "")
	if err != nil || len(all) != 2 || all[0].ID != "s1" || all[0].Version != 2 || all[0].Place != "Thôn 1" || all[1].ID != "s2" || all[1].Status != kiosk.SessionOpen {
		t.Fatalf("sessions after migrating: %+v %v", all, err)
	}
	if got := lists(t, s); got != "group=:1 help=guided:1 procedure=1.001193:1 procedure=2.000986:1" {
		t.Errorf("lists after migrating: %s", got)
	}
	// 23:30 on 31 October in Vietnam is that day, not 1 November nor UTC's.
	keys, counts, err := s.TallySessions(ctx, time.UnixMilli(0), time.UnixMilli(start+86400000), []string{TallyDay, TallyProcedure})
	if err != nil {
		t.Fatal(err)
	}
	oct31 := kiosk.LocalDay(time.Date(2026, 10, 31, 12, 0, 0, 0, time.UTC))
	if fmt.Sprint(keys, counts) != fmt.Sprintf("[[%d 1.001193] [%d 2.000986]] [1 1]", oct31, oct31) {
		t.Errorf("tally after migrating: %v %v", keys, counts)
	}
	if !kiosk.DayStart(oct31).Equal(time.Date(2026, 10, 30, 17, 0, 0, 0, time.UTC)) {
		t.Errorf("day %d starts %v", oct31, kiosk.DayStart(oct31))
	}
}

// Integrity notices a session_latest out of step with the versions.
func TestIntegrityChecksLatest(t *testing.T) {
	ctx := context.Background()
	s, v := sessionFixture(t)
	if err := s.AddSessionVersion(ctx, v); err != nil {
		t.Fatal(err)
	}
	if err := s.Integrity(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("DELETE FROM session_latest"); err != nil {
		t.Fatal(err)
	}
	if err := s.Integrity(ctx); !errors.Is(err, ErrDamaged) {
		t.Errorf("a missing latest row: %v", err)
	}
}

// A long read (an export walking the sessions) does not hold the writer
// up: a record is committed while the walk is half way.
func TestWriteDuringLongRead(t *testing.T) {
	s, v := sessionFixture(t)
	ctx := context.Background()
	for i := range 3 {
		w := v
		w.ID, w.Started = kiosk.NewID(v.Started), v.Started.Add(time.Duration(i)*time.Second)
		if err := s.AddSessionVersion(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	seen := 0
	err := s.EachSession(ctx, v.Started, v.Started.Add(time.Minute), func(kiosk.Session) error {
		seen++
		if seen != 2 {
			return nil
		}
		wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		w := v
		w.ID = kiosk.NewID(v.Started)
		return s.AddSessionVersion(wctx, w)
	})
	if err != nil || seen != 3 {
		t.Fatalf("walked %d sessions: %v", seen, err)
	}
	all, _ := s.Sessions(ctx, v.Started, v.Started.Add(time.Minute), "")
	if len(all) != 4 {
		t.Errorf("%d sessions after the walk, want 4", len(all))
	}
}

// A database file copied with its write-ahead log (a kiosk stopped by a
// power cut, or still running) gives the records still in the log too.
func TestOpenCopyTakesTheLog(t *testing.T) {
	s, v := sessionFixture(t)
	ctx := context.Background()
	if err := s.AddSessionVersion(ctx, v); err != nil {
		t.Fatal(err)
	}
	// The store stays open: the record is in kiosk.db-wal, not yet in
	// kiosk.db. Copy both as a USB stick would carry them.
	stick := t.TempDir()
	for _, ext := range []string{"", "-wal"} {
		if err := copyFile(s.file+ext, filepath.Join(stick, FileName+ext)); err != nil {
			t.Fatalf("copy %s: %v", ext, err)
		}
	}
	c, err := OpenCopy(filepath.Join(stick, FileName), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got, err := c.CurrentSession(ctx, v.ID); err != nil || got.Version != 1 {
		t.Errorf("the session from the log: %+v %v", got, err)
	}
}
