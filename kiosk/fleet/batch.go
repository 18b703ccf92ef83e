package fleet

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"onestop/kiosk"
)

// Batch is what a kiosk pushes to the collector at a time: records it
// has not yet had acknowledged, in the order it wrote them. Every record
// carries its own key (a session's id and version, a visit's id, an
// event's visit and place in it, an audit line's kiosk and number), so a
// batch sent twice, or two collectors receiving the same retry, store
// each record once.
type Batch struct {
	Kiosk    string          `json:"kiosk"`          // the kiosk that sends it; its token must be this kiosk's
	Site     string          `json:"site,omitempty"` // its commune or postal point, as its settings name it
	Sessions []SessionRecord `json:"sessions,omitempty"`
	Visits   []VisitRecord   `json:"visits,omitempty"`
	Audit    []AuditRecord   `json:"audit,omitempty"`
	// Marks are where the kiosk's streams stand once this batch is taken:
	// the collector keeps the highest it was told, for `stale` and status.
	Marks Marks `json:"marks"`
}

// Marks are a kiosk's high-water marks: the local row numbers of the last
// session version, closed visit and audit line taken by the collector.
type Marks struct {
	Sessions int64 `json:"sessions"`
	Visits   int64 `json:"visits"`
	Audit    int64 `json:"audit"`
}

// VisitRecord is a closed visit with all its events. A visit travels only
// once it is closed: until then its end and events may still change.
type VisitRecord struct {
	ID         string        `json:"id"`
	KioskID    string        `json:"kiosk_id"`
	Started    string        `json:"started"`
	Ended      string        `json:"ended"`
	DurationMS int64         `json:"duration_ms"`
	EndReason  string        `json:"end_reason"`
	SessionID  string        `json:"session_id,omitempty"`
	Events     []EventRecord `json:"events"`
}

// EventRecord is one event of a visit; Seq is its place in the visit,
// from 1, which with the visit's id is its key.
type EventRecord struct {
	Seq       int    `json:"seq"`
	At        string `json:"at"`
	Kind      string `json:"kind"`
	Screen    string `json:"screen,omitempty"`
	Procedure string `json:"procedure,omitempty"`
	Detail    string `json:"detail,omitempty"`
	Step      int    `json:"step,omitempty"`
}

// AuditRecord is one line of a kiosk's audit log; Seq is its number in
// that log, which with the kiosk's id is its key.
type AuditRecord struct {
	Seq     int64  `json:"seq"`
	At      string `json:"at"`
	StaffID string `json:"staff_id,omitempty"`
	Action  string `json:"action"`
	Detail  string `json:"detail,omitempty"`
}

// Ack is the collector's answer to a batch it took: how many records of
// each kind were new to it (the rest it had already).
type Ack struct {
	Sessions int   `json:"sessions"`
	Visits   int   `json:"visits"`
	Events   int   `json:"events"`
	Audit    int   `json:"audit"`
	Marks    Marks `json:"marks"`
}

// Limits on one batch. A kiosk sends at most MaxRecords records a batch
// (a visit's events travel with it) and at most MaxBatchBytes; a day of a
// busy counter is a few hundred records.
const (
	MaxRecords    = 5000
	MaxBatchBytes = 8 << 20
)

// FromVisit is a closed visit and its events as a batch carries them.
func FromVisit(v kiosk.Visit, sessionID string, events []kiosk.Event) VisitRecord {
	r := VisitRecord{
		ID: v.ID, KioskID: v.KioskID, Started: formatTime(v.Started, stamp), Ended: formatTime(v.Ended, stamp),
		DurationMS: v.Duration.Milliseconds(), EndReason: v.EndReason, SessionID: sessionID, Events: []EventRecord{},
	}
	for i, e := range events {
		r.Events = append(r.Events, EventRecord{Seq: i + 1, At: formatTime(e.At, stamp), Kind: string(e.Kind),
			Screen: e.Screen, Procedure: e.Procedure, Detail: e.Detail, Step: e.Step})
	}
	return r
}

