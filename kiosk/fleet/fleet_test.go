package fleet

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
)

func session() kiosk.Session {
	start := time.Date(2026, 11, 10, 9, 0, 0, 123e6, kiosk.Zone)
	staff := kiosk.NewID(start.Add(-time.Hour))
	return kiosk.Session{ID: kiosk.NewID(start), Version: 2, Status: kiosk.SessionClosed, RecordedAt: start.Add(11 * time.Minute),
		RecordedBy: staff, ChangeReason: "sửa thủ tục", KioskID: "K1", Site: "Xã Quỳnh Lưu", StaffID: staff, Started: start,
		Ended: start.Add(10*time.Minute + 456*time.Millisecond), Duration: 10*time.Minute + 333*time.Millisecond,
		Procedures: []string{"1.001193", "3.000722"}, Help: []string{"submitted"}, Outcome: kiosk.OutcomeNotDone,
		Reason: "no_vneid", Channel: "counter", Place: "Thôn 2", Consent: true, Groups: []string{"elderly"}, Rating: 3, Note: "cần hẹn lại"}
}

// A session travels to the millisecond and comes back as it was.
func TestSessionRoundTrip(t *testing.T) {
	s := session()
	data, err := json.Marshal(FromSession(s))
	if err != nil {
		t.Fatal(err)
	}
	var r SessionRecord
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	got, err := r.Session()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*time.Time{&got.Started, &got.Ended, &got.RecordedAt, &s.Started, &s.Ended, &s.RecordedAt} {
		*p = p.UTC()
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("came back as\n%+v\nwant\n%+v", got, s)
	}
	// An export keeps whole seconds, as spreadsheets read it.
	if e := ExportSession(s); e.Started != "2026-11-10T09:00:00+07:00" || e.DurationMS != 0 || e.DurationS != 600 {
		t.Errorf("export: %s %d %d", e.Started, e.DurationS, e.DurationMS)
	}
}

// Each rule refuses its record, saying which.
func TestSessionRules(t *testing.T) {
	cases := map[string]func(*kiosk.Session){
		"not a kiosk id":          func(s *kiosk.Session) { s.ID = "not-a-uuid" },
		"staff_id":                func(s *kiosk.Session) { s.StaffID = "ADMIN" },
		"recorded_by":             func(s *kiosk.Session) { s.RecordedBy = strings.ToUpper(s.RecordedBy) },
		"NUL character":           func(s *kiosk.Session) { s.Place = "Thôn\x001" },
		"rating 7":                func(s *kiosk.Session) { s.Rating = 7 },
		"consent":                 func(s *kiosk.Session) { s.Consent = false },
		"reason of its change":    func(s *kiosk.Session) { s.ChangeReason = "SĐT 0912345678" },
		"help \"hacked\"":         func(s *kiosk.Session) { s.Help = []string{"hacked"} },
		"more than 200":           func(s *kiosk.Session) { s.Site = strings.Repeat("x", 201) },
		"status \"deleted\"":      func(s *kiosk.Session) { s.Status = "deleted" },
		"duration is negative":    func(s *kiosk.Session) { s.Duration = -time.Second },
		"version 0 is not 1 or m": func(s *kiosk.Session) { s.Version = 0 },
	}
	if err := CheckSession(session()); err != nil {
		t.Fatalf("a good session is refused: %v", err)
	}
	// A clock set back during a session gives an end before the start:
	// the kiosk writes it, so the collector takes it.
	back := session()
	back.Ended = back.Started.Add(-time.Minute)
	if err := CheckSession(back); err != nil {
		t.Errorf("a session ended before it started (clock set back): %v", err)
	}
	for says, mod := range cases {
		s := session()
		mod(&s)
		if err := CheckSession(s); err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("%s: %v", says, err)
		}
	}
}

