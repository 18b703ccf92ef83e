package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/fleet"
)

// The kiosk's side of the sync with the collector: its records read in
// the order they were written, from where the collector's last
// acknowledgement left them, and the marks moved forward only after one.
// Nothing here changes or deletes a record.

// SyncMarks are this kiosk's high-water marks and when the collector last
// acknowledged a batch (zero if never).
func (s *Store) SyncMarks(ctx context.Context) (fleet.Marks, time.Time, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT stream, last_id, at FROM sync_marks")
	if err != nil {
		return fleet.Marks{}, time.Time{}, err
	}
	defer rows.Close()
	var m fleet.Marks
	var last int64
	for rows.Next() {
		var stream string
		var id, at int64
		if err := rows.Scan(&stream, &id, &at); err != nil {
			return m, time.Time{}, err
		}
		switch stream {
		case "sessions":
			m.Sessions = id
		case "visits":
			m.Visits = id
		case "audit":
			m.Audit = id
		}
		last = max(last, at)
	}
	var when time.Time
	if last > 0 {
		when = fromMillis(last)
	}
	return m, when, rows.Err()
}

// SetSyncMarks records the marks the collector acknowledged. A mark never
// moves back: an older acknowledgement arriving late changes nothing.
func (s *Store) SetSyncMarks(ctx context.Context, m fleet.Marks, at time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	for stream, id := range map[string]int64{"sessions": m.Sessions, "visits": m.Visits, "audit": m.Audit} {
		_, err := tx.ExecContext(ctx, `INSERT INTO sync_marks (stream, last_id, at) VALUES (?, ?, ?)
			ON CONFLICT (stream) DO UPDATE SET last_id = max(last_id, excluded.last_id), at = excluded.at`, stream, id, millis(at))
		if err != nil {
			return classify(err)
		}
	}
	return classify(tx.Commit())
}

// Unsent reads the records written after the marks, oldest first, at
// most limit of them, as a batch for the collector whose Marks say where
// the streams stand once it is taken. A visit goes only once it is
// closed, with all its events; the visits after one still open wait for
// it, so the visits' mark never passes a visit not yet sent.
func (s *Store) Unsent(ctx context.Context, kioskID string, from fleet.Marks, limit int) (fleet.Batch, error) {
	b := fleet.Batch{Kiosk: kioskID, Marks: from}
	room := limit
	// Sessions: every version, in the order written.
	rows, err := s.reader.QueryContext(ctx, "SELECT id, "+sessionPacked+" FROM session_versions WHERE id > ? ORDER BY id LIMIT ?", from.Sessions, room)
	if err != nil {
		return b, err
	}
	for rows.Next() {
		var id int64
		var packed string
		if err := rows.Scan(&id, &packed); err != nil {
			rows.Close()
			return b, err
		}
		v, err := unpackSession(packed)
		if err != nil {
			rows.Close()
			return b, err
		}
		b.Sessions = append(b.Sessions, fleet.FromSession(v))
		b.Marks.Sessions = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return b, err
	}
	room -= len(b.Sessions)
	// Visits: closed ones, in the order begun, stopping at one still open.
	if room > 0 {
		if b.Visits, b.Marks.Visits, err = s.unsentVisits(ctx, from.Visits, room); err != nil {
			return b, err
		}
		room -= len(b.Visits)
	}
	if room > 0 {
		rows, err := s.reader.QueryContext(ctx, "SELECT id, at, staff_id, action, detail FROM audit WHERE id > ? ORDER BY id LIMIT ?", from.Audit, room)
		if err != nil {
			return b, err
		}
		defer rows.Close()
		for rows.Next() {
			var id, at int64
			var e kiosk.AuditEntry
			if err := rows.Scan(&id, &at, &e.StaffID, &e.Action, &e.Detail); err != nil {
				return b, err
			}
			e.At = fromMillis(at)
			b.Audit = append(b.Audit, fleet.FromAudit(id, e))
			b.Marks.Audit = id
		}
		if err := rows.Err(); err != nil {
			return b, err
		}
	}
	return b, nil
}

func (s *Store) unsentVisits(ctx context.Context, after int64, limit int) ([]fleet.VisitRecord, int64, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT rowid, id, kiosk_id, started_at, ended_at, COALESCE(duration_ms, 0),
		COALESCE(end_reason, ''), COALESCE(session_id, '') FROM visits WHERE rowid > ? ORDER BY rowid LIMIT ?`, after, limit)
	if err != nil {
		return nil, after, err
	}
	type row struct {
		rowid   int64
		v       kiosk.Visit
		session string
	}
	var found []row
	for rows.Next() {
		var r row
		var started, dur int64
		var ended sql.NullInt64
		if err := rows.Scan(&r.rowid, &r.v.ID, &r.v.KioskID, &started, &ended, &dur, &r.v.EndReason, &r.session); err != nil {
			rows.Close()
			return nil, after, err
		}
		if !ended.Valid {
			break // still open: it and the visits after it wait
		}
		r.v.Started, r.v.Ended, r.v.Duration = fromMillis(started), fromMillis(ended.Int64), time.Duration(dur)*time.Millisecond
		found = append(found, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, after, err
	}
	var out []fleet.VisitRecord
	mark := after
	for _, r := range found {
		events, err := s.eventsOn(ctx, s.reader, r.v.ID)
		if err != nil {
			return nil, after, fmt.Errorf("visit %s: %w", r.v.ID, err)
		}
		out = append(out, fleet.FromVisit(r.v, r.session, events))
		mark = r.rowid
	}
	return out, mark, nil
}

// Pending counts the records written after the marks: what the collector
// has not yet acknowledged (visits still open included).
func (s *Store) Pending(ctx context.Context, m fleet.Marks) (int, error) {
	var n int
	err := s.reader.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM session_versions WHERE id > ?) +
		(SELECT COUNT(*) FROM visits WHERE rowid > ?) +
		(SELECT COUNT(*) FROM audit WHERE id > ?)`, m.Sessions, m.Visits, m.Audit).Scan(&n)
	return n, err
}

// ResetSyncMarks forgets what the collector took, so that everything is
// sent again (the collector stores each record once): for a kiosk moved
// to a new collector, and for the fleet simulation.
func (s *Store) ResetSyncMarks(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, "DELETE FROM sync_marks")
	return classify(err)
}
