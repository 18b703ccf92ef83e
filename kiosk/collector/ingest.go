package collector

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"onestop/kiosk"
	"onestop/kiosk/fleet"
)

// The batch is copied into temporary tables (COPY, the fast way in) and
// inserted from them with ON CONFLICT DO NOTHING, which plain COPY cannot
// do: a record already stored, by this collector or another, is skipped.
// Rows go in key order, so two collectors taking the same retry wait on
// each other instead of deadlocking (and a deadlock is retried anyway).
var stageTables = []string{
	`CREATE TEMP TABLE IF NOT EXISTS in_sessions (LIKE session_versions) ON COMMIT DELETE ROWS`,
	`CREATE TEMP TABLE IF NOT EXISTS in_visits (LIKE visits) ON COMMIT DELETE ROWS`,
	`CREATE TEMP TABLE IF NOT EXISTS in_events (LIKE visit_events) ON COMMIT DELETE ROWS`,
	`CREATE TEMP TABLE IF NOT EXISTS in_audit (LIKE audit) ON COMMIT DELETE ROWS`,
}

var sessionColumns = []string{"session_id", "version", "status", "recorded_at", "recorded_by", "change_reason",
	"kiosk_id", "site", "staff_id", "started_at", "ended_at", "duration_ms", "procedures", "help", "outcome",
	"reason", "channel", "place", "consent", "groups", "rating", "note", "pushed_by"}

// Ingest stores a checked batch, each record once, in one transaction:
// all of it or, on an error, none. It returns how many records were new.
func (db *DB) Ingest(ctx context.Context, b fleet.Checked, now time.Time) (fleet.Ack, error) {
	for attempt := 0; ; attempt++ {
		ack, err := db.ingest(ctx, b, now)
		if err != nil && retryable(err) && attempt < 5 {
			time.Sleep(time.Duration(10<<attempt) * time.Millisecond)
			continue
		}
		return ack, err
	}
}

func (db *DB) ingest(ctx context.Context, b fleet.Checked, now time.Time) (fleet.Ack, error) {
	ack := fleet.Ack{Marks: b.Marks}
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return ack, err
	}
	defer tx.Rollback(ctx)
	for _, q := range stageTables {
		if _, err := tx.Exec(ctx, q); err != nil {
			return ack, err
		}
	}
	if len(b.Sessions) > 0 {
		if ack.Sessions, err = ingestSessions(ctx, tx, b.Sessions, b.Kiosk); err != nil {
			return ack, err
		}
	}
	if len(b.Visits) > 0 {
		if ack.Visits, ack.Events, err = ingestVisits(ctx, tx, b); err != nil {
			return ack, err
		}
	}
	if len(b.Audit) > 0 {
		rows := make([][]any, len(b.Audit))
		for i, e := range b.Audit {
			rows[i] = []any{b.Kiosk, b.AuditSeq[i], e.At.UnixMilli(), e.StaffID, e.Action, e.Detail}
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"in_audit"}, []string{"kiosk_id", "seq", "at", "staff_id", "action", "detail"}, pgx.CopyFromRows(rows)); err != nil {
			return ack, err
		}
		tag, err := tx.Exec(ctx, "INSERT INTO audit SELECT * FROM in_audit ORDER BY kiosk_id, seq, at ON CONFLICT DO NOTHING")
		if err != nil {
			return ack, err
		}
		ack.Audit = int(tag.RowsAffected())
	}
	if b.Kiosk == "" { // records imported from a file: no kiosk pushed them
		return ack, tx.Commit(ctx)
	}
	_, err = tx.Exec(ctx, `INSERT INTO kiosks AS k (kiosk_id, site, first_contact, last_contact, mark_sessions, mark_visits, mark_audit)
		VALUES ($1, $2, $3, $3, $4, $5, $6)
		ON CONFLICT (kiosk_id) DO UPDATE SET
			site = CASE WHEN EXCLUDED.site = '' THEN k.site ELSE EXCLUDED.site END,
			first_contact = COALESCE(k.first_contact, EXCLUDED.first_contact),
			last_contact = GREATEST(k.last_contact, EXCLUDED.last_contact),
			mark_sessions = GREATEST(k.mark_sessions, EXCLUDED.mark_sessions),
			mark_visits = GREATEST(k.mark_visits, EXCLUDED.mark_visits),
			mark_audit = GREATEST(k.mark_audit, EXCLUDED.mark_audit)`,
		b.Kiosk, b.Site, now, b.Marks.Sessions, b.Marks.Visits, b.Marks.Audit)
	if err != nil {
		return ack, err
	}
	return ack, tx.Commit(ctx)
}

