package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"onestop/kiosk"
)

// insertSession is the INTO part of the INSERT of a version, for row's
// values.
const insertSession = insertSessionsInto + sessionValues

const insertSessionsInto = `INTO session_versions (
	session_id, version, status, recorded_at, recorded_by, change_reason,
	kiosk_id, site, staff_id, started_at, ended_at, duration_ms,
	procedures, help, outcome, reason, channel, place, consent, groups, rating, note)
	VALUES `

// sessionValues holds the places of one row's values, as many as
// sessionRow gives.
const sessionValues = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

const sessionColumns = 22

// sessionRow is a version's values for insertSession: lists as JSON arrays, times
// as Unix milliseconds, the end and duration NULL while open.
func sessionRow(v kiosk.Session) []any {
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
	return []any{v.ID, v.Version, v.Status, millis(v.RecordedAt), v.RecordedBy, v.ChangeReason,
		v.KioskID, v.Site, v.StaffID, millis(v.Started), ended, dur,
		list(v.Procedures), list(v.Help), v.Outcome, v.Reason, v.Channel, v.Place, consent, list(v.Groups), v.Rating, v.Note}
}

// AddSessionVersion appends a version of a session. Version 1 opens it; a
// later version must be exactly one above the current one, so two changes
// made from the same version cannot both land. It returns once the row is
// committed to disk (synchronous=FULL).
func (s *Store) AddSessionVersion(ctx context.Context, v kiosk.Session) error {
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
		return kiosk.ErrStale
	}
	_, err = tx.ExecContext(ctx, "INSERT "+insertSession, sessionRow(v)...)
	if err != nil {
		return fmt.Errorf("record session: %w", classify(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record session: %w", classify(err))
	}
	return nil
}

// sessionFields are the columns of a session version, in the order
// sessionPacked joins them and unpackSession reads them back.
var sessionFields = []string{"session_id", "version", "status", "recorded_at", "recorded_by", "change_reason",
	"kiosk_id", "site", "staff_id", "started_at", "ended_at", "duration_ms",
	"json(procedures)", "json(help)", "outcome", "reason", "channel", "place", "consent", "json(groups)", "rating", "note"}

// sessionPacked is an SQL expression that gives a session's columns as one
// JSON array, its lists as arrays in it. Fetching one column instead of 22
// is most of what reading a million sessions costs through database/sql,
// and SQLite writes the array in one pass.
var sessionPacked = "json_array(" + strings.Join(sessionFields, ", ") + ")"

// unpackSession reads a session from sessionPacked's text.
func unpackSession(packed string) (kiosk.Session, error) {
	var v kiosk.Session
	r := &arrayReader{s: packed}
	r.open()
	v.ID = r.str()
	v.Version = int(r.num())
	v.Status = r.str()
	v.RecordedAt = fromMillis(r.num())
	v.RecordedBy = r.str()
	v.ChangeReason = r.str()
	v.KioskID = r.str()
	v.Site = r.str()
	v.StaffID = r.str()
	v.Started = fromMillis(r.num())
	if ended := r.num(); !r.null {
		v.Ended = fromMillis(ended)
	}
	v.Duration = time.Duration(r.num()) * time.Millisecond
	v.Procedures = r.list()
	v.Help = r.list()
	v.Outcome = r.str()
	v.Reason = r.str()
	v.Channel = r.str()
	v.Place = r.str()
	v.Consent = r.num() == 1
	v.Groups = r.list()
	v.Rating = int(r.num())
	v.Note = r.str()
	r.close()
	if r.err != nil {
		return v, fmt.Errorf("reading session %.40q: %w", packed, r.err)
	}
	return v, nil
}

// arrayReader reads, in order, the elements of a JSON array as SQLite's
// json_array writes it (no spaces): strings, integers, null and arrays of
// strings. Strings without escapes are cut from the text as they are; the
// rare one with escapes goes through encoding/json. The first error stops
// the reading and stays in err.
type arrayReader struct {
	s    string
	i    int
	n    int  // elements read at this level
	null bool // the last number read was null
	err  error
}

func (r *arrayReader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%s at byte %d", what, r.i)
	}
}

func (r *arrayReader) byte(c byte) bool {
	if r.err == nil && r.i < len(r.s) && r.s[r.i] == c {
		r.i++
		return true
	}
	return false
}

func (r *arrayReader) open() {
	if !r.byte('[') {
		r.fail("no array")
	}
	r.n = 0
}