// Visit reads a visit record back, checked.
func (r VisitRecord) Visit() (kiosk.Visit, []kiosk.Event, error) {
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	if !kiosk.IsID(r.ID) {
		bad("id %q is not a kiosk id (a UUID)", clip(r.ID))
	}
	if r.SessionID != "" && !kiosk.IsID(r.SessionID) {
		bad("session_id %q is not a kiosk id (a UUID)", clip(r.SessionID))
	}
	started, err := parseTime("started", r.Started)
	if err != nil {
		bad("%v", err)
	}
	ended, err := parseTime("ended", r.Ended)
	if err != nil {
		bad("%v", err)
	}
	// An end before the start is taken (a clock set back mid-visit): the
	// duration, on the monotonic clock, is what counts.
	if started.IsZero() || ended.IsZero() {
		bad("a visit travels closed: started and ended are required")
	}
	if r.DurationMS < 0 {
		bad("its duration is negative")
	}
	if !slices.Contains([]string{kiosk.EndIdle, kiosk.EndShutdown, kiosk.EndInterrupted, kiosk.EndFinished}, r.EndReason) {
		bad("end_reason %q is not idle, shutdown, interrupted or finished", clip(r.EndReason))
	}
	if err := checkText(map[string]string{"kiosk_id": r.KioskID}); err != nil {
		bad("%v", err)
	}
	var events []kiosk.Event
	for i, e := range r.Events {
		at, err := parseTime("event at", e.At)
		switch {
		case err != nil:
			bad("event %d: %v", i+1, err)
		case e.Seq != i+1:
			bad("event %d has seq %d: events come numbered from 1 in order", i+1, e.Seq)
		case !slices.Contains(EventKinds, kiosk.EventKind(e.Kind)):
			bad("event %d: kind %q is not one the kiosk records", i+1, clip(e.Kind))
		case e.Step < 0:
			bad("event %d: step %d", i+1, e.Step)
		default:
			if err := checkText(map[string]string{"screen": e.Screen, "procedure": e.Procedure, "detail": e.Detail}); err != nil {
				bad("event %d: %v", i+1, err)
			}
		}
		events = append(events, kiosk.Event{At: at, Kind: kiosk.EventKind(e.Kind), Screen: e.Screen, Procedure: e.Procedure, Detail: e.Detail, Step: e.Step})
	}
	if len(probs) > 0 {
		return kiosk.Visit{}, nil, errors.New(strings.Join(probs, "; "))
	}
	return kiosk.Visit{ID: r.ID, KioskID: r.KioskID, Started: started, Ended: ended,
		Duration: time.Duration(r.DurationMS) * time.Millisecond, EndReason: r.EndReason}, events, nil
}

// EventKinds are the kinds of visit event the kiosk records.
var EventKinds = []kiosk.EventKind{kiosk.EventScreen, kiosk.EventProcedure, kiosk.EventQR, kiosk.EventSearch,
	kiosk.EventGuide, kiosk.EventSetting, kiosk.EventLessonStart, kiosk.EventLessonStep, kiosk.EventLessonDone,
	kiosk.EventLessonAbandon, kiosk.EventHelp, kiosk.EventSlip}

// FromAudit is an audit line as a batch carries it.
func FromAudit(seq int64, e kiosk.AuditEntry) AuditRecord {
	return AuditRecord{Seq: seq, At: formatTime(e.At, stamp), StaffID: e.StaffID, Action: e.Action, Detail: e.Detail}
}

// Entry reads an audit line back, checked.
func (r AuditRecord) Entry() (kiosk.AuditEntry, error) {
	at, err := parseTime("at", r.At)
	switch {
	case err != nil:
		return kiosk.AuditEntry{}, err
	case at.IsZero():
		return kiosk.AuditEntry{}, errors.New("at is required")
	case r.Seq < 1:
		return kiosk.AuditEntry{}, fmt.Errorf("seq %d is not 1 or more", r.Seq)
	case r.StaffID != "" && !kiosk.IsID(r.StaffID):
		return kiosk.AuditEntry{}, fmt.Errorf("staff_id %q is not a kiosk id (a UUID)", clip(r.StaffID))
	case r.Action == "" || len(r.Action) > 40:
		return kiosk.AuditEntry{}, fmt.Errorf("action %q", clip(r.Action))
	}
	if err := checkLongText(map[string]string{"detail": r.Detail}); err != nil {
		return kiosk.AuditEntry{}, err
	}
	return kiosk.AuditEntry{At: at, StaffID: r.StaffID, Action: r.Action, Detail: r.Detail}, nil
}

