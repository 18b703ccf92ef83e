package kiosk

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The kinds of help staff give, in the order the screens offer them.
var HelpKinds = []string{
	"guided",           // guided only
	"vneid_registered", // VNeID registered
	"vneid_level2",     // VNeID level-2 activation explained
	"submitted",        // dossier submitted online
	"paid",             // paid online
	"status_checked",   // dossier status looked up
	"other",
}

// Why a session's help did not get the resident's business done.
var NotDoneReasons = []string{"no_smartphone", "no_vneid", "portal_error", "missing_papers", "other"}

// Where the help was given.
var Channels = []string{"counter", "postal_point", "home_visit"}

// The coarse groups a resident may agree to be counted in.
var Groups = []string{"elderly", "ethnic_minority", "disability", "poor_household"}

// Outcomes of a closed session.
const (
	OutcomeDone    = "done"
	OutcomeNotDone = "not_done"
)

// MaxNoteRunes is the longest note a session may carry.
const MaxNoteRunes = 200

// ErrNoteNumber is returned for a note that holds what looks like an ID or
// phone number: the kiosk records no personal data.
var ErrNoteNumber = errors.New("the note holds a number of 9 or more digits, which may be an ID or phone number: the kiosk keeps no personal data, so write it without the number")

// CheckNote refuses a note that is too long or that holds a run of 9 or
// more digits, even when spaced, dotted or dashed ("0912 345 678").
func CheckNote(note string) error {
	if n := utf8.RuneCountInString(note); n > MaxNoteRunes {
		return fmt.Errorf("the note has %d characters: at most %d", n, MaxNoteRunes)
	}
	digits := 0
	for _, r := range note {
		switch {
		case unicode.IsDigit(r):
			digits++
			if digits >= 9 {
				return ErrNoteNumber
			}
		case r == ' ' || r == '.' || r == '-' || r == '/' || r == '+' || r == '(' || r == ')':
			// separators inside a number keep the run going
		default:
			digits = 0
		}
	}
	return nil
}

// CheckSession says what is wrong with a session record, if anything,
// before it is written: every value from its list, and the note clean.
func CheckSession(s Session, procedures func(code string) bool, places []string) error {
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	if !slices.Contains(Channels, s.Channel) {
		bad("channel %q is not one of %v", s.Channel, Channels)
	}
	for _, c := range s.Procedures {
		if !procedures(c) {
			bad("procedure %q is not in the catalog", c)
		}
	}
	for _, h := range s.Help {
		if !slices.Contains(HelpKinds, h) {
			bad("help %q is not one of %v", h, HelpKinds)
		}
	}
	if s.Place != "" && !slices.Contains(places, s.Place) {
		bad("place %q is not in the configured list", s.Place)
	}
	if !s.Consent && len(s.Groups) > 0 {
		bad("groups are recorded only with the resident's consent")
	}
	for _, g := range s.Groups {
		if !slices.Contains(Groups, g) {
			bad("group %q is not one of %v", g, Groups)
		}
	}
	if s.Rating < 0 || s.Rating > 4 {
		bad("rating %d is not 1 to 4 (or 0: not given)", s.Rating)
	}
	switch s.Status {
	case SessionOpen:
		if s.Outcome != "" {
			bad("an open session has no outcome yet")
		}
	case SessionClosed, SessionVoid:
		switch s.Outcome {
		case OutcomeDone:
			if s.Reason != "" {
				bad("a session done has no reason for not done")
			}
		case OutcomeNotDone:
			if !slices.Contains(NotDoneReasons, s.Reason) {
				bad("reason %q is not one of %v", s.Reason, NotDoneReasons)
			}
		default:
			bad("outcome %q is not %q or %q", s.Outcome, OutcomeDone, OutcomeNotDone)
		}
	default:
		bad("status %q", s.Status)
	}
	if err := CheckNote(s.Note); err != nil {
		probs = append(probs, err.Error())
	}
	if len(probs) > 0 {
		return errors.New(strings.Join(probs, "; "))
	}
	return nil
}

// Desk records assisted sessions for one kiosk: it fills in what the
// kiosk knows (id, kiosk, site, times), checks each record and writes it
// as a new version, with the audit log for corrections and voids.
type Desk struct {
	Store      SessionStore
	KioskID    string
	Site       string
	Clock      Clock
	Procedures func(code string) bool // whether a code is in the catalog
	Places     []string

	// mono holds the monotonic start of the sessions opened in this run,
	// so durations do not depend on the wall clock.
	mono map[string]time.Time
}

// Open starts a session for a staff member and returns it once committed.
func (d *Desk) Open(ctx context.Context, staffID, channel string) (Session, error) {
	now := d.Clock.Now()
	s := Session{
		ID: NewID(now), Version: 1, Status: SessionOpen, RecordedAt: now, RecordedBy: staffID,
		KioskID: d.KioskID, Site: d.Site, StaffID: staffID, Started: now, Channel: channel,
	}
	if err := d.write(ctx, s); err != nil {
		return s, err
	}
	if d.mono == nil {
		d.mono = map[string]time.Time{}
	}
	d.mono[s.ID] = now
	return s, nil
}

