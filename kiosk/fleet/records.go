// Package fleet holds what kiosks and the province's collector exchange:
// records as they travel (in a kiosk's JSON Lines export, over USB, or in
// a batch pushed to the collector) and the rules every one of them must
// keep wherever it arrives. It never imports a store: the kiosk's SQLite
// and the collector's PostgreSQL both take records through it.
package fleet

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"onestop/kiosk"
)

// SessionRecord is one version of an assisted session as it travels:
// times as RFC 3339 in Vietnam's zone, lists as arrays. A kiosk's
// export writes whole seconds and no duration_ms; a batch for the
// collector keeps milliseconds.
type SessionRecord struct {
	ID           string   `json:"id"`
	Version      int      `json:"version"`
	Status       string   `json:"status"`
	KioskID      string   `json:"kiosk_id"`
	Site         string   `json:"site"`
	StaffID      string   `json:"staff_id"`
	Started      string   `json:"started"`
	Ended        string   `json:"ended,omitempty"`
	DurationS    int64    `json:"duration_s"`
	DurationMS   int64    `json:"duration_ms,omitempty"`
	Procedures   []string `json:"procedures"`
	Help         []string `json:"help"`
	Outcome      string   `json:"outcome"`
	Reason       string   `json:"reason"`
	Channel      string   `json:"channel"`
	Place        string   `json:"place"`
	Consent      bool     `json:"consent"`
	Groups       []string `json:"groups"`
	Rating       int      `json:"rating"`
	Note         string   `json:"note"`
	ChangeReason string   `json:"change_reason"`
	RecordedAt   string   `json:"recorded_at"`
	RecordedBy   string   `json:"recorded_by"`
}

// stamp is how a batch writes a moment: RFC 3339 with milliseconds.
const stamp = "2006-01-02T15:04:05.000Z07:00"

func formatTime(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.In(kiosk.Zone).Format(layout)
}

func parseTime(what, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q is not an RFC 3339 time", what, v)
	}
	return t, nil
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// FromSession is a session version as a batch carries it, to the
// millisecond.
func FromSession(s kiosk.Session) SessionRecord {
	r := ExportSession(s)
	r.Started, r.Ended, r.RecordedAt = formatTime(s.Started, stamp), formatTime(s.Ended, stamp), formatTime(s.RecordedAt, stamp)
	r.DurationMS = s.Duration.Milliseconds()
	return r
}

// ExportSession is a session version as a kiosk's export writes it: whole
// seconds, the form spreadsheets and older kiosks read.
func ExportSession(s kiosk.Session) SessionRecord {
	return SessionRecord{
		ID: s.ID, Version: s.Version, Status: s.Status, KioskID: s.KioskID, Site: s.Site, StaffID: s.StaffID,
		Started: formatTime(s.Started, time.RFC3339), Ended: formatTime(s.Ended, time.RFC3339), DurationS: int64(s.Duration.Seconds()),
		Procedures: nonNil(s.Procedures), Help: nonNil(s.Help), Outcome: s.Outcome, Reason: s.Reason,
		Channel: s.Channel, Place: s.Place, Consent: s.Consent, Groups: nonNil(s.Groups), Rating: s.Rating,
		Note: s.Note, ChangeReason: s.ChangeReason, RecordedAt: formatTime(s.RecordedAt, time.RFC3339), RecordedBy: s.RecordedBy,
	}
}

// Session reads a record back and checks it against the rules every
// kiosk keeps (CheckSession).
func (r SessionRecord) Session() (kiosk.Session, error) {
	started, err := parseTime("started", r.Started)
	if err != nil {
		return kiosk.Session{}, err
	}
	ended, err := parseTime("ended", r.Ended)
	if err != nil {
		return kiosk.Session{}, err
	}
	recorded, err := parseTime("recorded_at", r.RecordedAt)
	if err != nil {
		return kiosk.Session{}, err
	}
	if recorded.IsZero() {
		recorded = started // exports older than recorded_at
	}
	by := r.RecordedBy
	if by == "" {
		by = r.StaffID
	}
	if r.ID == "" || r.Version < 1 || r.StaffID == "" || started.IsZero() {
		return kiosk.Session{}, errors.New("id, version, staff_id and started are required")
	}
	d := time.Duration(r.DurationS) * time.Second
	if r.DurationMS != 0 {
		d = time.Duration(r.DurationMS) * time.Millisecond
	}
	s := kiosk.Session{
		ID: r.ID, Version: r.Version, Status: r.Status, RecordedAt: recorded, RecordedBy: by, ChangeReason: r.ChangeReason,
		KioskID: r.KioskID, Site: r.Site, StaffID: r.StaffID, Started: started, Ended: ended,
		Duration: d, Procedures: r.Procedures, Help: r.Help,
		Outcome: r.Outcome, Reason: r.Reason, Channel: r.Channel, Place: r.Place, Consent: r.Consent,
		Groups: r.Groups, Rating: r.Rating, Note: r.Note,
	}
	return s, CheckSession(s)
}