// next moves past the comma before any element but the first.
func (r *arrayReader) next() {
	if r.n > 0 && !r.byte(',') {
		r.fail("no comma")
	}
	r.n++
}

func (r *arrayReader) close() {
	if !r.byte(']') {
		r.fail("no end of array")
	}
}

func (r *arrayReader) str() string {
	r.next()
	return r.quoted()
}

func (r *arrayReader) quoted() string {
	if !r.byte('"') {
		r.fail("no string")
		return ""
	}
	start, escaped := r.i, false
	for ; r.i < len(r.s); r.i++ {
		switch r.s[r.i] {
		case '\\':
			escaped = true
			r.i++
		case '"':
			r.i++
			if !escaped {
				return r.s[start : r.i-1]
			}
			var out string
			if err := json.Unmarshal([]byte(r.s[start-1:r.i]), &out); err != nil {
				r.fail("bad string")
			}
			return out
		}
	}
	r.fail("unended string")
	return ""
}

func (r *arrayReader) num() int64 {
	r.next()
	r.null = false
	if strings.HasPrefix(r.s[min(r.i, len(r.s)):], "null") {
		r.i += 4
		r.null = true
		return 0
	}
	start := r.i
	for r.i < len(r.s) && (r.s[r.i] == '-' || r.s[r.i] >= '0' && r.s[r.i] <= '9') {
		r.i++
	}
	n, err := strconv.ParseInt(r.s[start:r.i], 10, 64)
	if err != nil {
		r.fail("no number")
	}
	return n
}

func (r *arrayReader) list() []string {
	r.next()
	if !r.byte('[') {
		r.fail("no list")
		return nil
	}
	out := []string{}
	for i := 0; r.err == nil && !r.byte(']'); i++ {
		if i > 0 && !r.byte(',') {
			r.fail("no comma in list")
		}
		out = append(out, r.quoted())
	}
	return out
}

// CurrentSession is a session's latest version.
func (s *Store) CurrentSession(ctx context.Context, id string) (kiosk.Session, error) {
	list, err := s.sessions(ctx, "SELECT "+sessionPacked+" FROM session_versions WHERE session_id = ? ORDER BY version DESC LIMIT 1", id)
	if err == nil && len(list) == 0 {
		err = kiosk.ErrNotFound
	}
	if err != nil {
		return kiosk.Session{}, err
	}
	return list[0], nil
}

// SessionHistory lists every version of a session, oldest first.
func (s *Store) SessionHistory(ctx context.Context, id string) ([]kiosk.Session, error) {
	return s.sessions(ctx, "SELECT "+sessionPacked+" FROM session_versions WHERE session_id = ? ORDER BY version", id)
}

// inRange is the condition, on a table with day and started_at columns,
// for a start in [from, to), and its arguments: the range of days finds
// the rows through an index, started_at keeps the exact bounds.
func inRange(alias string, from, to time.Time) (string, []any) {
	if !to.After(from) {
		return "0", nil
	}
	return fmt.Sprintf("%[1]sday BETWEEN ? AND ? AND %[1]sstarted_at >= ? AND %[1]sstarted_at < ?", alias),
		[]any{kiosk.LocalDay(from), kiosk.LocalDay(to.Add(-time.Millisecond)), millis(from), millis(to)}
}

// Sessions lists the current version of every session started in
// [from, to), oldest first; staffID, when not empty, keeps one member's.
func (s *Store) Sessions(ctx context.Context, from, to time.Time, staffID string) ([]kiosk.Session, error) {
	where, args := inRange("", from, to)
	return s.sessions(ctx, "SELECT "+sessionPacked+" FROM session_latest WHERE "+where+" AND (? = '' OR staff_id = ?) ORDER BY day, started_at, session_id",
		append(args, staffID, staffID)...)
}

// CountSessions counts the sessions started in [from, to), whatever their
// status: the rows an export writes.
func (s *Store) CountSessions(ctx context.Context, from, to time.Time) (int, error) {
	var n int
	where, args := inRange("", from, to)
	err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM session_latest WHERE "+where, args...).Scan(&n)
	return n, err
}

