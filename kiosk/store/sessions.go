package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Session statuses.
const (
	SessionOpen   = "open"
	SessionClosed = "closed"
	SessionVoid   = "void"
)

// Session is one version of an assisted session: a staff member's help to
// one walk-in resident. Versions are never changed: closing, correcting or
// voiding a session writes a new version with the whole record.
type Session struct {
	ID           string
	Version      int
	Status       string
	RecordedAt   time.Time
	RecordedBy   string // staff id of who wrote this version
	ChangeReason string // why a correction or void was made

	KioskID    string
	Site       string
	StaffID    string
	Started    time.Time
	Ended      time.Time     // zero while open
	Duration   time.Duration // measured on the monotonic clock
	Procedures []string      // procedure codes
	Help       []string      // kinds of help given
	Outcome    string        // "done", "not_done" or "" while open
	Reason     string        // why not done
	Channel    string        // counter, postal_point, home_visit
	Place      string        // the resident's commune or village
	Consent    bool          // the resident agreed to the coarse groups
	Groups     []string      // coarse groups, only with consent
	Rating     int           // 1-4 faces; 0: not given
	Note       string
}

// ErrStale is returned when a session changed since the version the
// change was based on.
var ErrStale = errors.New("the session was changed meanwhile: reload it")

// AddSessionVersion appends a version of a session. Version 1 opens it; a
// later version must be exactly one above the current one, so two changes
// made from the same version cannot both land. It returns once the row is
// committed to disk (synchronous=FULL).
func (s *Store) AddSessionVersion(ctx context.Context, v Session) error {
	list := func(xs []string) string {
		if xs == nil {
			xs = []string{}
		}
		b, _ := json.Marshal(xs)
		return string(b)
	}
	var ended, dur any
	if !v.Ended.IsZero() {
		ended, dur = millis(v.Ended), max(v.Duration, 0).Milliseconds()
	}
	consent := 0
	if v.Consent {
		consent = 1
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	var cur int
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM session_versions WHERE session_id = ?", v.ID).Scan(&cur); err != nil {
		return err
	}
	if v.Version != cur+1 {
		return ErrStale
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO session_versions (
		session_id, version, status, recorded_at, recorded_by, change_reason,
		kiosk_id, site, staff_id, started_at, ended_at, duration_ms,
		procedures, help, outcome, reason, channel, place, consent, groups, rating, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		v.ID, v.Version, v.Status, millis(v.RecordedAt), v.RecordedBy, v.ChangeReason,
		v.KioskID, v.Site, v.StaffID, millis(v.Started), ended, dur,
		list(v.Procedures), list(v.Help), v.Outcome, v.Reason, v.Channel, v.Place, consent, list(v.Groups), v.Rating, v.Note)
	if err != nil {
		return fmt.Errorf("record session: %w", classify(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record session: %w", classify(err))
	}
	return nil
}

const sessionColumns = `session_id, version, status, recorded_at, recorded_by, change_reason,
	kiosk_id, site, staff_id, started_at, ended_at, duration_ms,
	procedures, help, outcome, reason, channel, place, consent, groups, rating, note`

func scanSession(row interface{ Scan(...any) error }) (Session, error) {
	var v Session
	var recorded, started int64
	var ended, dur sql.NullInt64
	var procs, help, groups string
	var consent int
	err := row.Scan(&v.ID, &v.Version, &v.Status, &recorded, &v.RecordedBy, &v.ChangeReason,
		&v.KioskID, &v.Site, &v.StaffID, &started, &ended, &dur,
		&procs, &help, &v.Outcome, &v.Reason, &v.Channel, &v.Place, &consent, &groups, &v.Rating, &v.Note)
	if err != nil {
		return v, err
	}
	v.RecordedAt, v.Started = fromMillis(recorded), fromMillis(started)
	if ended.Valid {
		v.Ended = fromMillis(ended.Int64)
	}
	v.Duration = time.Duration(dur.Int64) * time.Millisecond
	v.Consent = consent == 1
	for _, f := range []struct {
		s  string
		to *[]string
	}{{procs, &v.Procedures}, {help, &v.Help}, {groups, &v.Groups}} {
		if err := json.Unmarshal([]byte(f.s), f.to); err != nil {
			return v, fmt.Errorf("session %s: %w", v.ID, err)
		}
	}
	return v, nil
}

// CurrentSession is a session's latest version.
func (s *Store) CurrentSession(ctx context.Context, id string) (Session, error) {
	v, err := scanSession(s.db.QueryRowContext(ctx,
		"SELECT "+sessionColumns+" FROM session_versions WHERE session_id = ? ORDER BY version DESC LIMIT 1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return v, ErrNotFound
	}
	return v, err
}

// SessionHistory lists every version of a session, oldest first.
func (s *Store) SessionHistory(ctx context.Context, id string) ([]Session, error) {
	return s.sessions(ctx, "SELECT "+sessionColumns+" FROM session_versions WHERE session_id = ? ORDER BY version", id)
}

// Sessions lists the current version of every session started in
// [from, to), oldest first; staffID, when not empty, keeps one member's.
func (s *Store) Sessions(ctx context.Context, from, to time.Time, staffID string) ([]Session, error) {
	return s.sessions(ctx, `SELECT `+sessionColumns+` FROM session_versions v
		WHERE started_at >= ? AND started_at < ? AND (? = '' OR staff_id = ?)
		AND version = (SELECT MAX(version) FROM session_versions w WHERE w.session_id = v.session_id)
		ORDER BY started_at, session_id`, millis(from), millis(to), staffID, staffID)
}

// CountSessions counts the sessions started in [from, to), whatever their
// status: the rows an export writes.
func (s *Store) CountSessions(ctx context.Context, from, to time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT COUNT(DISTINCT session_id) FROM session_versions WHERE started_at >= ? AND started_at < ?",
		millis(from), millis(to)).Scan(&n)
	return n, err
}

// EachSession calls f with the current version of every session started
// in [from, to), oldest first, reading them one at a time so that memory
// does not grow with their number. f's error stops the walk.
func (s *Store) EachSession(ctx context.Context, from, to time.Time, f func(Session) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sessionColumns+` FROM session_versions v
		WHERE started_at >= ? AND started_at < ?
		AND version = (SELECT MAX(version) FROM session_versions w WHERE w.session_id = v.session_id)
		ORDER BY started_at, session_id`, millis(from), millis(to))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		v, err := scanSession(rows)
		if err != nil {
			return err
		}
		if err := f(v); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *Store) sessions(ctx context.Context, q string, args ...any) ([]Session, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		v, err := scanSession(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// LinkVisit records that a resident's visit happened inside a session.
func (s *Store) LinkVisit(ctx context.Context, visitID, sessionID string) error {
	res, err := s.db.ExecContext(ctx, "UPDATE visits SET session_id = ? WHERE id = ?", sessionID, visitID)
	return oneRow(res, err)
}

// VisitSession is the session a visit happened in, or "".
func (s *Store) VisitSession(ctx context.Context, visitID string) (string, error) {
	var id sql.NullString
	err := s.db.QueryRowContext(ctx, "SELECT session_id FROM visits WHERE id = ?", visitID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return id.String, err
}

// ImportSessions appends whole session versions in one transaction a
// batch, without the one-at-a-time checks of AddSessionVersion: for demo
// data and for merging other kiosks' records. A version already there
// (same session and version) is skipped, so importing twice adds nothing.
// It returns how many versions were added.
func (s *Store) ImportSessions(ctx context.Context, vs []Session) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, classify(err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO session_versions (
		session_id, version, status, recorded_at, recorded_by, change_reason,
		kiosk_id, site, staff_id, started_at, ended_at, duration_ms,
		procedures, help, outcome, reason, channel, place, consent, groups, rating, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	list := func(xs []string) string {
		if xs == nil {
			xs = []string{}
		}
		b, _ := json.Marshal(xs)
		return string(b)
	}
	added := 0
	for _, v := range vs {
		var ended, dur any
		if !v.Ended.IsZero() {
			ended, dur = millis(v.Ended), max(v.Duration, 0).Milliseconds()
		}
		consent := 0
		if v.Consent {
			consent = 1
		}
		res, err := stmt.ExecContext(ctx, v.ID, v.Version, v.Status, millis(v.RecordedAt), v.RecordedBy, v.ChangeReason,
			v.KioskID, v.Site, v.StaffID, millis(v.Started), ended, dur,
			list(v.Procedures), list(v.Help), v.Outcome, v.Reason, v.Channel, v.Place, consent, list(v.Groups), v.Rating, v.Note)
		if err != nil {
			return 0, fmt.Errorf("import session %s: %w", v.ID, classify(err))
		}
		if n, _ := res.RowsAffected(); n > 0 {
			added++
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, classify(err)
	}
	return added, nil
}

// ImportVisits appends closed visits and their events in one transaction.
func (s *Store) ImportVisits(ctx context.Context, vs []Visit, events [][]Event) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	vstmt, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO visits (id, kiosk_id, started_at, ended_at, duration_ms, end_reason) VALUES (?, ?, ?, ?, ?, ?)")
	if err != nil {
		return err
	}
	defer vstmt.Close()
	estmt, err := tx.PrepareContext(ctx, "INSERT INTO visit_events (visit_id, at, kind, screen, procedure, detail, step) VALUES (?, ?, ?, ?, ?, ?, ?)")
	if err != nil {
		return err
	}
	defer estmt.Close()
	for i, v := range vs {
		if _, err := vstmt.ExecContext(ctx, v.ID, v.KioskID, millis(v.Started), millis(v.Ended), v.Duration.Milliseconds(), v.EndReason); err != nil {
			return classify(err)
		}
		for _, e := range events[i] {
			if _, err := estmt.ExecContext(ctx, v.ID, millis(e.At), string(e.Kind), e.Screen, e.Procedure, e.Detail, e.Step); err != nil {
				return classify(err)
			}
		}
	}
	return classify(tx.Commit())
}

// TallyColumn is an SQL expression over a session version (alias v) that
// gives one key of a tally, or a JSON array column whose elements each
// give one (Multi).
type TallyColumn struct {
	Expr  string
	Multi bool
}

// TallySessions counts the closed sessions (by their current version)
// started in [from, to), grouped by the columns, in SQL: a session counts
// once under each element of a Multi column, and under "" when the array
// is empty. It returns each key tuple with its count.
func (s *Store) TallySessions(ctx context.Context, from, to time.Time, cols []TallyColumn) ([][]string, []int, error) {
	var sel, joins, group []string
	for i, c := range cols {
		expr := c.Expr
		if c.Multi {
			alias := fmt.Sprintf("j%d", i)
			joins = append(joins, fmt.Sprintf("LEFT JOIN json_each(%s) AS %s", c.Expr, alias))
			expr = fmt.Sprintf("COALESCE(%s.value, '')", alias)
		}
		sel = append(sel, expr)
		group = append(group, fmt.Sprint(i+1))
	}
	q := "SELECT " + strings.Join(append(sel, "COUNT(*)"), ", ") + " FROM session_versions v " + strings.Join(joins, " ") + `
		WHERE v.started_at >= ? AND v.started_at < ? AND v.status = 'closed'
		AND v.version = (SELECT MAX(version) FROM session_versions w WHERE w.session_id = v.session_id)`
	if len(group) > 0 {
		q += " GROUP BY " + strings.Join(group, ", ")
	}
	rows, err := s.db.QueryContext(ctx, q, millis(from), millis(to))
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var keys [][]string
	var counts []int
	for rows.Next() {
		k := make([]sql.NullString, len(cols))
		dest := make([]any, 0, len(cols)+1)
		for i := range k {
			dest = append(dest, &k[i])
		}
		var n int
		dest = append(dest, &n)
		if err := rows.Scan(dest...); err != nil {
			return nil, nil, err
		}
		if n == 0 {
			continue // COUNT(*) of no rows, with no grouping
		}
		out := make([]string, len(k))
		for i, x := range k {
			out[i] = x.String
		}
		keys = append(keys, out)
		counts = append(counts, n)
	}
	return keys, counts, rows.Err()
}
