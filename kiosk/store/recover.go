package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"onestop/kiosk"
)

// DamagedDir is the folder, in the data folder, where a damaged database
// is set aside: kept, never deleted, for kiosk db recover to salvage.
const DamagedDir = "damaged"

// recoveryFile lists, in DamagedDir, the files set aside and whether their
// records were salvaged.
const recoveryFile = "recovery.json"

// IsDamaged reports whether err, from Open, means the file is damaged (its
// integrity check failed, or SQLite found it corrupt or not a database),
// as opposed to locked, missing or on a full disk.
func IsDamaged(err error) bool {
	if errors.Is(err, ErrDamaged) {
		return true
	}
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB)
}

// DamageError is a failed integrity check: the first problems SQLite
// listed and how many it listed (it stops at 100).
type DamageError struct {
	First []string
	Count int
}

func (e *DamageError) Error() string {
	more := ""
	if e.Count > len(e.First) {
		more = fmt.Sprintf("; and %d more", e.Count-len(e.First))
	}
	return fmt.Sprintf("%v: %d problems: %s%s", ErrDamaged, e.Count, strings.Join(e.First, "; "), more)
}

func (e *DamageError) Unwrap() error { return ErrDamaged }

// SetAside is one damaged database set aside at a start.
type SetAside struct {
	File     string    `json:"file"`             // where it is now
	At       time.Time `json:"at"`               // when it was set aside
	Problem  string    `json:"problem"`          // what opening it said
	Backup   string    `json:"backup,omitempty"` // the backup the staff and settings came from
	Staff    int       `json:"staff"`            // staff members restored from it
	Settings int       `json:"settings"`         // settings restored from it
	// StaffFromDamaged counts the staff members and settings read from
	// the damaged file itself, newer than the backup's.
	StaffFromDamaged int       `json:"staff_from_damaged"`
	Recovered        time.Time `json:"recovered,omitzero"`
	Salvaged         *Salvage  `json:"salvaged,omitempty"` // what kiosk db recover took back
}

