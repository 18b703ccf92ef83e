package kiosk

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"onestop/kiosk/pin"
)

// Lock-out rule: after MaxWrongPINs wrong PINs in a row a member is locked
// for FirstLockout, twice as long at each further lock-out before a good
// PIN, at most MaxLockout.
const (
	MaxWrongPINs = 5
	FirstLockout = time.Minute
	MaxLockout   = time.Hour
)

// Login errors. A wrong code and a wrong PIN say the same to the person at
// the keypad, so a guesser learns nothing about which codes exist.
var (
	ErrWrongLogin = errors.New("wrong staff code or PIN")
	ErrDisabled   = errors.New("this staff member is disabled")
)

// LockedError says a member is locked out, and until when.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string {
	return "locked after too many wrong PINs until " + e.Until.In(Zone).Format("15:04:05")
}

// Roster manages staff members and their logins, writing the audit log.
type Roster struct {
	Store StaffStore
	Clock Clock
}

// Add creates a staff member with a PIN (kept only as its hash). by is the
// admin adding them, or "" from the command line.
func (s *Roster) Add(ctx context.Context, by, code, name, role, p string) (Staff, error) {
	code, name = strings.TrimSpace(code), strings.TrimSpace(name)
	switch {
	case !validCode(code):
		return Staff{}, errors.New("a staff code is 2 to 12 letters or digits")
	case name == "" || len([]rune(name)) > 60:
		return Staff{}, errors.New("a display name is 1 to 60 characters")
	case role != RoleStaff && role != RoleAdmin:
		return Staff{}, fmt.Errorf("role is %q or %q", RoleStaff, RoleAdmin)
	}
	h, err := pin.Hash(p)
	if err != nil {
		return Staff{}, err
	}
	now := s.Clock.Now()
	m, err := s.Store.AddStaff(ctx, Staff{Code: code, Name: name, Role: role, PINHash: h, Created: now})
	if err != nil {
		return m, err
	}
	return m, s.Store.Audit(ctx, AuditEntry{At: now, StaffID: by, Action: AuditStaffAdded,
		Detail: fmt.Sprintf("%s %s (%s)", m.Code, m.Name, m.Role)})
}

func validCode(c string) bool {
	if len(c) < 2 || len(c) > 12 {
		return false
	}
	for _, r := range c {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// Login checks a staff code and PIN. Wrong PINs count towards a lock-out;
// a good PIN clears the count. Every outcome goes to the audit log.
func (s *Roster) Login(ctx context.Context, code, p string) (Staff, error) {
	now := s.Clock.Now()
	m, err := s.Store.StaffByCode(ctx, strings.TrimSpace(code))
	if errors.Is(err, ErrNotFound) {
		// Hash anyway, so an unknown code takes as long as a known one.
		pin.Verify(dummyHash(), p)
		return m, errors.Join(ErrWrongLogin, s.audit(ctx, now, "", AuditWrongPIN, "unknown code"))
	}
	if err != nil {
		return m, err
	}
	if !m.Disabled.IsZero() {
		return m, errors.Join(ErrDisabled, s.audit(ctx, now, m.ID, AuditWrongPIN, "disabled member tried to log in"))
	}
	if now.Before(m.LockedUntil) {
		return m, &LockedError{Until: m.LockedUntil}
	}
	ok, err := pin.Verify(m.PINHash, p)
	if err != nil {
		return m, err
	}
	if ok {
		if err := s.Store.SetPINState(ctx, m.ID, 0, 0, time.Time{}); err != nil {
			return m, err
		}
		return m, s.audit(ctx, now, m.ID, AuditLogin, m.Role)
	}
	failed, lockouts, until := m.FailedPINs+1, m.Lockouts, time.Time{}
	if failed >= MaxWrongPINs {
		d := min(FirstLockout<<min(lockouts, 8), MaxLockout) // the shift stops before it overflows
		until, failed, lockouts = now.Add(d), 0, lockouts+1
	}
	if err := s.Store.SetPINState(ctx, m.ID, failed, lockouts, until); err != nil {
		return m, err
	}
	if !until.IsZero() {
		err := s.audit(ctx, now, m.ID, AuditLockout, fmt.Sprintf("lock-out %d, until %s", lockouts, until.Format(time.RFC3339)))
		return m, errors.Join(&LockedError{Until: until}, err)
	}
	return m, errors.Join(ErrWrongLogin, s.audit(ctx, now, m.ID, AuditWrongPIN, fmt.Sprintf("%d of %d", failed, MaxWrongPINs)))
}

func (s *Roster) audit(ctx context.Context, at time.Time, id, action, detail string) error {
	return s.Store.Audit(ctx, AuditEntry{At: at, StaffID: id, Action: action, Detail: detail})
}

// dummyHash is verified against for an unknown code (its PIN is unknown);
// made on first use, not at every start.
var dummyHash = sync.OnceValue(func() string {
	h, _ := pin.Hash("00000000")
	return h
})

// List lists every staff member, disabled ones too.
func (s *Roster) List(ctx context.Context) ([]Staff, error) { return s.Store.ListStaff(ctx) }

// Active lists the members who may log in.
func (s *Roster) Active(ctx context.Context) ([]Staff, error) {
	all, err := s.Store.ListStaff(ctx)
	return slices.DeleteFunc(all, func(m Staff) bool { return !m.Disabled.IsZero() }), err
}

// ByCode finds a member by their code (ErrNotFound if none).
func (s *Roster) ByCode(ctx context.Context, code string) (Staff, error) {
	return s.Store.StaffByCode(ctx, code)
}

// SetDisabled disables a member (who can then no longer log in) or enables
// them again, for an admin, and logs it. An admin cannot disable
// themselves: the kiosk would be left without one to undo it.
func (s *Roster) SetDisabled(ctx context.Context, by string, m Staff, disabled bool) error {
	if by == m.ID {
		return errors.New("an admin cannot disable themselves")
	}
	at, what := time.Time{}, "enabled"
	if disabled {
		at, what = s.Clock.Now(), "disabled"
	}
	if err := s.Store.SetStaffDisabled(ctx, m.ID, at); err != nil {
		return err
	}
	return s.audit(ctx, s.Clock.Now(), by, AuditStaffChange, fmt.Sprintf("%s %s", m.Code, what))
}

// Log adds a line to the audit log, at the clock's time.
func (s *Roster) Log(ctx context.Context, staffID, action, detail string) error {
	return s.audit(ctx, s.Clock.Now(), staffID, action, detail)
}

// AuditLog lists the audit log of the last days, oldest first.
func (s *Roster) AuditLog(ctx context.Context, days int) ([]AuditEntry, error) {
	now := s.Clock.Now()
	return s.Store.AuditLog(ctx, now.AddDate(0, 0, -days), now.Add(time.Minute))
}