// EachSession calls f with the current version of every session started
// in [from, to), oldest first, with at most readAhead days' sessions in
// memory, so that memory does not grow with their number. f's error stops the walk.
// It reads through connections of its own, each day at one moment: a
// record written meanwhile (by f too) is not waited for, and is seen only
// if its day is read after it.
//
// The days are read readAhead at a time, each on its own connection, and
// handed to f in order. On a database whose pages were not read lately
// (an export on a kiosk that has been up for days), the table's pages lie
// scattered over the file, and one reader waited on the disk for each in
// turn: exporting a million sessions to CSV with the page cache dropped
// took 10.2 s with one reader and 8.2 s with eight (medians of 3, run in
// turns); with the pages in memory, 3.9 and 3.4 s.
func (s *Store) EachSession(ctx context.Context, from, to time.Time, f func(kiosk.Session) error) error {
	if !to.After(from) {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	first, last := kiosk.LocalDay(from), kiosk.LocalDay(to.Add(-time.Millisecond))
	lo, hi := millis(from), millis(to)
	type dayRows struct {
		rows []string
		err  error
	}
	days := make(chan chan dayRows, readAhead-1)
	go func() {
		defer close(days)
		for d := first; d <= last; d++ {
			// The next day that has sessions: a kiosk's days are not all
			// working days, and an export's range may span years.
			var next sql.NullInt64
			err := s.reader.QueryRowContext(ctx, "SELECT MIN(day) FROM session_latest WHERE day BETWEEN ? AND ?", d, last).Scan(&next)
			c := make(chan dayRows, 1)
			if err != nil {
				c <- dayRows{err: err}
				days <- c // taken: the loop below takes every day until days closes
				return
			}
			if !next.Valid {
				return
			}
			d = next.Int64
			select {
			case days <- c:
			case <-ctx.Done():
				return
			}
			go func() {
				var r dayRows
				r.rows, r.err = s.readDay(ctx, d, lo, hi)
				c <- r
			}()
		}
	}()
	var stop error
	for c := range days {
		r := <-c // every day is waited for, so that no reading outlives the walk
		if stop == nil {
			stop = cmp.Or(r.err, ctx.Err())
		}
		for _, packed := range r.rows {
			if stop != nil {
				break
			}
			v, err := unpackSession(packed)
			if err == nil {
				err = f(v)
			}
			stop = err
		}
		if stop != nil {
			cancel() // the days being read stop; the rest are not started
		}
	}
	if stop == nil {
		stop = ctx.Err()
	}
	return stop
}

// readAhead is how many days EachSession reads at once. Reading alone, a
// million sessions from a cold page cache took 7.2 s with one reader, 5.4
// with 4, 3.8 with 8 and 3.3 with 16; with the export's own work beside
// it, 16 readers did no better than 8.
const readAhead = 8

// readDay reads the packed sessions of one day started in [lo, hi), in
// order.
func (s *Store) readDay(ctx context.Context, day, lo, hi int64) ([]string, error) {
	return packedRows(ctx, s.reader, "SELECT "+sessionPacked+" FROM session_latest WHERE day = ? AND started_at >= ? AND started_at < ? ORDER BY started_at, session_id", day, lo, hi)
}

// packedRows reads the one column of a query's rows: sessions as
// sessionPacked gives them.
func packedRows(ctx context.Context, db *sql.DB, q string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var packed string
		if err := rows.Scan(&packed); err != nil {
			return nil, err
		}
		out = append(out, packed)
	}
	return out, rows.Err()
}

// sessions lists the sessions a query gives.
func (s *Store) sessions(ctx context.Context, q string, args ...any) ([]kiosk.Session, error) {
	packed, err := packedRows(ctx, s.db, q, args...)
	if err != nil {
		return nil, err
	}
	var out []kiosk.Session // nil when there are none
	for _, p := range packed {
		v, err := unpackSession(p)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
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
		return "", kiosk.ErrNotFound
	}
	return id.String, err
}

