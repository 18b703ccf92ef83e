package kiosk

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// The kiosk's records: assisted sessions, staff, the audit log and the
// anonymous visits, with the rules every store of them keeps.

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

// Roles of staff members.
const (
	RoleStaff = "staff"
	RoleAdmin = "admin"
)

// Staff is a member of the counter staff or an admin. The PIN is held only
// as a slow salted hash.
type Staff struct {
	ID          string
	Code        string
	Name        string
	Role        string
	PINHash     string
	Created     time.Time
	Disabled    time.Time // zero while the member may log in
	FailedPINs  int       // wrong PINs since the last good one
	Lockouts    int       // lock-outs since the last good PIN
	LockedUntil time.Time // zero when not locked
}

// ErrNotFound is returned for a staff member or session that does not exist.
var ErrNotFound = errors.New("not found")

// ErrCodeTaken is returned when a staff code is already used.
var ErrCodeTaken = errors.New("this staff code is already used")

// Audit actions.
const (
	AuditLogin       = "login"
	AuditLogout      = "logout"
	AuditWrongPIN    = "wrong_pin"
	AuditLockout     = "lockout"
	AuditStaffAdded  = "staff_added"
	AuditStaffChange = "staff_changed"
	AuditCorrection  = "correction"
	AuditVoid        = "void"
	AuditExport      = "export"
	AuditSettings    = "settings"
	AuditBackup      = "backup"
	AuditRestore     = "restore"
	AuditImport      = "merge"
	AuditReplaced    = "db_replaced" // a damaged database set aside for a fresh one
)

// The details of audit lines written in fixed sentences, in English so the
// log and the province's collector read them alike; the admin's screen
// says them in the admin's language.
const (
	DetailReplaced      = "%s set aside; %d staff, %d settings from %s; %d staff and settings from the damaged file"
	DetailNoBackup      = "no backup"
	DetailPack          = "content pack %s version %d installed from %s"
	DetailLeftKiosk     = "left kiosk mode"
	DetailReportPrinted = "report %s: %s printed on %s"
	DetailReportMade    = "report %s: %d sessions, %s"
	DetailReportSaved   = "report %s: %s.pdf, .xlsx in %s"
	DetailExportSaved   = "%s.csv, .xlsx in %s"
	DetailExportMade    = "%d sessions, %s to %s, %s"
	DetailMerged        = "%s: %d read, %d added"
	DetailRecovered     = "recovered %d records from %s"
)

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	At      time.Time
	StaffID string
	Action  string
	Detail  string
}

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

	// The resident asked for a person at the counter (Screen = where).
	EventHelp EventKind = "help_request"

	// A slip was printed for the resident to take home (Procedure, Detail
	// = the address of its QR code).
	EventSlip EventKind = "slip"
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

// ErrDiskFull is returned when the disk has no room for a record: nothing
// of that record was written.
var ErrDiskFull = errors.New("the disk is full: the record was not saved. Free some space (old files, the backups folder) or call the admin")

// ErrBusy is returned when another program holds the database locked.
var ErrBusy = errors.New("the database is locked by another program: try again, or call the admin")

// LocalDay is the day a moment falls on in Zone, as whole days since
// 1970-01-01 there: the day column of session_latest.
func LocalDay(t time.Time) int64 { return (t.UnixMilli()/1000 + ZoneOffset) / 86400 }

// DayStart is the moment a LocalDay begins.
func DayStart(day int64) time.Time { return time.Unix(day*86400-ZoneOffset, 0) }

// RenameDurably renames a file and syncs the folder it lands in, so the
// new name survives a power cut (a file synced but not its folder entry
// may come back missing).
func RenameDurably(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	dir, err := os.Open(filepath.Dir(to))
	if err != nil {
		return err
	}
	err = dir.Sync()
	if errClose := dir.Close(); err == nil {
		err = errClose
	}
	if errors.Is(err, os.ErrInvalid) || errors.Is(err, syscall.EINVAL) {
		return nil // a file system whose folders cannot be synced (some on USB sticks, Windows)
	}
	return err
}

// IsID says whether s is an id as the kiosk writes them: a UUID in its
// canonical form, 36 characters of lower-case hexadecimal and hyphens.
func IsID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
	}
	return true
}
