package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"onestop/kiosk"
)

// Settings are the settings an admin changed on this kiosk, by key.
func (s *Store) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// SetSetting records a setting's new value and, in the same transaction,
// the change in the audit log: "key: old → new" (old is "" the first
// time). Setting the value it has changes nothing and logs nothing.
func (s *Store) SetSetting(ctx context.Context, key, value, staffID string, at time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	var old string
	err = tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&old)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return err
	case old == value:
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, changed_at, changed_by) VALUES (?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at, changed_by = excluded.changed_by`,
		key, value, millis(at), staffID); err != nil {
		return fmt.Errorf("setting %s: %w", key, classify(err))
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO audit (at, staff_id, action, detail) VALUES (?, ?, ?, ?)",
		millis(at), staffID, kiosk.AuditSettings, fmt.Sprintf("%s: %s → %s", key, old, value)); err != nil {
		return fmt.Errorf("setting %s: %w", key, classify(err))
	}
	return classify(tx.Commit())
}
