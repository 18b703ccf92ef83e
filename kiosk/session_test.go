package kiosk_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

func TestCheckNote(t *testing.T) {
	for note, ok := range map[string]bool{
		"": true,
		"Bà cụ cần con cháu giúp cài VNeID":  true,
		"Hẹn quay lại thứ 5, mang 2 bản sao": true,
		"12345678 là mã hồ sơ":               true, // 8 digits
		"Số 0912345678":                      false,
		"gọi 0912 345 678":                   false,
		"CCCD 001.089.012.345":               false,
		"ĐT: (091) 234-5678":                 false,
		"+84 912 345 678":                    false,
		"năm 2025, 12 giờ, 30 phút":          true, // numbers apart
		strings.Repeat("ă", 200):             true,
		strings.Repeat("ă", 201):             false,
	} {
		err := kiosk.CheckNote(note)
		if (err == nil) != ok {
			t.Errorf("CheckNote(%q) = %v", note, err)
		}
		if err != nil && strings.Contains(note, "091") && !errors.Is(err, kiosk.ErrNoteNumber) {
			t.Errorf("CheckNote(%q) does not say why: %v", note, err)
		}
	}
}

func newDesk(t *testing.T) (*kiosk.Desk, *store.Store, *testClock, kiosk.Staff) {
	t.Helper()
	st := openStore(t)
	clock := newTestClock()
	m, err := (&kiosk.Roster{Store: st, Clock: clock}).Add(context.Background(), "", "lan", "Chị Lan", kiosk.RoleStaff, "4821")
	if err != nil {
		t.Fatal(err)
	}
	d := &kiosk.Desk{Store: st, KioskID: "K1", Site: "UBND xã Quỳnh Lưu", Clock: clock,
		Procedures: func(c string) bool { return c == "1.001193" || c == "2.000986" },
		Places:     []string{"Thôn 1", "Thôn 2"}}
	return d, st, clock, m
}