// ReplaceDamaged sets the damaged database file aside, into DamagedDir
// beside it (with its -wal and -shm; nothing is deleted), and opens a
// fresh database in its place with the staff and the settings of the
// newest backup in backups that passes its integrity check, so staff can
// log in and the kiosk records from this moment. why is what opening the
// damaged file said. The set-aside is noted for kiosk db recover. An
// error with a non-nil Store is one the kiosk runs on regardless.
func ReplaceDamaged(ctx context.Context, file, backups string, now time.Time, why error) (*Store, SetAside, error) {
	dir := filepath.Join(filepath.Dir(file), DamagedDir)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, SetAside{}, err
	}
	base := strings.TrimSuffix(filepath.Base(file), ".db") + "-" + now.Format("20060102-150405")
	aside := filepath.Join(dir, base+".db")
	for n := 2; ; n++ { // two in the same second
		if _, err := os.Stat(aside); errors.Is(err, fs.ErrNotExist) {
			break
		} else if err != nil {
			return nil, SetAside{}, err
		}
		aside = filepath.Join(dir, fmt.Sprintf("%s-%d.db", base, n))
	}
	// The log first: without its file, a log left behind would be read
	// into the fresh database.
	for _, ext := range []string{"-wal", "-shm", ""} {
		if _, err := os.Stat(file + ext); err == nil {
			if err := kiosk.RenameDurably(file+ext, aside+ext); err != nil {
				return nil, SetAside{}, fmt.Errorf("set the damaged database aside: %w", err)
			}
		}
	}
	rec := SetAside{File: aside, At: now, Problem: why.Error()}
	// Noted at once: whatever fails after, kiosk db recover finds it.
	if err := noteSetAside(dir, rec); err != nil {
		return nil, rec, err
	}
	s, err := Open(file)
	if err != nil {
		return nil, rec, fmt.Errorf("a fresh database: %w", err)
	}
	// The staff and settings come from a copy of the backup kept beside
	// the damaged file, for kiosk db recover to read later: the daily
	// backups of the fresh database prune the original in two weeks. A
	// backup that cannot be used leaves the fresh database without staff.
	if b, ok := newestGoodBackup(ctx, backups, filepath.Dir(file)); ok {
		kept := strings.TrimSuffix(aside, ".db") + "-backup-" + filepath.Base(b)
		if err := copyFile(b, kept); err != nil {
			rec.Problem += "; the backup " + b + " was not copied: " + err.Error()
		} else if staff, settings, err := s.restoreStaff(ctx, kept); err != nil {
			rec.Problem += "; no staff from " + b + ": " + err.Error()
		} else {
			rec.Backup, rec.Staff, rec.Settings = kept, staff, settings
		}
	}
	// The staff as the damaged file still tells them win over the
	// backup's: a member added since comes in, one turned off since stays
	// off, a PIN changed since keeps working. The table is small and
	// often whole.
	if n, err := s.staffFromDamaged(ctx, aside); err != nil {
		rec.Problem += "; the staff were not read from it: " + err.Error()
	} else {
		rec.StaffFromDamaged = n
	}
	// The fresh database's audit log opens with this replacement, numbered
	// from the moment in milliseconds: the lines read back from the
	// damaged file keep their own numbers below it, as the collector
	// knows them, and a later replacement numbers above it in turn.
	from := kiosk.DetailNoBackup
	if rec.Backup != "" {
		from = strings.TrimPrefix(filepath.Base(rec.Backup), strings.TrimSuffix(filepath.Base(aside), ".db")+"-backup-")
	}
	if _, err := s.db.ExecContext(ctx, "INSERT INTO audit (id, at, staff_id, action, detail) VALUES (?, ?, '', ?, ?)",
		max(now.UnixMilli(), 1), now.UnixMilli(), kiosk.AuditReplaced,
		fmt.Sprintf(kiosk.DetailReplaced,
			filepath.Base(aside), rec.Staff, rec.Settings, from, rec.StaffFromDamaged)); err != nil {
		rec.Problem += "; the audit log was not told: " + err.Error()
	}
	// The fresh database is the kiosk's now, whether or not the note is.
	return s, rec, noteSetAside(dir, rec)
}

// staffFromDamaged takes into s (a fresh database) the staff members and
// settings the damaged file can still be read for: a member s has is
// brought up to date (its code kept), one it lacks is added (unless its
// code is taken), and a setting replaces s's. It returns how many changed.
func (s *Store) staffFromDamaged(ctx context.Context, damaged string) (int, error) {
	res := Salvage{Read: map[string]int{}, Rejected: map[string]int{}}
	into, done, err := s.gather(ctx, damaged, salvageTables[:2], nil, &res)
	if err != nil {
		return 0, err
	}
	defer done()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS d", "file:"+into+"?mode=ro"); err != nil {
		return 0, err
	}
	defer conn.ExecContext(context.Background(), "DETACH DATABASE d")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, classify(err)
	}
	defer tx.Rollback()
	changed := 0
	for _, q := range []string{
		`UPDATE staff SET name = o.name, role = o.role, pin_hash = o.pin_hash, disabled_at = o.disabled_at,
			failed_pins = o.failed_pins, lockouts = o.lockouts, locked_until = o.locked_until
			FROM d.staff AS o WHERE staff.id = o.id AND
			(staff.name, staff.role, staff.pin_hash, staff.disabled_at, staff.failed_pins, staff.lockouts, staff.locked_until) IS NOT
			(o.name, o.role, o.pin_hash, o.disabled_at, o.failed_pins, o.lockouts, o.locked_until)`,
		`INSERT OR IGNORE INTO staff SELECT * FROM d.staff`,
		`INSERT OR REPLACE INTO settings SELECT * FROM d.settings
			WHERE changed_by IN (SELECT id FROM main.staff)
			AND NOT EXISTS (SELECT 1 FROM main.settings m WHERE m.key = d.settings.key AND m.value = d.settings.value)`,
	} {
		r, err := tx.ExecContext(ctx, q)
		if err != nil {
			return 0, classify(err)
		}
		n, _ := r.RowsAffected()
		changed += int(n)
	}
	return changed, classify(tx.Commit())
}

