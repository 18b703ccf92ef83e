// Package store keeps the kiosk's records in SQLite: one database file in
// the kiosk's data folder, written in WAL mode with synchronous=FULL so that
// a record the kiosk has confirmed survives a power cut. The schema is built
// by numbered migrations embedded in the binary, each run in one transaction.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"onestop/kiosk"
)

//go:embed migrations/*.sql
var migrations embed.FS

// FileName is the database's name inside the data folder.
const FileName = "kiosk.db"

// Store is an open kiosk database.
type Store struct {
	db     *sql.DB
	reader *sql.DB // connections that only read, for long reads
	file   string
	// Now is the wall clock; tests replace it.
	Now func() time.Time
}

// ErrDamaged means the database failed its integrity check.
var ErrDamaged = errors.New("the database is damaged")

// Open opens (creating if needed) the database at file, checks it, and
// brings its schema up to date.
func Open(file string) (*Store, error) { return open(file, true) }

// OpenForReading opens the database like Open, for commands that read its
// records (tallies, exports, reports; they may add an audit line). It
// skips the integrity check, which reads the whole file (seconds on a
// database of millions of records), unless the schema needs a migration,
// which writes: a damaged page read later still fails that read.
func OpenForReading(file string) (*Store, error) { return open(file, false) }

func open(file string, check bool) (*Store, error) {
	dsn := "file:" + file + "?_journal_mode=WAL&_synchronous=FULL&_foreign_keys=on&_busy_timeout=5000&_txlock=immediate"
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, err
	}
	// One connection: the kiosk is one writer, and it keeps the pragmas of
	// the DSN on the only connection there is.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, Now: time.Now, file: file}
	if err := s.open(check); err != nil {
		db.Close()
		return nil, fmt.Errorf("database %s: %w", file, err)
	}
	// Long reads (an export walking every session) go through connections
	// of their own, which may only read: in WAL mode they read a snapshot
	// while the writer goes on, so a resident's visit is recorded while an
	// admin's export runs.
	s.reader, err = sql.Open("sqlite3", "file:"+file+"?_foreign_keys=on&_busy_timeout=5000&_query_only=true")
	if err != nil {
		db.Close()
		return nil, err
	}
	s.reader.SetMaxOpenConns(readAhead + 1)
	return s, nil
}

func (s *Store) open(check bool) error {
	ctx := context.Background()
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return err
	}
	if mode != "wal" {
		return fmt.Errorf("journal mode is %q, want wal", mode)
	}
	if !check {
		v, err := s.Version(ctx)
		if err != nil {
			return err
		}
		latest, err := latestVersion()
		if err != nil {
			return err
		}
		check = v < latest
	}
	if check {
		if err := s.Check(ctx); err != nil {
			return err
		}
	}
	return s.migrate(ctx)
}

// Close closes the database.
func (s *Store) Close() error {
	if s.reader != nil {
		s.reader.Close()
	}
	return s.db.Close()
}

// Check runs SQLite's quick integrity check.
func (s *Store) Check(ctx context.Context) error {
	return s.pragmaCheck(ctx, "PRAGMA quick_check")
}