// MaxText is the longest kiosk id, site, place or detail a record may
// carry, in characters: every one the kiosk writes is far shorter.
const MaxText = 200

// CheckSession checks a session version that comes from another kiosk
// against the rules that are the same on every kiosk: the ids are the
// kiosk's own UUIDs, the values come from their lists (kiosk.CheckSession;
// the procedure catalog and the place list are each kiosk's own), and
// neither the note nor the reason of a change carries an ID or phone
// number.
func CheckSession(s kiosk.Session) error {
	var probs []string
	for _, id := range []struct{ what, v string }{{"id", s.ID}, {"staff_id", s.StaffID}, {"recorded_by", s.RecordedBy}} {
		if !kiosk.IsID(id.v) {
			probs = append(probs, fmt.Sprintf("%s %q is not a kiosk id (a UUID)", id.what, clip(id.v)))
		}
	}
	if s.Version < 1 {
		probs = append(probs, fmt.Sprintf("version %d is not 1 or more", s.Version))
	}
	// An end before the start is not refused: the kiosk writes one when its
	// clock is set back during a session, and measures the duration on the
	// monotonic clock, which is never negative.
	if s.Duration < 0 {
		probs = append(probs, "its duration is negative")
	}
	if err := checkText(map[string]string{"kiosk_id": s.KioskID, "site": s.Site, "place": s.Place}); err != nil {
		probs = append(probs, err.Error())
	}
	if err := checkLongText(map[string]string{"note": s.Note, "change_reason": s.ChangeReason}); err != nil {
		probs = append(probs, err.Error())
	}
	if err := kiosk.CheckNote(s.ChangeReason); err != nil {
		probs = append(probs, "the reason of its change: "+err.Error())
	}
	s.Place = ""
	if err := kiosk.CheckSession(s, func(string) bool { return true }, nil); err != nil {
		probs = append(probs, err.Error())
	}
	if len(probs) > 0 {
		return errors.New(strings.Join(probs, "; "))
	}
	return nil
}

// MaxLongText is the longest note, reason or audit detail a record may
// carry: an audit line names a session and a reason, or a file's path.
const MaxLongText = 4000

func checkText(fields map[string]string) error { return checkLength(fields, MaxText) }

func checkLongText(fields map[string]string) error { return checkLength(fields, MaxLongText) }

func checkLength(fields map[string]string, most int) error {
	for name, v := range fields {
		switch {
		case !utf8.ValidString(v):
			return fmt.Errorf("%s is not UTF-8", name)
		case strings.ContainsRune(v, 0):
			return fmt.Errorf("%s holds a NUL character", name)
		case utf8.RuneCountInString(v) > most:
			return fmt.Errorf("%s has more than %d characters", name, most)
		}
	}
	return nil
}

// clip shortens a bad value for a message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// ReadSessions reads a JSON Lines file of session records (a kiosk's
// `export --format jsonl`), checking each as CheckSession does, and calls
// f with each session in turn. The first bad line stops it, named by its
// number; so does f's error. kiosk merge and the collector's import both
// read through it, so they take and refuse the same records.
func ReadSessions(r io.Reader, f func(kiosk.Session) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var rec SessionRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return fmt.Errorf("line %d: not a session record: %v", line, err)
		}
		s, err := rec.Session()
		if err != nil {
			return fmt.Errorf("line %d: session %q: %v", line, rec.ID, err)
		}
		if err := f(s); err != nil {
			return err
		}
	}
	return sc.Err()
}