// newestGoodBackup is the newest backup (kiosk-YYYY-MM-DD.db) in dir that
// opens and passes integrity_check, checked on a copy made in work.
func newestGoodBackup(ctx context.Context, dir, work string) (string, bool) {
	files, _ := filepath.Glob(filepath.Join(dir, "kiosk-*.db"))
	slices.Sort(files)
	slices.Reverse(files)
	for _, f := range files {
		tmp, err := os.MkdirTemp(work, ".backup-check-")
		if err != nil {
			return "", false
		}
		b, err := OpenCopy(f, tmp)
		if err == nil {
			err = b.Integrity(ctx)
			b.Close()
		}
		os.RemoveAll(tmp)
		if err == nil {
			return f, true
		}
	}
	return "", false
}

// restoreStaff copies the staff and the settings of the backup file into
// s (a fresh database).
func (s *Store) restoreStaff(ctx context.Context, backup string) (staff, settings int, err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS b", "file:"+backup+"?mode=ro"); err != nil {
		return 0, 0, err
	}
	defer conn.ExecContext(context.Background(), "DETACH DATABASE b")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO staff SELECT * FROM b.staff")
	if err != nil {
		return 0, 0, err
	}
	n1, _ := res.RowsAffected()
	res, err = tx.ExecContext(ctx, "INSERT OR IGNORE INTO settings SELECT * FROM b.settings")
	if err != nil {
		return 0, 0, err
	}
	n2, _ := res.RowsAffected()
	return int(n1), int(n2), tx.Commit()
}

