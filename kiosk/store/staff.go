package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"onestop/kiosk"
)

const staffColumns = "id, code, name, role, pin_hash, created_at, disabled_at, failed_pins, lockouts, locked_until"

func scanStaff(row interface{ Scan(...any) error }) (kiosk.Staff, error) {
	var s kiosk.Staff
	var created, locked int64
	var disabled sql.NullInt64
	err := row.Scan(&s.ID, &s.Code, &s.Name, &s.Role, &s.PINHash, &created, &disabled, &s.FailedPINs, &s.Lockouts, &locked)
	if err != nil {
		return s, err
	}
	s.Created = fromMillis(created)
	if disabled.Valid {
		s.Disabled = fromMillis(disabled.Int64)
	}
	if locked > 0 {
		s.LockedUntil = fromMillis(locked)
	}
	return s, nil
}

// AddStaff records a new staff member and returns it with its id.
func (s *Store) AddStaff(ctx context.Context, m kiosk.Staff) (kiosk.Staff, error) {
	if m.ID == "" {
		m.ID = kiosk.NewID(m.Created)
	}
	_, err := s.db.ExecContext(ctx,
		"INSERT INTO staff (id, code, name, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		m.ID, m.Code, m.Name, m.Role, m.PINHash, millis(m.Created))
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE constraint failed: staff.code") {
			return m, kiosk.ErrCodeTaken
		}
		return m, fmt.Errorf("add staff: %w", err)
	}
	return m, nil
}

// StaffByCode finds a staff member by code.
func (s *Store) StaffByCode(ctx context.Context, code string) (kiosk.Staff, error) {
	m, err := scanStaff(s.db.QueryRowContext(ctx, "SELECT "+staffColumns+" FROM staff WHERE code = ?", code))
	if errors.Is(err, sql.ErrNoRows) {
		return m, kiosk.ErrNotFound
	}
	return m, err
}

// StaffByID finds a staff member by id.
func (s *Store) StaffByID(ctx context.Context, id string) (kiosk.Staff, error) {
	m, err := scanStaff(s.db.QueryRowContext(ctx, "SELECT "+staffColumns+" FROM staff WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, kiosk.ErrNotFound
	}
	return m, err
}

// ListStaff lists every staff member, by name.
func (s *Store) ListStaff(ctx context.Context) ([]kiosk.Staff, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+staffColumns+" FROM staff ORDER BY name, code")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kiosk.Staff
	for rows.Next() {
		m, err := scanStaff(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// SetPINState stores a member's wrong-PIN count and lock-out.
func (s *Store) SetPINState(ctx context.Context, id string, failed, lockouts int, lockedUntil time.Time) error {
	locked := int64(0)
	if !lockedUntil.IsZero() {
		locked = millis(lockedUntil)
	}
	res, err := s.db.ExecContext(ctx, "UPDATE staff SET failed_pins = ?, lockouts = ?, locked_until = ? WHERE id = ?",
		failed, lockouts, locked, id)
	return oneRow(res, err)
}

// SetStaffDisabled disables a member at the given time, or enables them
// again with a zero time.
func (s *Store) SetStaffDisabled(ctx context.Context, id string, at time.Time) error {
	var v any
	if !at.IsZero() {
		v = millis(at)
	}
	res, err := s.db.ExecContext(ctx, "UPDATE staff SET disabled_at = ? WHERE id = ?", v, id)
	return oneRow(res, err)
}

// SetPINHash replaces a member's PIN hash.
func (s *Store) SetPINHash(ctx context.Context, id, hash string) error {
	res, err := s.db.ExecContext(ctx, "UPDATE staff SET pin_hash = ?, failed_pins = 0, lockouts = 0, locked_until = 0 WHERE id = ?", hash, id)
	return oneRow(res, err)
}

func oneRow(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return kiosk.ErrNotFound
	}
	return nil
}

// Audit appends to the audit log.
func (s *Store) Audit(ctx context.Context, e kiosk.AuditEntry) error {
	_, err := s.db.ExecContext(ctx, "INSERT INTO audit (at, staff_id, action, detail) VALUES (?, ?, ?, ?)",
		millis(e.At), e.StaffID, e.Action, e.Detail)
	if err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, classify(err))
	}
	return nil
}

// AuditLog lists the audit entries in [from, to), oldest first.
func (s *Store) AuditLog(ctx context.Context, from, to time.Time) ([]kiosk.AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx,
		"SELECT at, staff_id, action, detail FROM audit WHERE at >= ? AND at < ? ORDER BY id", millis(from), millis(to))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kiosk.AuditEntry
	for rows.Next() {
		var e kiosk.AuditEntry
		var at int64
		if err := rows.Scan(&at, &e.StaffID, &e.Action, &e.Detail); err != nil {
			return nil, err
		}
		e.At = fromMillis(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// EnsureStaff makes sure a staff id exists, adding a disabled member who
// cannot log in (no PIN) when it does not: a session merged from another
// kiosk names its staff member by id alone.
func (s *Store) EnsureStaff(ctx context.Context, id, name string, at time.Time) error {
	// The code is made from the id's random tail (its head is a time,
	// shared by ids made in the same millisecond).
	hexID := strings.ReplaceAll(id, "-", "")
	code := "k" + hexID[max(0, len(hexID)-11):]
	_, err := s.db.ExecContext(ctx,
		"INSERT OR IGNORE INTO staff (id, code, name, role, pin_hash, created_at, disabled_at) VALUES (?, ?, ?, 'staff', '-', ?, ?)",
		id, code, name, millis(at), millis(at))
	return classify(err)
}
