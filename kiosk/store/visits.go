package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"onestop/kiosk"
)

// execer is a connection or a transaction.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// WriteVisits applies a batch of changes to the visit records in one
// transaction, in order, committed to disk (synchronous=FULL) before it
// returns: the kiosk's recorder gathers a second of a visit's taps into
// one such batch rather than syncing the disk at each.
func (s *Store) WriteVisits(ctx context.Context, batch []kiosk.VisitWrite) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	for _, w := range batch {
		if err := writeVisit(ctx, tx, w); err != nil {
			return err
		}
	}
	return classify(tx.Commit())
}

func writeVisit(ctx context.Context, db execer, w kiosk.VisitWrite) error {
	var err error
	switch w.Op {
	case kiosk.VisitBegin:
		_, err = db.ExecContext(ctx, "INSERT INTO visits (id, kiosk_id, started_at) VALUES (?, ?, ?)", w.VisitID, w.Value, millis(w.At))
		if err != nil {
			return fmt.Errorf("begin visit: %w", classify(err))
		}
	case kiosk.VisitEvent:
		e := w.Event
		_, err = db.ExecContext(ctx,
			"INSERT INTO visit_events (visit_id, at, kind, screen, procedure, detail, step) VALUES (?, ?, ?, ?, ?, ?, ?)",
			w.VisitID, millis(w.At), string(e.Kind), e.Screen, e.Procedure, e.Detail, e.Step)
		if err != nil {
			return fmt.Errorf("record %s: %w", e.Kind, classify(err))
		}
	case kiosk.VisitLink:
		_, err = db.ExecContext(ctx, "UPDATE visits SET session_id = ? WHERE id = ?", w.Value, w.VisitID)
		if err != nil {
			return fmt.Errorf("link visit: %w", classify(err))
		}
	case kiosk.VisitEnd:
		// The duration is measured by the caller on the monotonic clock, so
		// a wall clock set wrong mid-visit cannot make it negative.
		_, err = db.ExecContext(ctx,
			"UPDATE visits SET ended_at = ?, duration_ms = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL",
			millis(w.At), max(w.Duration, 0).Milliseconds(), w.Value, w.VisitID)
		if err != nil {
			return fmt.Errorf("end visit: %w", classify(err))
		}
	default:
		return fmt.Errorf("unknown visit change %d", w.Op)
	}
	return nil
}

// BeginVisit records the start of a visit at once and returns its id.
func (s *Store) BeginVisit(ctx context.Context, kioskID string, at time.Time) (string, error) {
	id := kiosk.NewID(at)
	return id, writeVisit(ctx, s.db, kiosk.VisitWrite{Op: kiosk.VisitBegin, VisitID: id, At: at, Value: kioskID})
}

// AddEvent records one event of an open visit at once.
func (s *Store) AddEvent(ctx context.Context, visitID string, e kiosk.Event) error {
	return writeVisit(ctx, s.db, kiosk.VisitWrite{Op: kiosk.VisitEvent, VisitID: visitID, At: e.At, Event: e})
}

// EndVisit closes a visit at once.
func (s *Store) EndVisit(ctx context.Context, visitID string, at time.Time, duration time.Duration, reason string) error {
	return writeVisit(ctx, s.db, kiosk.VisitWrite{Op: kiosk.VisitEnd, VisitID: visitID, At: at, Duration: duration, Value: reason})
}

// CloseInterrupted ends the visits left open by a crash or a power cut,
// at the time of their last event, and returns how many it closed.
func (s *Store) CloseInterrupted(ctx context.Context) (int64, error) {
	return s.CloseOpenBefore(ctx, time.UnixMilli(1<<62))
}

// CloseOpenBefore closes, as interrupted, the visits still open that
// started before the moment: a visit whose end was never written (its
// end lost to a full queue or a failed write) would otherwise hold back
// every later visit from the collector until the next start. No visit
// lasts hours: the idle reset ends it within minutes.
func (s *Store) CloseOpenBefore(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `
		UPDATE visits SET
			ended_at = COALESCE((SELECT MAX(at) FROM visit_events WHERE visit_id = visits.id), started_at),
			end_reason = ?
		WHERE ended_at IS NULL AND started_at < ?`, kiosk.EndInterrupted, millis(before))
	if err != nil {
		return 0, fmt.Errorf("close interrupted visits: %w", err)
	}
	return res.RowsAffected()
}