// Checked is a batch read back and checked: every record as the kiosk's
// own types.
type Checked struct {
	Kiosk    string
	Site     string
	Sessions []kiosk.Session
	Visits   []kiosk.Visit
	Links    []string        // each visit's session, "" for none
	Events   [][]kiosk.Event // each visit's events
	Audit    []kiosk.AuditEntry
	AuditSeq []int64
	Marks    Marks
}

// Check reads a batch and checks every record in it: a batch is taken
// whole or not at all, so one bad record refuses the batch, with a
// message that names it.
func (b Batch) Check() (Checked, error) {
	c := Checked{Kiosk: b.Kiosk, Site: b.Site, Marks: b.Marks}
	if err := checkText(map[string]string{"site": b.Site}); err != nil {
		return c, err
	}
	if b.Kiosk == "" || len(b.Kiosk) > 64 || strings.ContainsAny(b.Kiosk, "\x00\n\r\t") {
		return c, fmt.Errorf("kiosk %q: a kiosk id of 1 to 64 characters is required", clip(b.Kiosk))
	}
	if n := len(b.Sessions) + len(b.Visits) + len(b.Audit); n > MaxRecords {
		return c, fmt.Errorf("%d records: at most %d a batch", n, MaxRecords)
	}
	if b.Marks.Sessions < 0 || b.Marks.Visits < 0 || b.Marks.Audit < 0 {
		return c, errors.New("marks are never negative")
	}
	for i, r := range b.Sessions {
		s, err := r.Session()
		if err != nil {
			return c, fmt.Errorf("session %d (%s v%d): %w", i+1, clip(r.ID), r.Version, err)
		}
		c.Sessions = append(c.Sessions, s)
	}
	for i, r := range b.Visits {
		v, events, err := r.Visit()
		if err != nil {
			return c, fmt.Errorf("visit %d (%s): %w", i+1, clip(r.ID), err)
		}
		// A visit keeps the kiosk id it was recorded under, which may be
		// an earlier id of the same kiosk (a pack that renamed it): it is
		// taken as recorded, as sessions merged from other kiosks are.
		if v.KioskID == "" {
			return c, fmt.Errorf("visit %d (%s) names no kiosk", i+1, r.ID)
		}
		c.Visits, c.Links, c.Events = append(c.Visits, v), append(c.Links, r.SessionID), append(c.Events, events)
	}
	for i, r := range b.Audit {
		e, err := r.Entry()
		if err != nil {
			return c, fmt.Errorf("audit line %d (seq %d): %w", i+1, r.Seq, err)
		}
		c.Audit, c.AuditSeq = append(c.Audit, e), append(c.AuditSeq, r.Seq)
	}
	return c, nil
}

// Sift takes out of a batch the records that would make the collector
// refuse it, each for its reason, and returns what is left, with the same
// marks: records the kiosk holds but no collector takes (an id from an old
// merge that is not a UUID, say) are named for the admin and passed over,
// instead of holding back every record after them for ever.
func (b Batch) Sift() (Batch, []string) {
	var why []string
	out := b
	out.Sessions, out.Visits, out.Audit = nil, nil, nil
	for _, r := range b.Sessions {
		if _, err := r.Session(); err != nil {
			why = append(why, fmt.Sprintf("session %s v%d: %v", clip(r.ID), r.Version, err))
			continue
		}
		out.Sessions = append(out.Sessions, r)
	}
	for _, r := range b.Visits {
		v, _, err := r.Visit()
		if err == nil && v.KioskID == "" {
			err = errors.New("it names no kiosk")
		}
		if err != nil {
			why = append(why, fmt.Sprintf("visit %s: %v", clip(r.ID), err))
			continue
		}
		out.Visits = append(out.Visits, r)
	}
	for _, r := range b.Audit {
		if _, err := r.Entry(); err != nil {
			why = append(why, fmt.Sprintf("audit line %d: %v", r.Seq, err))
			continue
		}
		out.Audit = append(out.Audit, r)
	}
	return out, why
}
