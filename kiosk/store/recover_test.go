package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fillForRecovery writes a kiosk's worth of records straight into s: two
// staff members, a setting, sessions with a correction each, visits with
// events, audit lines. Sessions carry MARKSESS in their note and events
// MARKEV in their detail, so the test can find their pages in the file.
func fillForRecovery(t *testing.T, s *Store, from, visits int) {
	t.Helper()
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	base := time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC).UnixMilli()
	if from == 0 {
		exec(`INSERT INTO staff (id, code, name, role, pin_hash, created_at) VALUES
			('s-admin', 'AD01', 'Nguyễn Văn A', 'admin', 'hash-a', ?), ('s-clerk', 'CB01', 'Lê Thị B', 'staff', 'hash-b', ?)`, base, base)
		exec(`INSERT INTO settings (key, value, changed_at, changed_by) VALUES ('counter_place', 'Quầy số 2', ?, 's-admin')`, base)
	}
	for i := from; i < from+visits; i++ {
		at := base + int64(i)*60_000
		sid := fmt.Sprintf("sess-%05d", i)
		for v := 1; v <= 2; v++ {
			exec(`INSERT INTO session_versions (session_id, version, status, recorded_at, recorded_by, kiosk_id, site, staff_id,
				started_at, ended_at, duration_ms, procedures, channel, note)
				VALUES (?, ?, 'closed', ?, 's-clerk', 'K1', 'Xã A', 's-clerk', ?, ?, 300000, '["1.001193"]', 'counter', ?)`,
				sid, v, at+int64(v), at, at+300_000, fmt.Sprintf("MARKSESS %d v%d %s", i, v, strings.Repeat("x", 60)))
		}
		vid := fmt.Sprintf("visit-%05d", i)
		exec(`INSERT INTO visits (id, kiosk_id, started_at, ended_at, duration_ms, end_reason) VALUES (?, 'K1', ?, ?, 90000, 'idle')`, vid, at, at+90_000)
		for e := range 4 {
			exec(`INSERT INTO visit_events (visit_id, at, kind, screen, procedure, detail) VALUES (?, ?, 'procedure', 'procedure', '1.001193', ?)`,
				vid, at+int64(e)*1000, fmt.Sprintf("MARKEV %d.%d %s", i, e, strings.Repeat("y", 40)))
		}
		exec(`INSERT INTO audit (at, staff_id, action, detail) VALUES (?, 's-clerk', 'login', ?)`, at, fmt.Sprintf("line %d", i))
	}
}

// damagePages overwrites, in the closed database file, up to n b-tree
// pages of the kind given (13: a table's leaf, 10: an index's leaf) whose
// cells hold marker, and returns how many it hit.
func damagePages(t *testing.T, file string, kind byte, marker string, n int) int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	hit := 0
	// From the middle on: the first pages hold the schema.
	for p := len(b)/page/2 + 1; p < len(b)/page && hit < n; p += 3 {
		pg := b[p*page : (p+1)*page]
		if pg[0] == kind && bytes.Contains(pg, []byte(marker)) {
			for i := range pg {
				pg[i] = byte(0xA5 ^ i)
			}
			hit++
		}
	}
	if err := os.WriteFile(file, b, 0o640); err != nil {
		t.Fatal(err)
	}
	return hit
}