// Visits lists the visits that started in [from, to), oldest first.
func (s *Store) Visits(ctx context.Context, from, to time.Time) ([]kiosk.Visit, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, kiosk_id, started_at, ended_at, duration_ms, end_reason
		FROM visits WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id`,
		millis(from), millis(to))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kiosk.Visit
	for rows.Next() {
		var v kiosk.Visit
		var started int64
		var ended, dur sql.NullInt64
		var reason sql.NullString
		if err := rows.Scan(&v.ID, &v.KioskID, &started, &ended, &dur, &reason); err != nil {
			return nil, err
		}
		v.Started = fromMillis(started)
		if ended.Valid {
			v.Ended = fromMillis(ended.Int64)
		}
		v.Duration = time.Duration(dur.Int64) * time.Millisecond
		v.EndReason = reason.String
		out = append(out, v)
	}
	return out, rows.Err()
}

// Events lists a visit's events in order.
func (s *Store) Events(ctx context.Context, visitID string) ([]kiosk.Event, error) {
	return s.eventsOn(ctx, s.db, visitID)
}

func (s *Store) eventsOn(ctx context.Context, db *sql.DB, visitID string) ([]kiosk.Event, error) {
	rows, err := db.QueryContext(ctx,
		"SELECT at, kind, screen, procedure, detail, step FROM visit_events WHERE visit_id = ? ORDER BY id", visitID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kiosk.Event
	for rows.Next() {
		var e kiosk.Event
		var at int64
		var kind string
		if err := rows.Scan(&at, &kind, &e.Screen, &e.Procedure, &e.Detail, &e.Step); err != nil {
			return nil, err
		}
		e.At, e.Kind = fromMillis(at), kiosk.EventKind(kind)
		out = append(out, e)
	}
	return out, rows.Err()
}

// CountVisits counts every visit and those still open.
func (s *Store) CountVisits(ctx context.Context) (all, open int, err error) {
	err = s.db.QueryRowContext(ctx, "SELECT COUNT(*), COUNT(*) - COUNT(ended_at) FROM visits").Scan(&all, &open)
	return all, open, err
}

// eventSlack is how far from its visit's start an event is looked for.
const eventSlack = 24 * time.Hour

// TallyVisits counts the visits that started in [from, to) or, when kind
// is not empty, those visits' events of that kind, grouped by keys:
// TallyDay (the kiosk.LocalDay the visit started), "started_at" (its Unix
// milliseconds, for counting in other zones), "kiosk", "procedure" and
// "detail" (the event's). It returns each key tuple with its count.
func (s *Store) TallyVisits(ctx context.Context, from, to time.Time, kind kiosk.EventKind, keys []string) ([][]string, []int, error) {
	cols := map[string]string{
		TallyDay:     "(v.started_at / 1000 + 25200) / 86400",
		"started_at": "v.started_at",
		"kiosk":      "v.kiosk_id",
		"procedure":  "e.procedure",
		"detail":     "e.detail",
	}
	var sel, group []string
	for i, k := range keys {
		c := cols[k]
		if c == "" || (kind == "" && strings.HasPrefix(c, "e.")) {
			return nil, nil, fmt.Errorf("visits are not tallied by %q", k)
		}
		sel = append(sel, c)
		group = append(group, strconv.Itoa(i+1))
	}
	q := "SELECT " + strings.Join(append(sel, "COUNT(*)"), ", ")
	var args []any
	if kind == "" {
		q += " FROM visits v WHERE v.started_at >= ? AND v.started_at < ?"
		args = []any{millis(from), millis(to)}
	} else {
		// The events of the kind are found by their own time, within
		// eventSlack of the period (a visit lasts minutes; a clock set
		// right during one moves it by less), and counted by their
		// visit's start.
		q += ` FROM visit_events e JOIN visits v ON v.id = e.visit_id
			WHERE e.kind = ? AND e.at >= ? AND e.at < ? AND v.started_at >= ? AND v.started_at < ?`
		args = []any{string(kind), millis(from.Add(-eventSlack)), millis(to.Add(eventSlack)), millis(from), millis(to)}
	}
	if len(group) > 0 {
		q += " GROUP BY " + strings.Join(group, ", ")
	}
	return s.tally(ctx, len(keys), q, args...)
}
