package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/fleet"
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
// cells hold marker, and returns how many it hit and, for a table's
// leaves, the rowids of the rows it destroyed.
func damagePages(t *testing.T, file string, kind byte, marker string, n int) (int, map[int64]bool) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	hit, gone := 0, map[int64]bool{}
	// From the middle on: the first pages hold the schema.
	for p := len(b)/page/2 + 1; p < len(b)/page && hit < n; p += 3 {
		pg := b[p*page : (p+1)*page]
		if pg[0] == kind && bytes.Contains(pg, []byte(marker)) {
			if kind == 13 {
				// The cell pointers follow the 8-byte header; a cell
				// opens with its payload's length, then its rowid.
				cells := int(binary.BigEndian.Uint16(pg[3:]))
				for c := range cells {
					at := int(binary.BigEndian.Uint16(pg[8+2*c:]))
					_, l := varint(pg[at:])
					rowid, _ := varint(pg[at+l:])
					gone[rowid] = true
				}
			}
			for i := range pg {
				pg[i] = byte(0xA5 ^ i)
			}
			hit++
		}
	}
	if err := os.WriteFile(file, b, 0o640); err != nil {
		t.Fatal(err)
	}
	return hit, gone
}

// varint reads SQLite's big-endian variable-length integer.
func varint(b []byte) (int64, int) {
	var v int64
	for i := range 8 {
		v = v<<7 | int64(b[i]&0x7f)
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	return v<<8 | int64(b[8]), 9
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
	// After the backup too: the clerk turned off, a member added, a
	// setting changed.
	for _, q := range []string{
		"UPDATE staff SET disabled_at = 1764000000000 WHERE id = 's-clerk'",
		"INSERT INTO staff (id, code, name, role, pin_hash, created_at) VALUES ('s-new', 'CB02', 'Trần Văn C', 'staff', 'hash-c', 1764000000000)",
		"UPDATE settings SET value = 'Quầy số 3' WHERE key = 'counter_place'",
	} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	nev, goneEvents := damagePages(t, file, 13, "MARKEV", 3)
	nsess, goneVersions := damagePages(t, file, 13, "MARKSESS", 2)
	if nev+nsess != 5 || len(goneEvents) == 0 || len(goneVersions) == 0 {
		t.Fatalf("damaged %d pages, %d events and %d session versions, want 5 pages", nev+nsess, len(goneEvents), len(goneVersions))
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
	// The staff as the damaged file still tells them, over the backup's.
	if aside.StaffFromDamaged != 3 {
		t.Errorf("%d staff and settings taken from the damaged file, want 3", aside.StaffFromDamaged)
	}
	for q, want := range map[string]int{
		"SELECT COUNT(*) FROM staff": 3,
		"SELECT COUNT(*) FROM staff WHERE disabled_at IS NOT NULL AND id = 's-clerk'":       1,
		"SELECT COUNT(*) FROM staff WHERE disabled_at IS NULL AND pin_hash = 'hash-c'":      1,
		"SELECT COUNT(*) FROM settings WHERE key = 'counter_place' AND value = 'Quầy số 3'": 1,
	} {
		if got := count(t, fresh, q); got != want {
			t.Errorf("fresh database: %s: %d, want %d", q, got, want)
		}
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

	// The collector took the fresh database's audit line.
	if err := fresh.SetSyncMarks(ctx, fleet.Marks{Audit: now.UnixMilli()}, now); err != nil {
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
	// All of it comes back but the damaged pages' own rows.
	if res.Read["visits"] != 600 || res.Read["session_versions"] != 1200-len(goneVersions) ||
		res.Read["visit_events"] != 2400-len(goneEvents) || res.Read["audit"] != 600 {
		t.Errorf("read back %v; the damaged pages held %d session versions and %d events", res.Read, len(goneVersions), len(goneEvents))
	}
	if res.Added["visits"] != 600 || res.Added["session_versions"] != res.Read["session_versions"] || res.Added["audit"] != 600 || res.Added["staff"] != 0 {
		t.Errorf("added: %v", res.Added)
	}
	for table, n := range res.Rejected {
		if n != 0 {
			t.Errorf("%d rows of %s refused", n, table)
		}
	}
	// The audit lines keep their numbers, below the line the fresh
	// database opened with, and the sync mark went back below them.
	if got := count(t, fresh, "SELECT COUNT(*) FROM audit WHERE id BETWEEN 1 AND 600"); got != 600 {
		t.Errorf("%d audit lines kept their numbers, want 600", got)
	}
	var first kiosk.AuditEntry
	var firstID int64
	if err := fresh.db.QueryRow("SELECT id, action, detail FROM audit WHERE id > 600 ORDER BY id LIMIT 1").Scan(&firstID, &first.Action, &first.Detail); err != nil ||
		firstID != now.UnixMilli() || first.Action != kiosk.AuditReplaced || !strings.Contains(first.Detail, "kiosk-20261202-073000.db set aside; 2 staff, 1 settings from kiosk-2026-11-20.db") {
		t.Errorf("the fresh log opens with line %d %q %q (%v)", firstID, first.Action, first.Detail, err)
	}
	if marks, _, err := fresh.SyncMarks(ctx); err != nil || marks.Audit != 0 {
		t.Errorf("the audit sync mark after recover: %d, %v", marks.Audit, err)
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
	if n, _ := damagePages(t, file, 10, "MARKEV", 7); n != 7 {
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

// oldAndFresh makes a kiosk's database of visits visits, changes it by
// the statements given (run as plain SQLite, foreign keys off), and opens
// a fresh database beside it to recover into.
func oldAndFresh(t *testing.T, visits int, changes ...string) (string, *Store) {
	t.Helper()
	dir := t.TempDir()
	old := filepath.Join(dir, "old.db")
	s, err := Open(old)
	if err != nil {
		t.Fatal(err)
	}
	fillForRecovery(t, s, 0, visits)
	s.Close()
	raw, err := sql.Open("sqlite3", "file:"+old)
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	for _, q := range append([]string{"PRAGMA foreign_keys = OFF"}, changes...) {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	fresh, err := Open(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fresh.Close() })
	return old, fresh
}

// Sessions read back whose staff member's row was lost come back with a
// disabled member in its place, not dropped.
func TestRecoveredSessionsKeepTheirStaff(t *testing.T) {
	// The clerk's row lost, as on a damaged page.
	old, fresh := oldAndFresh(t, 20, "DELETE FROM staff WHERE id = 's-clerk'")
	res, err := fresh.Recover(context.Background(), old, nil)
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

// Rows read back that the kiosk's schema refuses (a wrong type, a value
// outside its list, as garbled bytes read) are counted and left out; the
// rest is added.
func TestGarbledRowsAreRefusedOneByOne(t *testing.T) {
	// The tables rebuilt loose, as garbled pages read: types and checks gone.
	old, fresh := oldAndFresh(t, 10,
		"CREATE TABLE loose AS SELECT * FROM session_versions",
		"DROP TABLE session_versions",
		"ALTER TABLE loose RENAME TO session_versions",
		"CREATE TABLE loose AS SELECT * FROM audit",
		"DROP TABLE audit",
		"ALTER TABLE loose RENAME TO audit",
		"UPDATE session_versions SET rating = 'x7' WHERE session_id = 'sess-00003' AND version = 2",
		"UPDATE session_versions SET status = 'gone' WHERE session_id = 'sess-00004' AND version = 1",
		"UPDATE audit SET at = 'soon' WHERE detail = 'line 5'",
	)
	res, err := fresh.Recover(context.Background(), old, nil)
	if err != nil {
		t.Fatalf("one garbled row stops the recover: %v", err)
	}
	if res.Rejected["session_versions"] != 2 || res.Rejected["audit"] != 1 ||
		res.Added["session_versions"] != 18 || res.Added["audit"] != 9 || res.Added["visit_events"] != 40 {
		t.Errorf("refused %v, added %v", res.Rejected, res.Added)
	}
}

// The start and kiosk db recover read the damaged file where it is,
// without changing it: the file and its log set aside are as they were
// found after both, and a member added in the log, never folded into the
// file, comes in.
func TestStaffReadWhereTheDamagedFileIs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "running.db"))
	if err != nil {
		t.Fatal(err)
	}
	fillForRecovery(t, s, 0, 300)
	if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("INSERT INTO staff (id, code, name, role, pin_hash, created_at) VALUES ('s-wal', 'CB09', 'Lê Thị D', 'staff', 'hash-d', 1764000000000)"); err != nil {
		t.Fatal(err)
	}
	// The power goes: the file and its log as they are on disk now.
	crashed := filepath.Join(t.TempDir(), FileName)
	for _, ext := range []string{"", "-wal"} {
		if err := copyFile(s.file+ext, crashed+ext); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	if n, _ := damagePages(t, crashed, 13, "MARKEV", 3); n != 3 {
		t.Fatalf("damaged %d pages, want 3", n)
	}
	hash := func(f string) string {
		b, err := os.ReadFile(f)
		if err != nil {
			return err.Error()
		}
		return fmt.Sprintf("%x", sha256.Sum256(b))
	}
	raw, err := sql.Open("sqlite3", "file:"+crashed+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var wal int
	if err := raw.QueryRow("SELECT COUNT(*) FROM staff WHERE id = 's-wal'").Scan(&wal); err != nil || wal != 1 {
		t.Fatalf("the member is not in the crashed database's log: %d, %v", wal, err)
	}
	raw.Close()
	before := map[string]string{"": hash(crashed), "-wal": hash(crashed + "-wal")}
	fresh, aside, err := ReplaceDamaged(ctx, crashed, filepath.Join(dir, "backups"), time.Now(), errors.New("damaged"))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	for ext, want := range before {
		if got := hash(aside.File + ext); got != want {
			t.Errorf("the file set aside (%q) changed: %s, was %s", ext, got, want)
		}
	}
	if got := count(t, fresh, "SELECT COUNT(*) FROM staff WHERE id = 's-wal' AND disabled_at IS NULL"); got != 1 || aside.StaffFromDamaged < 3 {
		t.Errorf("the member only in the log: %d; %d staff and settings from the damaged file", got, aside.StaffFromDamaged)
	}
	res, err := fresh.Recover(ctx, aside.File, nil)
	if err != nil || res.Read["visits"] != 300 {
		t.Errorf("recover read %v, want the 300 visits: %v", res.Read, err)
	}
	for ext, want := range before {
		if got := hash(aside.File + ext); got != want {
			t.Errorf("after recover, the file set aside (%q) changed: %s, was %s", ext, got, want)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(crashed), ".salvage-*")); len(left) != 0 {
		t.Errorf("scratch left: %v", left)
	}
}