// ImportSessions appends whole session versions in one transaction a
// batch, without the one-at-a-time checks of AddSessionVersion: for demo
// data and for merging other kiosks' records. A version already there
// (same session and version) is skipped, so importing twice adds nothing.
// It returns how many versions were added.
//
// The versions go in importRows to a statement. Each statement that
// writes through the triggers keeps a journal of the pages it changes, to
// undo itself if it fails; one a row wrote those pages out again for every
// row, and took twice the time of the inserting itself.
func (s *Store) ImportSessions(ctx context.Context, vs []kiosk.Session) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, classify(err)
	}
	defer tx.Rollback()
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	// insert adds rows with one statement, prepared once for their count.
	insert := func(rows []kiosk.Session) (int64, error) {
		st := stmts[len(rows)]
		if st == nil {
			q := "INSERT OR IGNORE " + insertSessionsInto + strings.Repeat(sessionValues+", ", len(rows)-1) + sessionValues
			prepared, err := tx.PrepareContext(ctx, q)
			if err != nil {
				return 0, err
			}
			st, stmts[len(rows)] = prepared, prepared
		}
		args := make([]any, 0, len(rows)*sessionColumns)
		for _, v := range rows {
			args = append(args, sessionRow(v)...)
		}
		res, err := st.ExecContext(ctx, args...)
		if err != nil {
			return 0, err
		}
		return res.RowsAffected()
	}
	added := 0
	for rows := range slices.Chunk(vs, importRows) {
		n, err := insert(rows)
		if err == nil {
			added += int(n)
			continue
		}
		// The failed statement undid itself: the rows go again one at a
		// time, to name the one refused.
		for _, v := range rows {
			n, err := insert([]kiosk.Session{v})
			if err != nil {
				return 0, fmt.Errorf("import session %s: %w", v.ID, classify(err))
			}
			added += int(n)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, classify(err)
	}
	return added, nil
}

// importRows is how many versions ImportSessions writes a statement: far
// under SQLite's limit of 32 766 values a statement.
const importRows = 100

// ImportVisits appends closed visits and their events in one transaction.
func (s *Store) ImportVisits(ctx context.Context, vs []kiosk.Visit, events [][]kiosk.Event) error {
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

// The keys sessions are tallied by: TallyDay is the kiosk.LocalDay a session
// started; the list keys (procedure, help, group) count a session once
// under each element, and under "" when its list is empty.
const (
	TallyDay       = "day"
	TallyProcedure = "procedure"
	TallyHelp      = "help"
	TallyGroup     = "group"
)

// tallyColumns are the SQL of the keys over a session's row (l); a list
// key's is its JSON array column.
var tallyColumns = map[string]string{
	TallyDay:       "l.day",
	"place":        "l.place",
	"site":         "l.site",
	"kiosk":        "l.kiosk_id",
	"staff":        "l.staff_id",
	"outcome":      "l.outcome",
	"reason":       "l.reason",
	"channel":      "l.channel",
	"rating":       "CASE WHEN l.rating = 0 THEN '' ELSE CAST(l.rating AS TEXT) END",
	TallyProcedure: "l.procedures",
	TallyHelp:      "l.help",
	TallyGroup:     "l.groups",
}

// TallySessions counts the closed sessions (by their latest version)
// started in [from, to), grouped by the keys, in SQL. It returns each key
// tuple with its count; TallyDay comes as a decimal kiosk.LocalDay.
func (s *Store) TallySessions(ctx context.Context, from, to time.Time, keys []string) ([][]string, []int, error) {
	var sel, joins, group []string
	for i, k := range keys {
		c := tallyColumns[k]
		if c == "" {
			return nil, nil, fmt.Errorf("no tally key %q", k)
		}
		if slices.Contains(keys[:i], k) {
			return nil, nil, fmt.Errorf("tally key %q named twice", k)
		}
		if k == TallyProcedure || k == TallyHelp || k == TallyGroup {
			joins = append(joins, fmt.Sprintf("LEFT JOIN json_each(%s) AS j%d", c, i))
			c = fmt.Sprintf("COALESCE(j%d.value, '')", i)
		}
		sel = append(sel, c)
		group = append(group, strconv.Itoa(i+1))
	}
	where, args := inRange("l.", from, to)
	q := "SELECT " + strings.Join(append(sel, "COUNT(*)"), ", ") + " FROM session_latest l " + strings.Join(joins, " ") +
		" WHERE " + where + " AND l.status = 'closed'"
	if len(group) > 0 {
		q += " GROUP BY " + strings.Join(group, ", ")
	}
	return s.tally(ctx, len(keys), q, args...)
}

// tally runs a counting query whose columns are n keys and a count, and
// returns each key tuple with its count.
func (s *Store) tally(ctx context.Context, n int, q string, args ...any) ([][]string, []int, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out [][]string
	var counts []int
	for rows.Next() {
		k := make([]string, n)
		dest := make([]any, 0, n+1)
		for i := range k {
			dest = append(dest, &k[i])
		}
		var c int
		if err := rows.Scan(append(dest, &c)...); err != nil {
			return nil, nil, err
		}
		if c > 0 { // COUNT(*) of no rows, when nothing is grouped
			out = append(out, k)
			counts = append(counts, c)
		}
	}
	return out, counts, rows.Err()
}