// SetAsides lists the damaged databases set aside in the data folder.
func SetAsides(dataDir string) ([]SetAside, error) {
	b, err := os.ReadFile(filepath.Join(dataDir, DamagedDir, recoveryFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var list []SetAside
	return list, json.Unmarshal(b, &list)
}

// Unrecovered lists those set aside whose records kiosk db recover has not
// taken back yet.
func Unrecovered(dataDir string) ([]SetAside, error) {
	list, err := SetAsides(dataDir)
	return slices.DeleteFunc(list, func(r SetAside) bool { return !r.Recovered.IsZero() }), err
}

func noteSetAside(dir string, rec SetAside) error {
	list, err := SetAsides(filepath.Dir(dir))
	if err != nil {
		return err
	}
	i := slices.IndexFunc(list, func(r SetAside) bool { return r.File == rec.File })
	if i < 0 {
		list = append(list, rec)
	} else {
		list[i] = rec
	}
	b, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return err
	}
	return kiosk.WriteFile(filepath.Join(dir, recoveryFile), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// Salvage is what was read back from a damaged database and added.
type Salvage struct {
	Read     map[string]int `json:"read"`     // rows read back, by table
	Added    map[string]int `json:"added"`    // of them, rows that were not already there
	Lost     []string       `json:"lost"`     // the stretches that could not be read
	Problems int            `json:"problems"` // how many reads failed
	// Rejected counts, by table, the rows read back that the kiosk's
	// schema refuses (a wrong type, a value out of its list): garbled.
	Rejected map[string]int `json:"rejected,omitempty"`
}

type salvageTable struct{ name, cols string }

// salvageTables are the tables read back, in the order they are added
// (staff before the sessions that name them, visits before their events),
// with their columns; session_latest is rebuilt from session_versions.
var salvageTables = []salvageTable{
	{"staff", "id, code, name, role, pin_hash, created_at, disabled_at, failed_pins, lockouts, locked_until"},
	{"settings", "key, value, changed_at, changed_by"},
	{"session_versions", "session_id, version, status, recorded_at, recorded_by, change_reason, kiosk_id, site, staff_id, started_at, ended_at, duration_ms, procedures, help, outcome, reason, channel, place, consent, groups, rating, note"},
	{"visits", "id, kiosk_id, started_at, ended_at, duration_ms, end_reason, session_id"},
	{"visit_events", "visit_id, at, kind, screen, procedure, detail, step"},
	{"audit", "id, at, staff_id, action, detail"},
}

// Recover reads back what the damaged database file still holds, table by
// table, around the pages that cannot be read, and adds it to s, each
// record once: a staff member, setting or visit by its id, a session
// version by its session and version, an audit
// line or a visit's event by all it holds. Running it again adds
// nothing. progress, if set, is told each table as it starts.
func (s *Store) Recover(ctx context.Context, damaged string, progress func(table string)) (Salvage, error) {
	res := Salvage{Read: map[string]int{}, Added: map[string]int{}, Rejected: map[string]int{}}
	into, done, err := s.gather(ctx, damaged, salvageTables, progress, &res)
	if err != nil {
		return res, err
	}
	defer done()
	return res, s.addSalvaged(ctx, into, &res)
}

// gather reads back the tables given from the damaged file into a scratch
// database of their own (into), from which they are added in one
// transaction; done removes it.
//
// The damaged file is read where it is, read-only: its log is read but not
// folded in, and neither changes (SQLite may make the log's index file
// beside them). A copy would keep it as it was too, but the start reads the
// staff this way, and copying a large database would hold the start up.
func (s *Store) gather(ctx context.Context, damaged string, tables []salvageTable, progress func(table string), res *Salvage) (into string, done func(), err error) {
	tmp, err := os.MkdirTemp(filepath.Dir(s.file), ".salvage-")
	if err != nil {
		return "", nil, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	src, err := sql.Open("sqlite3", "file:"+damaged+"?mode=ro")
	if err != nil {
		return "", nil, err
	}
	defer src.Close()
	src.SetMaxOpenConns(1)
	into = filepath.Join(tmp, "salvaged.db")
	dst, err := sql.Open("sqlite3", "file:"+into+"?_journal_mode=OFF&_synchronous=OFF") // scratch
	if err != nil {
		return "", nil, err
	}
	defer dst.Close()
	dst.SetMaxOpenConns(1)
	for _, t := range tables {
		if progress != nil {
			progress(t.name)
		}
		// The scratch table is the kiosk's own, types and checks included,
		// so a garbled row is refused there, one by one, and not when all
		// are added together.
		var schema string
		if err := s.db.QueryRowContext(ctx, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", t.name).Scan(&schema); err != nil {
			return "", nil, fmt.Errorf("the schema of %s: %w", t.name, err)
		}
		if _, err := dst.ExecContext(ctx, schema); err != nil {
			return "", nil, fmt.Errorf("the scratch table %s: %w", t.name, err)
		}
		n, lost, problems, err := readTable(ctx, src, dst, t.name, t.cols, func() { res.Rejected[t.name]++ })
		if err != nil {
			return "", nil, err
		}
		res.Read[t.name] = n - res.Rejected[t.name]
		res.Lost = append(res.Lost, lost...)
		res.Problems += problems
	}
	if err := dst.Close(); err != nil {
		return "", nil, err
	}
	return into, func() { os.RemoveAll(tmp) }, nil
}

// readTable copies the rows of table it can read from src into dst, by
// rowid: in batches while the reads succeed; past a read that fails, it
// seeks the first rowid from which reading works again, so a damaged page
// loses its own rows and no more. A row dst refuses is passed to reject.
func readTable(ctx context.Context, src, dst *sql.DB, table, cols string, reject func()) (read int, lost []string, problems int, err error) {
	ncol := len(strings.Split(cols, ","))
	ins, err := dst.PrepareContext(ctx, fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", table, cols, strings.TrimSuffix(strings.Repeat("?, ", ncol), ", ")))
	if err != nil {
		return 0, nil, 0, err
	}
	defer ins.Close()
	const batch = 500
	// readFrom reads up to a batch of rows with rowid >= from, and the
	// rowid after the last read; ok is false when the read failed, after
	// the rows it returns (rows come one by one: those before a damaged
	// page are whole).
	readFrom := func(from int64) (rows [][]any, next int64, ok bool) {
		next = from
		q := fmt.Sprintf("SELECT rowid, %s FROM %s WHERE rowid >= ? ORDER BY rowid LIMIT %d", cols, table, batch)
		rs, err := src.QueryContext(ctx, q, from)
		if err != nil {
			return nil, next, false
		}
		defer rs.Close()
		for rs.Next() {
			vals := make([]any, ncol+1)
			ptrs := make([]any, ncol+1)
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				return rows, next, false
			}
			id, isInt := vals[0].(int64)
			if !isInt || id < next {
				return rows, next, false // a garbled page can read as rows
			}
			next = id + 1
			rows = append(rows, vals[1:])
		}
		return rows, next, rs.Err() == nil
	}
	// readable reports whether a read from rowid from on works. SQLite
	// finds the first rowid >= from through the pages that would hold
	// from: a read fails from the first rowid of a damaged page up to its
	// last, and works again from the rowid after.
	readable := func(from int64) bool {
		var id int64
		err := src.QueryRowContext(ctx, fmt.Sprintf("SELECT rowid FROM %s WHERE rowid >= ? ORDER BY rowid LIMIT 1", table), from).Scan(&id)
		return err == nil || errors.Is(err, sql.ErrNoRows)
	}
	const top = int64(1) << 50
	// Past a failed read, the search steps fewer rowids than a page holds
	// rows (a page of 4 KiB holds a dozen of the longest rows), so that a
	// readable page between two damaged ones is not stepped over. Past
	// 32,768 rowids (a damaged branch page hides hundreds of pages) the
	// steps double: a table whose last page is damaged fails up to top.
	const pageStep, pageSteps = int64(8), 4096
	next := int64(0)
	for next < top {
		if err := ctx.Err(); err != nil {
			return read, lost, problems, err
		}
		rows, after, ok := readFrom(next)
		for _, r := range rows {
			if _, err := ins.ExecContext(ctx, r...); err != nil {
				var se sqlite3.Error
				if errors.As(err, &se) && (se.Code == sqlite3.ErrConstraint || se.Code == sqlite3.ErrMismatch) {
					reject()
					continue
				}
				return read, lost, problems, err
			}
		}
		read += len(rows)
		next = after
		if ok {
			if len(rows) < batch {
				break
			}
			continue
		}
		// A read that fails at next: the first rowid past it from which
		// reading works, found by stepping, then halving back.
		problems++
		lo, hi := next, next+1 // lo fails; hi is tried
		for n := 0; hi < top && !readable(hi); n++ {
			step := pageStep
			if n >= pageSteps {
				step = hi - next // doubling
			}
			lo, hi = hi, hi+step
		}
		if hi >= top {
			lost = append(lost, fmt.Sprintf("%s: rows from rowid %d on", table, next))
			break
		}
		for hi-lo > 1 {
			mid := lo + (hi-lo)/2
			if readable(mid) {
				hi = mid
			} else {
				lo = mid
			}
		}
		lost = append(lost, fmt.Sprintf("%s: rowids %d to %d", table, next, hi-1))
		next = hi
	}
	return read, lost, problems, nil
}

// auditNew holds for a salvaged audit line (a) not in the kiosk's log yet.
const auditNew = `NOT EXISTS (SELECT 1 FROM main.audit b
	WHERE b.at = a.at AND b.staff_id = a.staff_id AND b.action = a.action AND b.detail = a.detail)`

// addSalvaged adds the salvaged rows (the database file into) to s, each
// record once, in one transaction.
func (s *Store) addSalvaged(ctx context.Context, into string, res *Salvage) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS salvaged", "file:"+into+"?mode=ro"); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), "DETACH DATABASE salvaged")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	steps := []struct{ table, sql string }{
		{"staff", `INSERT OR IGNORE INTO staff SELECT * FROM salvaged.staff`},
		// A member whose row was lost (or whose code is taken since) but
		// whose sessions were read comes back disabled, without a PIN, as
		// EnsureStaff adds another kiosk's members.
		{"staff", `INSERT OR IGNORE INTO staff (id, code, name, role, pin_hash, created_at, disabled_at)
			SELECT id, 'k' || substr(replace(id, '-', ''), -11), 'Cán bộ (khôi phục)', 'staff', '-', 0, 0 FROM (
				SELECT recorded_by AS id FROM salvaged.session_versions UNION SELECT staff_id FROM salvaged.session_versions
				UNION SELECT changed_by FROM salvaged.settings)
			WHERE id NOT IN (SELECT id FROM main.staff)`},
		{"settings", `INSERT OR IGNORE INTO settings SELECT * FROM salvaged.settings WHERE changed_by IN (SELECT id FROM staff)`},
		// In version order, for session_latest's trigger to keep the latest.
		{"session_versions", `INSERT OR IGNORE INTO session_versions (` + salvageTables[2].cols + `)
			SELECT ` + salvageTables[2].cols + ` FROM salvaged.session_versions
			WHERE recorded_by IN (SELECT id FROM staff) AND staff_id IN (SELECT id FROM staff)
			ORDER BY session_id, version`},
		{"visits", `INSERT OR IGNORE INTO visits SELECT * FROM salvaged.visits`},
		// An event is known by all it holds; it needs its visit.
		{"visit_events", `INSERT OR IGNORE INTO visit_events (visit_id, at, kind, screen, procedure, detail, step)
			SELECT e.visit_id, e.at, e.kind, e.screen, e.procedure, e.detail, e.step FROM salvaged.visit_events e
			WHERE e.visit_id IN (SELECT id FROM main.visits) AND NOT EXISTS (SELECT 1 FROM main.visit_events m
				WHERE m.visit_id = e.visit_id AND m.at = e.at AND m.kind = e.kind AND m.screen = e.screen
				AND m.procedure = e.procedure AND m.detail = e.detail AND m.step = e.step)
			ORDER BY e.visit_id, e.at`},
		// An audit line keeps its number, which the collector knows it by
		// (with its moment); one whose number is taken since has a new one.
		{"audit", `INSERT INTO audit (id, at, staff_id, action, detail)
			SELECT a.id, a.at, a.staff_id, a.action, a.detail FROM salvaged.audit a
			WHERE a.id NOT IN (SELECT id FROM main.audit) AND ` + auditNew + ` ORDER BY a.id`},
		{"audit", `INSERT INTO audit (at, staff_id, action, detail)
			SELECT a.at, a.staff_id, a.action, a.detail FROM salvaged.audit a WHERE ` + auditNew + ` ORDER BY a.id`},
	}
	// The audit lines added below the sync mark are sent again from the
	// lowest (the collector keeps each line once): the mark goes back.
	var lowest sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT MIN(a.id) FROM salvaged.audit a
		WHERE a.id NOT IN (SELECT id FROM main.audit) AND `+auditNew).Scan(&lowest); err != nil {
		return classify(err)
	}
	if lowest.Valid {
		if _, err := tx.ExecContext(ctx, "UPDATE sync_marks SET last_id = min(last_id, ?) WHERE stream = 'audit'", lowest.Int64-1); err != nil {
			return classify(err)
		}
	}
	for _, st := range steps {
		r, err := tx.ExecContext(ctx, st.sql)
		if err != nil {
			return fmt.Errorf("add the salvaged %s: %w", st.table, classify(err))
		}
		n, _ := r.RowsAffected()
		res.Added[st.table] += int(n)
	}
	return classify(tx.Commit())
}

// NoteRecovered records, in the data folder's list of set-aside files,
// that the records of file were taken back.
func NoteRecovered(dataDir, file string, at time.Time, res Salvage) error {
	list, err := SetAsides(dataDir)
	if err != nil {
		return err
	}
	rec := SetAside{File: file, At: at}
	if i := slices.IndexFunc(list, func(r SetAside) bool { return r.File == file }); i >= 0 {
		rec = list[i]
	}
	rec.Recovered, rec.Salvaged = at, &res
	return noteSetAside(filepath.Join(dataDir, DamagedDir), rec)
}