// Close ends an open session with what was done, measured from its opening.
func (d *Desk) Close(ctx context.Context, s Session) (Session, error) {
	now := d.Clock.Now()
	cur, err := d.Store.CurrentSession(ctx, s.ID)
	if err != nil {
		return s, err
	}
	if cur.Status != SessionOpen {
		return cur, fmt.Errorf("session %s is %s, not open", s.ID, cur.Status)
	}
	s.Version, s.Status, s.RecordedAt, s.RecordedBy = cur.Version+1, SessionClosed, now, cur.StaffID
	s.KioskID, s.Site, s.StaffID, s.Started = cur.KioskID, cur.Site, cur.StaffID, cur.Started
	s.Ended = now
	if start, ok := d.mono[s.ID]; ok {
		s.Duration = max(now.Sub(start), 0) // monotonic in a real run: a clock set wrong mid-session does not count
	} else {
		s.Duration = max(now.Sub(cur.Started), 0) // opened in an earlier run: the wall clock is all there is
	}
	if err := d.write(ctx, s); err != nil {
		return s, err
	}
	delete(d.mono, s.ID)
	return s, nil
}

// Correct writes a corrected version of a closed session; the earlier
// versions stay as they were. reason is required.
func (d *Desk) Correct(ctx context.Context, by string, s Session, reason string) (Session, error) {
	return d.change(ctx, by, s, reason, SessionClosed, AuditCorrection)
}

// Void marks a session void (recorded by mistake); it stays in the
// history and out of the tallies. reason is required.
func (d *Desk) Void(ctx context.Context, by string, s Session, reason string) (Session, error) {
	return d.change(ctx, by, s, reason, SessionVoid, AuditVoid)
}

// Rate adds the resident's rating, given on the screen at the end, to a
// closed session as a new version (not a correction: nothing is audited).
func (d *Desk) Rate(ctx context.Context, s Session) (Session, error) {
	cur, err := d.Store.CurrentSession(ctx, s.ID)
	if err != nil {
		return s, err
	}
	if cur.Status != SessionClosed {
		return cur, fmt.Errorf("session %s is %s: only a closed session is rated", s.ID, cur.Status)
	}
	v := cur
	v.Rating = s.Rating
	v.Version, v.RecordedAt, v.ChangeReason = cur.Version+1, d.Clock.Now(), "resident rating"
	if err := d.write(ctx, v); err != nil {
		return v, err
	}
	return v, nil
}

// ErrVoided is returned for a change to a void session: it stays void
// (and out of the tallies) for good.
var ErrVoided = errors.New("a void session stays void")

func (d *Desk) change(ctx context.Context, by string, s Session, reason, status, action string) (Session, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return s, errors.New("a correction or void needs a reason")
	}
	if err := CheckNote(reason); err != nil {
		return s, fmt.Errorf("the reason: %w", err)
	}
	cur, err := d.Store.CurrentSession(ctx, s.ID)
	if err != nil {
		return s, err
	}
	if cur.Status == SessionOpen {
		return cur, errors.New("an open session is ended, not corrected")
	}
	if cur.Status == SessionVoid {
		return cur, ErrVoided
	}
	if s.Version != cur.Version {
		return cur, ErrStale
	}
	now := d.Clock.Now()
	// What identifies the session and when it ran stays as first recorded.
	s.KioskID, s.Site, s.StaffID, s.Started, s.Ended, s.Duration = cur.KioskID, cur.Site, cur.StaffID, cur.Started, cur.Ended, cur.Duration
	s.Version, s.Status, s.RecordedAt, s.RecordedBy, s.ChangeReason = cur.Version+1, status, now, by, reason
	if status == SessionVoid {
		s.Outcome, s.Reason = cur.Outcome, cur.Reason
	}
	if err := d.write(ctx, s); err != nil {
		return s, err
	}
	err = d.Store.Audit(ctx, AuditEntry{At: now, StaffID: by, Action: action,
		Detail: fmt.Sprintf("session %s version %d: %s", s.ID, s.Version, reason)})
	return s, err
}

func (d *Desk) write(ctx context.Context, s Session) error {
	procs := d.Procedures
	if procs == nil {
		procs = func(string) bool { return true }
	}
	if err := CheckSession(s, procs, d.Places); err != nil {
		return err
	}
	return d.Store.AddSessionVersion(ctx, s)
}

// Current is a session's latest version.
func (d *Desk) Current(ctx context.Context, id string) (Session, error) {
	return d.Store.CurrentSession(ctx, id)
}

// Day lists a member's sessions of the clock's day, oldest first.
func (d *Desk) Day(ctx context.Context, staffID string) ([]Session, error) {
	day := LocalDay(d.Clock.Now())
	return d.Store.Sessions(ctx, DayStart(day), DayStart(day+1), staffID)
}

// OpenLookback is how far back a member's open session is looked for: one
// left open past midnight, or over a holiday, can still be closed.
const OpenLookback = 30 * 24 * time.Hour

// OpenOf is the session a member left open, if any.
func (d *Desk) OpenOf(ctx context.Context, staffID string) (Session, bool, error) {
	now := d.Clock.Now()
	list, err := d.Store.Sessions(ctx, now.Add(-OpenLookback), now.Add(time.Minute), staffID)
	if err != nil {
		return Session{}, false, err
	}
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].Status == SessionOpen {
			return list[i], true, nil
		}
	}
	return Session{}, false, nil
}
