package kiosk

import (
	"context"
	"time"
)

// What the kiosk's services need from a store of records. The SQLite
// store (kiosk/store) implements every one of them; the services below
// and the user interface see only these.

// AuditStore appends to the audit log and reads it back.
type AuditStore interface {
	Audit(ctx context.Context, e AuditEntry) error
	// AuditLog lists the entries in [from, to), oldest first.
	AuditLog(ctx context.Context, from, to time.Time) ([]AuditEntry, error)
}

// SessionStore keeps the versions of assisted sessions.
type SessionStore interface {
	AuditStore
	// AddSessionVersion appends a version, exactly one above the current
	// one (else ErrStale), and returns once it is on disk.
	AddSessionVersion(ctx context.Context, v Session) error
	// CurrentSession is a session's latest version (ErrNotFound if none).
	CurrentSession(ctx context.Context, id string) (Session, error)
	// Sessions lists the latest versions of the sessions started in
	// [from, to), oldest first, of one member ("" for all).
	Sessions(ctx context.Context, from, to time.Time, staffID string) ([]Session, error)
}

// StaffStore keeps the staff members.
type StaffStore interface {
	AuditStore
	AddStaff(ctx context.Context, m Staff) (Staff, error)
	StaffByCode(ctx context.Context, code string) (Staff, error)
	ListStaff(ctx context.Context) ([]Staff, error)
	SetPINState(ctx context.Context, id string, failed, lockouts int, lockedUntil time.Time) error
	// SetStaffDisabled disables a member from at, or enables them with a
	// zero time.
	SetStaffDisabled(ctx context.Context, id string, at time.Time) error
}

// SettingsStore keeps the admin's local settings, each change audited.
type SettingsStore interface {
	Settings(ctx context.Context) (map[string]string, error)
	SetSetting(ctx context.Context, key, value, staffID string, at time.Time) error
}

// VisitStore writes the anonymous visit records, a batch at a time: each
// batch in one transaction, committed to disk before it returns.
type VisitStore interface {
	WriteVisits(ctx context.Context, batch []VisitWrite) error
}

// BackupStore copies the database whole to a file.
type BackupStore interface {
	AuditStore
	Backup(ctx context.Context, file string) error
}

// VisitWrite is one change to the visit records: a visit begins, an event
// happens in it, it is linked to an assisted session, or it ends.
type VisitWrite struct {
	Op      VisitOp
	VisitID string
	At      time.Time
	// Begin: the kiosk's id. Link: the session's id. End: the reason.
	Value    string
	Duration time.Duration // End: the visit's length
	Event    Event         // Event: what happened (Event.At is At)
}

// VisitOp says what a VisitWrite does.
type VisitOp int

// The changes to the visit records.
const (
	VisitBegin VisitOp = iota + 1
	VisitEvent
	VisitLink
	VisitEnd
)