func (s *Store) pragmaCheck(ctx context.Context, pragma string) error {
	rows, err := s.db.QueryContext(ctx, pragma)
	if err != nil {
		return err
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return err
		}
		// A row may hold several problems, a line each, under a heading.
		for line := range strings.SplitSeq(m, "\n") {
			if line = strings.TrimSpace(line); line != "" && line != "ok" && !strings.HasPrefix(line, "*** ") {
				msgs = append(msgs, line)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(msgs) > 0 {
		return &DamageError{First: msgs[:min(len(msgs), 5)], Count: len(msgs)}
	}
	return nil
}

// Integrity runs SQLite's full integrity_check (Check is the quick one
// run at every open), then checks that session_latest holds exactly the
// latest version of every session.
func (s *Store) Integrity(ctx context.Context) error {
	if err := s.pragmaCheck(ctx, "PRAGMA integrity_check"); err != nil {
		return err
	}
	return s.checkLatest(ctx)
}

// checkLatest compares session_latest with the versions it is kept from.
func (s *Store) checkLatest(ctx context.Context) error {
	var sessions, latest, matching int
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(DISTINCT session_id) FROM session_versions),
		(SELECT COUNT(*) FROM session_latest),
		(SELECT COUNT(*) FROM session_latest l WHERE l.version =
			(SELECT MAX(version) FROM session_versions v WHERE v.session_id = l.session_id))`).Scan(&sessions, &latest, &matching)
	if err != nil {
		return err
	}
	if sessions != latest || latest != matching {
		return fmt.Errorf("%w: %d sessions, %d latest rows, %d of them their session's latest version", ErrDamaged, sessions, latest, matching)
	}
	return nil
}

// Version is the schema version the database is at.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

type migration struct {
	version int
	name    string
}

// migrationSteps are the embedded migrations in order.
func migrationSteps() ([]migration, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var steps []migration
	for _, n := range names {
		base := path.Base(n)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", base)
		}
		steps = append(steps, migration{v, n})
	}
	sort.Slice(steps, func(i, j int) bool { return steps[i].version < steps[j].version })
	return steps, nil
}

// latestVersion is the schema version the embedded migrations lead to.
func latestVersion() (int, error) {
	steps, err := migrationSteps()
	if err != nil || len(steps) == 0 {
		return 0, err
	}
	return steps[len(steps)-1].version, nil
}

// migrate runs, in order, every embedded migration newer than the
// database's user_version, each with its version bump in one transaction.
func (s *Store) migrate(ctx context.Context) error {
	steps, err := migrationSteps()
	if err != nil {
		return err
	}

	current, err := s.Version(ctx)
	if err != nil {
		return err
	}
	if n := len(steps); n > 0 && current > steps[n-1].version {
		return fmt.Errorf("the database is at schema %d, newer than this program knows (%d): use a newer kiosk", current, steps[n-1].version)
	}
	for _, st := range steps {
		if st.version <= current {
			continue
		}
		body, err := migrations.ReadFile(st.name)
		if err != nil {
			return err
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", path.Base(st.name), err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", st.version)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", path.Base(st.name), err)
		}
	}
	return nil
}

func millis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms) }

// classify turns SQLite's out-of-space and locked errors into the store's
// own, which say what to do.
func classify(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrFull:
			return fmt.Errorf("%w (%v)", kiosk.ErrDiskFull, err)
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return fmt.Errorf("%w (%v)", kiosk.ErrBusy, err)
		}
	}
	return err
}

// Holdings is what a database holds, for kiosk status.
type Holdings struct {
	Schema      int
	Sessions    int // assisted sessions, each counted once whatever its versions
	Visits      int
	OpenVisits  int
	Events      int
	Staff       int
	AuditLines  int
	NewestEntry time.Time // the latest time any record carries; zero when empty
}

// Holdings counts what the database holds.
func (s *Store) Holdings(ctx context.Context) (Holdings, error) {
	var h Holdings
	var err error
	if h.Schema, err = s.Version(ctx); err != nil {
		return h, err
	}
	if h.Visits, h.OpenVisits, err = s.CountVisits(ctx); err != nil {
		return h, err
	}
	var newest int64
	err = s.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM session_latest),
		(SELECT COUNT(*) FROM visit_events),
		(SELECT COUNT(*) FROM staff),
		(SELECT COUNT(*) FROM audit),
		MAX(COALESCE((SELECT MAX(started_at) FROM visits), 0),
		    COALESCE((SELECT MAX(at) FROM visit_events), 0),
		    COALESCE((SELECT MAX(recorded_at) FROM session_latest), 0),
		    COALESCE((SELECT MAX(at) FROM audit), 0))`).Scan(&h.Sessions, &h.Events, &h.Staff, &h.AuditLines, &newest)
	if newest > 0 {
		h.NewestEntry = time.UnixMilli(newest)
	}
	return h, err
}