// A session opened, closed, corrected and voided keeps every version; the
// current one is the last; corrections and voids are in the audit log.
func TestSessionLifecycle(t *testing.T) {
	ctx := context.Background()
	d, st, clock, m := newDesk(t)
	s, err := d.Open(ctx, m.ID, "counter")
	if err != nil {
		t.Fatal(err)
	}
	clock.Add(7*time.Minute + 30*time.Second)
	s.Procedures = []string{"1.001193", "2.000986"}
	s.Help = []string{"guided", "submitted"}
	s.Outcome = kiosk.OutcomeDone
	s.Place = "Thôn 2"
	s.Consent, s.Groups = true, []string{"elderly"}
	s.Rating = 4
	s.Note = "Nộp xong, hẹn nhận kết quả qua Kho dữ liệu"
	closed, err := d.Close(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if closed.Duration != 7*time.Minute+30*time.Second || closed.Version != 2 {
		t.Errorf("closed: %+v", closed)
	}
	got, err := st.CurrentSession(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Every field round-trips (times to the millisecond).
	for _, p := range [][2]time.Time{{got.RecordedAt, closed.RecordedAt}, {got.Started, closed.Started}, {got.Ended, closed.Ended}} {
		if !p[0].Equal(p[1].Truncate(time.Millisecond)) {
			t.Errorf("time read back as %v, written %v", p[0], p[1])
		}
	}
	cmp := got
	cmp.RecordedAt, cmp.Started, cmp.Ended = closed.RecordedAt, closed.Started, closed.Ended
	if !reflect.DeepEqual(cmp, closed) {
		t.Errorf("read back\n%+v\nwrote\n%+v", got, closed)
	}

	// Correct: the outcome was wrong.
	clock.Add(time.Hour)
	fix := got
	fix.Outcome, fix.Reason = kiosk.OutcomeNotDone, "missing_papers"
	if _, err := d.Correct(ctx, m.ID, fix, ""); err == nil {
		t.Error("a correction without a reason was taken")
	}
	if _, err := d.Correct(ctx, m.ID, fix, "Nhầm: thiếu giấy chứng sinh"); err != nil {
		t.Fatal(err)
	}
	// A second correction made from the old version is refused.
	if _, err := d.Correct(ctx, m.ID, fix, "again"); !errors.Is(err, kiosk.ErrStale) {
		t.Errorf("a stale correction: %v", err)
	}
	cur, _ := st.CurrentSession(ctx, s.ID)
	if cur.Version != 3 || cur.Outcome != kiosk.OutcomeNotDone || cur.Duration != closed.Duration || !cur.Started.Equal(closed.Started) {
		t.Errorf("after the correction: %+v", cur)
	}
	voided, err := d.Void(ctx, m.ID, cur, "Ghi nhầm người")
	if err != nil {
		t.Fatal(err)
	}
	// A void session stays void: neither corrected back into the counts
	// nor voided twice.
	if _, err := d.Correct(ctx, m.ID, voided, "Sửa lại"); !errors.Is(err, kiosk.ErrVoided) {
		t.Errorf("a void session corrected: %v", err)
	}
	if _, err := d.Void(ctx, m.ID, voided, "Hủy lần nữa"); !errors.Is(err, kiosk.ErrVoided) {
		t.Errorf("a void session voided again: %v", err)
	}
	hist, _ := st.SessionHistory(ctx, s.ID)
	var statuses []string
	for _, v := range hist {
		statuses = append(statuses, v.Status+":"+v.Outcome)
	}
	if got := strings.Join(statuses, " "); got != "open: closed:done closed:not_done void:not_done" {
		t.Errorf("history: %s", got)
	}
	if a := auditActions(t, st); a != "staff_added correction void" {
		t.Errorf("audit: %s", a)
	}
	// Today's list for the member shows the current version only.
	list, _ := st.Sessions(ctx, clock.Now().Add(-24*time.Hour), clock.Now(), m.ID)
	if len(list) != 1 || list[0].Status != kiosk.SessionVoid {
		t.Errorf("today's list: %+v", list)
	}
}

func TestSessionChecks(t *testing.T) {
	ctx := context.Background()
	d, st, clock, m := newDesk(t)
	s, _ := d.Open(ctx, m.ID, "counter")
	if _, err := d.Open(ctx, m.ID, "market"); err == nil {
		t.Error("an unknown channel was taken")
	}
	base := s
	for name, edit := range map[string]func(*kiosk.Session){
		"unknown procedure":       func(s *kiosk.Session) { s.Procedures = []string{"9.999999"} },
		"unknown help":            func(s *kiosk.Session) { s.Help = []string{"magic"} },
		"place not in the list":   func(s *kiosk.Session) { s.Place = "Hà Nội" },
		"groups without consent":  func(s *kiosk.Session) { s.Groups = []string{"elderly"} },
		"unknown group":           func(s *kiosk.Session) { s.Consent, s.Groups = true, []string{"rich"} },
		"rating of five":          func(s *kiosk.Session) { s.Rating = 5 },
		"no outcome":              func(s *kiosk.Session) { s.Outcome = "" },
		"not done without reason": func(s *kiosk.Session) { s.Outcome = kiosk.OutcomeNotDone },
		"phone number in note":    func(s *kiosk.Session) { s.Note = "SĐT 0912345678" },
	} {
		v := base
		v.Outcome = kiosk.OutcomeDone
		edit(&v)
		if _, err := d.Close(ctx, v); err == nil {
			t.Errorf("%s: closed", name)
		}
	}
	// Nothing half-written: the session is still open at version 1.
	if cur, _ := st.CurrentSession(ctx, s.ID); cur.Version != 1 || cur.Status != kiosk.SessionOpen {
		t.Errorf("after refused closes: %+v", cur)
	}
	// A wall clock set back mid-session does not make the duration negative.
	clock.Add(-time.Hour)
	v := base
	v.Outcome = kiosk.OutcomeDone
	closed, err := d.Close(ctx, v)
	if err != nil {
		t.Fatal(err)
	}
	if closed.Duration < 0 {
		t.Errorf("duration %v", closed.Duration)
	}
	cur, _ := st.CurrentSession(ctx, s.ID)
	if cur.Duration < 0 {
		t.Errorf("stored duration %v", cur.Duration)
	}
}

// A member's day is Vietnam's day whatever the machine's zone: on a
// machine on UTC, a session at 23:00 in Vietnam belongs to that day and one
// at 01:00 the next morning to the next, as the reports count them.
func TestDayIsVietnamsDay(t *testing.T) {
	ctx := context.Background()
	d, _, clock, m := newDesk(t)
	at := func(vn string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", vn, kiosk.Zone)
		if err != nil {
			t.Fatal(err)
		}
		return v.UTC() // the clock of a machine set up on UTC
	}
	for _, vn := range []string{"2026-12-03 06:30", "2026-12-03 23:00", "2026-12-04 01:00", "2026-12-04 07:30"} {
		clock.T = at(vn)
		s, err := d.Open(ctx, m.ID, "counter")
		if err != nil {
			t.Fatal(err)
		}
		clock.Add(5 * time.Minute)
		s.Procedures, s.Help, s.Outcome, s.Place = []string{"1.001193"}, []string{"guided"}, kiosk.OutcomeDone, "Thôn 1"
		if _, err := d.Close(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for now, want := range map[string][]string{
		"2026-12-03 23:50": {"06:30", "23:00"},
		"2026-12-04 07:40": {"01:00", "07:30"},
	} {
		clock.T = at(now)
		list, err := d.Day(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range list {
			got = append(got, s.Started.In(kiosk.Zone).Format("15:04"))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("at %s in Vietnam, the day's sessions started at %v, want %v", now, got, want)
		}
	}
}