func count(t *testing.T, s *Store, q string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// A database with a few pages overwritten is set aside, a fresh one takes
// its place with the staff and settings of the last backup, and recover
// takes back what the damaged file still holds, each record once.
func TestDamagedDatabaseIsReplacedAndRecovered(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(dir, FileName)
	backups := filepath.Join(dir, "backups")
	s, err := Open(file)
	if err != nil {
		t.Fatal(err)
	}
	fillForRecovery(t, s, 0, 300)
	if err := s.Backup(ctx, filepath.Join(backups, "kiosk-2026-11-20.db")); err != nil {
		t.Fatal(err)
	}
	fillForRecovery(t, s, 300, 300) // after the backup
	if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if n := damagePages(t, file, 13, "MARKEV", 3) + damagePages(t, file, 13, "MARKSESS", 2); n != 5 {
		t.Fatalf("damaged %d pages, want 5", n)
	}

	_, err = Open(file)
	if !IsDamaged(err) {
		t.Fatalf("opening the damaged file: %v", err)
	}
	if len(err.Error()) > 1000 || strings.Contains(err.Error(), "\n") {
		t.Errorf("the damage is not told in one short line: %d chars: %v", len(err.Error()), err)
	}

	now := time.Date(2026, 12, 2, 7, 30, 0, 0, time.UTC)
	fresh, aside, err := ReplaceDamaged(ctx, file, backups, now, err)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if filepath.Base(aside.File) != "kiosk-20261202-073000.db" || aside.Staff != 2 || aside.Settings != 1 || filepath.Base(aside.Backup) != "kiosk-20261202-073000-backup-kiosk-2026-11-20.db" {
		t.Errorf("set aside: %+v", aside)
	}
	// The backup is kept beside the damaged file: the fresh database's
	// daily backups will prune the original.
	if _, err := os.Stat(aside.Backup); err != nil || filepath.Dir(aside.Backup) != filepath.Dir(aside.File) {
		t.Errorf("the backup is not kept beside the damaged file: %v", err)
	}
	if _, err := os.Stat(aside.File); err != nil {
		t.Errorf("the damaged file is not kept: %v", err)
	}
	if got := count(t, fresh, "SELECT COUNT(*) FROM staff"); got != 2 {
		t.Errorf("fresh database has %d staff", got)
	}
	if got := count(t, fresh, "SELECT COUNT(*) FROM session_versions"); got != 0 {
		t.Errorf("fresh database has %d session versions", got)
	}
	pending, err := Unrecovered(dir)
	if err != nil || len(pending) != 1 || pending[0].File != aside.File {
		t.Fatalf("unrecovered: %+v, %v", pending, err)
	}
	// The kiosk records on: a visit after the start.
	if _, err := fresh.db.Exec(`INSERT INTO visits (id, kiosk_id, started_at) VALUES ('visit-new', 'K1', ?)`, now.UnixMilli()); err != nil {
		t.Fatal(err)
	}

	res, err := fresh.Recover(ctx, aside.File, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("salvaged: read %v, added %v, %d failed reads, lost %v", res.Read, res.Added, res.Problems, res.Lost)
	if res.Problems == 0 || len(res.Lost) == 0 {
		t.Errorf("five damaged pages, yet no read failed")
	}
	// Most of it comes back, the damaged pages' rows excepted.
	if res.Read["visits"] != 600 || res.Read["session_versions"] < 1000 || res.Read["session_versions"] >= 1200 ||
		res.Read["visit_events"] < 2000 || res.Read["visit_events"] >= 2400 || res.Read["audit"] != 600 {
		t.Errorf("read back: %v", res.Read)
	}
	if res.Added["visits"] != 600 || res.Added["session_versions"] != res.Read["session_versions"] || res.Added["audit"] != 600 || res.Added["staff"] != 0 {
		t.Errorf("added: %v", res.Added)
	}
	// The backup holds rows of the damaged pages from before it.
	before := count(t, fresh, "SELECT COUNT(*) FROM session_versions")
	fromBackup, err := fresh.Recover(ctx, aside.Backup, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fromBackup.Problems != 0 || fromBackup.Added["visits"] != 0 || fromBackup.Added["audit"] != 0 {
		t.Errorf("the backup: %+v", fromBackup)
	}
	after := count(t, fresh, "SELECT COUNT(*) FROM session_versions")
	if after != before+fromBackup.Added["session_versions"] {
		t.Errorf("session versions %d -> %d, %d added", before, after, fromBackup.Added["session_versions"])
	}

	// Each record once: again, nothing is added.
	again, err := fresh.Recover(ctx, aside.File, nil)
	if err != nil {
		t.Fatal(err)
	}
	for table, n := range again.Added {
		if n != 0 {
			t.Errorf("a second recover added %d rows to %s", n, table)
		}
	}
	for q, want := range map[string]int{
		"SELECT COUNT(*) - COUNT(DISTINCT session_id || '/' || version) FROM session_versions":       0,
		"SELECT COUNT(*) - COUNT(DISTINCT visit_id || '/' || at || '/' || detail) FROM visit_events": 0,
		"SELECT COUNT(*) - COUNT(DISTINCT at || '/' || detail) FROM audit":                           0,
		"SELECT COUNT(*) FROM visits": 601,
		"SELECT COUNT(*) FROM visit_events WHERE visit_id NOT IN (SELECT id FROM visits)": 0,
	} {
		if got := count(t, fresh, q); got != want {
			t.Errorf("%s: %d, want %d", q, got, want)
		}
	}
	if err := fresh.Integrity(ctx); err != nil {
		t.Errorf("the recovered database: %v", err)
	}
	if err := NoteRecovered(dir, aside.File, now.Add(time.Hour), res); err != nil {
		t.Fatal(err)
	}
	if pending, _ := Unrecovered(dir); len(pending) != 0 {
		t.Errorf("still unrecovered: %+v", pending)
	}
}

// Without a backup the fresh database starts with no staff; a file that is
// not a database at all is damaged too.
func TestReplaceWithoutBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(dir, FileName)
	if err := os.WriteFile(file, bytes.Repeat([]byte("not a database "), 1000), 0o640); err != nil {
		t.Fatal(err)
	}
	_, err := Open(file)
	if !IsDamaged(err) {
		t.Fatalf("a file of text: %v", err)
	}
	fresh, aside, err := ReplaceDamaged(ctx, file, filepath.Join(dir, "backups"), time.Now(), err)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if aside.Backup != "" || aside.Staff != 0 {
		t.Errorf("no backup: %+v", aside)
	}
	res, err := fresh.Recover(ctx, aside.File, nil)
	if err != nil {
		t.Fatalf("recover from a file of text: %v", err)
	}
	if res.Read["visits"] != 0 {
		t.Errorf("read %v from a file of text", res.Read)
	}
}

// A database whose damage SQLite lists (pages of an index overwritten)
// fails its check with the first five problems and their count, in one
// line, not the hundred lines quick_check gives.
func TestDamageIsToldInShort(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, FileName)
	s, err := Open(file)
	if err != nil {
		t.Fatal(err)
	}
	fillForRecovery(t, s, 0, 400)
	if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if n := damagePages(t, file, 10, "MARKEV", 7); n != 7 {
		t.Fatalf("damaged %d index pages, want 7", n)
	}
	_, err = Open(file)
	var de *DamageError
	if !errors.As(err, &de) || !IsDamaged(err) {
		t.Fatalf("opening: %v", err)
	}
	if de.Count <= 5 || len(de.First) != 5 || !strings.Contains(err.Error(), fmt.Sprintf("%d problems", de.Count)) ||
		!strings.Contains(err.Error(), fmt.Sprintf("and %d more", de.Count-5)) || strings.Contains(err.Error(), "\n") {
		t.Errorf("%d problems told as: %v", de.Count, err)
	}
}

// Sessions read back whose staff member's row was lost come back with a
// disabled member in its place, not dropped.
func TestRecoveredSessionsKeepTheirStaff(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	old := filepath.Join(dir, "old.db")
	s, err := Open(old)
	if err != nil {
		t.Fatal(err)
	}
	fillForRecovery(t, s, 0, 20)
	s.Close()
	// The clerk's row lost, as on a damaged page (foreign keys off here).
	raw, err := sql.Open("sqlite3", "file:"+old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("DELETE FROM staff WHERE id = 's-clerk'"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	fresh, err := Open(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	res, err := fresh.Recover(ctx, old, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added["session_versions"] != 40 || res.Added["staff"] != 2 {
		t.Errorf("added %v: want the 40 versions, the admin and the clerk in its place", res.Added)
	}
	var disabled int
	if err := fresh.db.QueryRow("SELECT disabled_at IS NOT NULL AND pin_hash = '-' FROM staff WHERE id = 's-clerk'").Scan(&disabled); err != nil || disabled != 1 {
		t.Errorf("the clerk in its place: %d, %v", disabled, err)
	}
}