// A batch is refused whole for one bad visit, event or audit line.
func TestBatchCheck(t *testing.T) {
	start := time.Date(2026, 11, 10, 9, 0, 0, 0, kiosk.Zone)
	v := kiosk.Visit{ID: kiosk.NewID(start), KioskID: "K1", Started: start, Ended: start.Add(time.Minute), Duration: time.Minute, EndReason: kiosk.EndIdle}
	events := []kiosk.Event{{At: start, Kind: kiosk.EventProcedure, Procedure: "1.001193"}, {At: start.Add(time.Second), Kind: kiosk.EventQR, Detail: "https://dichvucong.gov.vn/"}}
	good := Batch{Kiosk: "K1", Sessions: []SessionRecord{FromSession(session())}, Visits: []VisitRecord{FromVisit(v, "", events)},
		Audit: []AuditRecord{FromAudit(7, kiosk.AuditEntry{At: start, Action: kiosk.AuditLogin, StaffID: session().StaffID})}}
	c, err := good.Check()
	if err != nil || len(c.Sessions) != 1 || len(c.Events[0]) != 2 || c.AuditSeq[0] != 7 {
		t.Fatalf("a good batch: %+v %v", c, err)
	}
	bad := map[string]func(*Batch){
		"kiosk id of 1 to 64":   func(b *Batch) { b.Kiosk = "" },
		"seq 3: events come":    func(b *Batch) { b.Visits[0].Events[1].Seq = 3 },
		"kind \"keystroke\"":    func(b *Batch) { b.Visits[0].Events[0].Kind = "keystroke" },
		"travels closed":        func(b *Batch) { b.Visits[0].Ended = "" },
		"end_reason \"\"":       func(b *Batch) { b.Visits[0].EndReason = "" },
		"audit line 1 (seq 0)":  func(b *Batch) { b.Audit[0].Seq = 0 },
		"not an RFC 3339 time":  func(b *Batch) { b.Audit[0].At = "yesterday" },
		"records: at most 5000": func(b *Batch) { b.Audit = make([]AuditRecord, MaxRecords) },
		"marks are never":       func(b *Batch) { b.Marks.Visits = -1 },
	}
	for says, mod := range bad {
		data, _ := json.Marshal(good)
		var b Batch
		json.Unmarshal(data, &b)
		mod(&b)
		if _, err := b.Check(); err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("%s: %v", says, err)
		}
	}
}

// Sift passes over the records no collector takes, naming each, and keeps
// the marks, so the records after them still go.
func TestSift(t *testing.T) {
	start := time.Date(2026, 11, 10, 9, 0, 0, 0, kiosk.Zone)
	bad := FromSession(session())
	bad.ID = "not-a-uuid"
	v := kiosk.Visit{ID: kiosk.NewID(start), KioskID: "K1", Started: start, Ended: start.Add(time.Minute), EndReason: kiosk.EndIdle}
	long := FromAudit(3, kiosk.AuditEntry{At: start, Action: kiosk.AuditCorrection, Detail: strings.Repeat("lý do ", 100)})
	b := Batch{Kiosk: "K1", Sessions: []SessionRecord{FromSession(session()), bad}, Visits: []VisitRecord{FromVisit(v, "", nil)},
		Audit: []AuditRecord{long, {Seq: 4, At: "never", Action: "login"}}, Marks: Marks{Sessions: 9, Visits: 4, Audit: 4}}
	out, why := b.Sift()
	if len(out.Sessions) != 1 || len(out.Visits) != 1 || len(out.Audit) != 1 || out.Marks != b.Marks {
		t.Fatalf("sifted: %d sessions, %d visits, %d audit lines, marks %+v", len(out.Sessions), len(out.Visits), len(out.Audit), out.Marks)
	}
	if len(why) != 2 || !strings.Contains(why[0], "not-a-uuid") || !strings.Contains(why[1], "audit line 4") {
		t.Errorf("reasons: %q", why)
	}
	if _, err := out.Check(); err != nil {
		t.Errorf("a sifted batch is refused: %v", err)
	}
}
