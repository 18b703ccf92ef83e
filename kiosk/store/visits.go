package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// EventKind is what a visit event records.
type EventKind string

// The kinds of visit event.
const (
	EventScreen    EventKind = "screen"    // a screen was opened (Screen)
	EventProcedure EventKind = "procedure" // a procedure's page was viewed (Procedure)
	EventQR        EventKind = "qr"        // a QR code was shown (Procedure or guide, Detail = its address)
	EventSearch    EventKind = "search"    // a search led to a procedure (Procedure); the typed text is never kept
	EventGuide     EventKind = "guide"     // a general guide was opened (Detail = its id; before tutorials)
	EventSetting   EventKind = "setting"   // language, text size or contrast changed (Detail)

	// Proof of play of a tutorial (Detail = its id).
	EventLessonStart   EventKind = "lesson_start"   // the lesson was opened
	EventLessonStep    EventKind = "lesson_step"    // a step was reached for the first time (Step, from 1)
	EventLessonDone    EventKind = "lesson_done"    // the lesson was played to its end
	EventLessonAbandon EventKind = "lesson_abandon" // the resident left before the end (Step = furthest reached)
)

// Reasons a visit ends.
const (
	EndIdle        = "idle"        // the idle reset
	EndShutdown    = "shutdown"    // the kiosk was stopped
	EndInterrupted = "interrupted" // found open at start-up: the kiosk had crashed or lost power
	EndFinished    = "finished"    // the resident went back past the home screen
)

// Event is one thing that happened in a visit.
type Event struct {
	At        time.Time
	Kind      EventKind
	Screen    string
	Procedure string
	Detail    string
	Step      int // lesson events: the step, from 1
}

// Visit is one resident's use of the kiosk, from the first tap to the reset.
type Visit struct {
	ID        string
	KioskID   string
	Started   time.Time
	Ended     time.Time // zero while open
	Duration  time.Duration
	EndReason string
}

// NewID returns a UUIDv7: 48 bits of Unix milliseconds, then random bits,
// so ids from many kiosks never clash and still sort by time.
func NewID(t time.Time) string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	ms := uint64(t.UnixMilli())
	for i := 0; i < 6; i++ {
		b[i] = byte(ms >> (40 - 8*i))
	}
	b[6] = b[6]&0x0f | 0x70 // version 7
	b[8] = b[8]&0x3f | 0x80 // RFC 9562 variant
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// BeginVisit records the start of a visit and returns its id.
func (s *Store) BeginVisit(ctx context.Context, kioskID string, at time.Time) (string, error) {
	id := NewID(at)
	_, err := s.db.ExecContext(ctx,
		"INSERT INTO visits (id, kiosk_id, started_at) VALUES (?, ?, ?)", id, kioskID, millis(at))
	if err != nil {
		return "", fmt.Errorf("begin visit: %w", err)
	}
	return id, nil
}

// AddEvent records one event of an open visit.
func (s *Store) AddEvent(ctx context.Context, visitID string, e Event) error {
	_, err := s.db.ExecContext(ctx,
		"INSERT INTO visit_events (visit_id, at, kind, screen, procedure, detail, step) VALUES (?, ?, ?, ?, ?, ?, ?)",
		visitID, millis(e.At), string(e.Kind), e.Screen, e.Procedure, e.Detail, e.Step)
	if err != nil {
		return fmt.Errorf("record %s: %w", e.Kind, classify(err))
	}
	return nil
}

// EndVisit closes a visit. duration is measured by the caller on the
// monotonic clock, so a wall clock set wrong mid-visit cannot make it negative.
func (s *Store) EndVisit(ctx context.Context, visitID string, at time.Time, duration time.Duration, reason string) error {
	if duration < 0 {
		duration = 0
	}
	_, err := s.db.ExecContext(ctx,
		"UPDATE visits SET ended_at = ?, duration_ms = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL",
		millis(at), duration.Milliseconds(), reason, visitID)
	if err != nil {
		return fmt.Errorf("end visit: %w", err)
	}
	return nil
}

// CloseInterrupted ends the visits left open by a crash or a power cut,
// at the time of their last event, and returns how many it closed.
func (s *Store) CloseInterrupted(ctx context.Context) (int64, error) {
	res, err := s.db.ExecContext(ctx, `
		UPDATE visits SET
			ended_at = COALESCE((SELECT MAX(at) FROM visit_events WHERE visit_id = visits.id), started_at),
			end_reason = ?
		WHERE ended_at IS NULL`, EndInterrupted)
	if err != nil {
		return 0, fmt.Errorf("close interrupted visits: %w", err)
	}
	return res.RowsAffected()
}

// Visits lists the visits that started in [from, to), oldest first.
func (s *Store) Visits(ctx context.Context, from, to time.Time) ([]Visit, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, kiosk_id, started_at, ended_at, duration_ms, end_reason
		FROM visits WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id`,
		millis(from), millis(to))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Visit
	for rows.Next() {
		var v Visit
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
func (s *Store) Events(ctx context.Context, visitID string) ([]Event, error) {
	rows, err := s.db.QueryContext(ctx,
		"SELECT at, kind, screen, procedure, detail, step FROM visit_events WHERE visit_id = ? ORDER BY id", visitID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var at int64
		var kind string
		if err := rows.Scan(&at, &kind, &e.Screen, &e.Procedure, &e.Detail, &e.Step); err != nil {
			return nil, err
		}
		e.At, e.Kind = fromMillis(at), EventKind(kind)
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
// TallyDay (the LocalDay the visit started), "started_at" (its Unix
// milliseconds, for counting in other zones), "kiosk", "procedure" and
// "detail" (the event's). It returns each key tuple with its count.
func (s *Store) TallyVisits(ctx context.Context, from, to time.Time, kind EventKind, keys []string) ([][]string, []int, error) {
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