func ingestSessions(ctx context.Context, tx pgx.Tx, vs []kiosk.Session, pushedBy string) (int, error) {
	rows := make([][]any, len(vs))
	for i, v := range vs {
		var ended, dur any
		if !v.Ended.IsZero() {
			ended, dur = v.Ended.UnixMilli(), max(v.Duration, 0).Milliseconds()
		}
		rows[i] = []any{v.ID, v.Version, v.Status, v.RecordedAt.UnixMilli(), v.RecordedBy, v.ChangeReason,
			v.KioskID, v.Site, v.StaffID, v.Started.UnixMilli(), ended, dur, list(v.Procedures), list(v.Help),
			v.Outcome, v.Reason, v.Channel, v.Place, v.Consent, list(v.Groups), int16(v.Rating), v.Note, pushedBy}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"in_sessions"}, sessionColumns, pgx.CopyFromRows(rows)); err != nil {
		return 0, err
	}
	tag, err := tx.Exec(ctx, "INSERT INTO session_versions SELECT * FROM in_sessions ORDER BY session_id, version ON CONFLICT DO NOTHING")
	if err != nil {
		return 0, err
	}
	// The latest version wins, whichever order versions arrive in.
	_, err = tx.Exec(ctx, `INSERT INTO session_latest AS l (session_id, version, day, started_at, status, kiosk_id, site, staff_id,
			procedures, help, outcome, reason, channel, place, groups, rating)
		SELECT DISTINCT ON (session_id) session_id, version, ((started_at / 1000 + 25200) / 86400)::integer, started_at, status,
			kiosk_id, site, staff_id, procedures, help, outcome, reason, channel, place, groups, rating
		FROM in_sessions ORDER BY session_id, version DESC
		ON CONFLICT (session_id) DO UPDATE SET
			version = EXCLUDED.version, day = EXCLUDED.day, started_at = EXCLUDED.started_at, status = EXCLUDED.status,
			kiosk_id = EXCLUDED.kiosk_id, site = EXCLUDED.site, staff_id = EXCLUDED.staff_id, procedures = EXCLUDED.procedures,
			help = EXCLUDED.help, outcome = EXCLUDED.outcome, reason = EXCLUDED.reason, channel = EXCLUDED.channel,
			place = EXCLUDED.place, groups = EXCLUDED.groups, rating = EXCLUDED.rating
		WHERE l.version < EXCLUDED.version`)
	if err != nil {
		return 0, err
	}
	return int(tag.RowsAffected()), nil
}

func ingestVisits(ctx context.Context, tx pgx.Tx, b fleet.Checked) (visits, events int, err error) {
	vrows := make([][]any, len(b.Visits))
	var erows [][]any
	for i, v := range b.Visits {
		var session any
		if b.Links[i] != "" {
			session = b.Links[i]
		}
		vrows[i] = []any{v.ID, v.KioskID, b.Site, b.Kiosk, day(v.Started.UnixMilli()), v.Started.UnixMilli(), v.Ended.UnixMilli(),
			max(v.Duration, 0).Milliseconds(), v.EndReason, session}
		for j, e := range b.Events[i] {
			erows = append(erows, []any{v.ID, j + 1, e.At.UnixMilli(), string(e.Kind), e.Screen, e.Procedure, e.Detail, e.Step})
		}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"in_visits"}, []string{"id", "kiosk_id", "site", "pushed_by", "day", "started_at", "ended_at", "duration_ms", "end_reason", "session_id"}, pgx.CopyFromRows(vrows)); err != nil {
		return 0, 0, err
	}
	tag, err := tx.Exec(ctx, "INSERT INTO visits SELECT * FROM in_visits ORDER BY id ON CONFLICT DO NOTHING")
	if err != nil {
		return 0, 0, err
	}
	visits = int(tag.RowsAffected())
	if len(erows) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"in_events"}, []string{"visit_id", "seq", "at", "kind", "screen", "procedure", "detail", "step"}, pgx.CopyFromRows(erows)); err != nil {
			return 0, 0, err
		}
		tag, err = tx.Exec(ctx, "INSERT INTO visit_events SELECT * FROM in_events ORDER BY visit_id, seq ON CONFLICT DO NOTHING")
		if err != nil {
			return 0, 0, err
		}
		events = int(tag.RowsAffected())
	}
	return visits, events, nil
}

func list(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
