package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"onestop/kiosk"
	"onestop/kiosk/report"
)

// addStaff adds a member through the domain, as kiosk staff add does.
func (h *harness) addStaff(code, name, role, pin string) kiosk.Staff {
	h.t.Helper()
	m, err := h.k.svc.Roster.Add(context.Background(), "", code, name, role, pin)
	if err != nil {
		h.t.Fatal(err)
	}
	return m
}

// gesture makes the staff gesture: five quick taps on the bar's middle.
func (h *harness) gesture() {
	h.t.Helper()
	var spot *tile
	for _, t := range h.tiles() {
		if t.style == styleClear && t.onTap != nil && t.Size().Width < 1366 {
			spot = t
			break
		}
	}
	if spot == nil {
		h.t.Fatal("no gesture spot in the top bar")
	}
	for range secretTaps {
		test.Tap(spot)
		h.clock.Add(300 * time.Millisecond)
	}
}

func (h *harness) typePIN(pin string) {
	h.t.Helper()
	for _, d := range pin {
		h.tapExact(string(d))
	}
	h.tap(h.k.t("pin_ok"))
}

// tapExact taps the tile whose whole text is label.
func (h *harness) tapExact(label string) {
	h.t.Helper()
	for _, t := range h.tiles() {
		if t.content != nil && strings.TrimSpace(texts(t.content)) == label {
			test.Tap(t)
			return
		}
	}
	h.t.Fatalf("no tile says exactly %q; tiles: %v", label, h.tileLabels())
}

// logIn opens a member's PIN pad and types the PIN, as the gesture and
// the name would.
func (h *harness) logIn(code, pin string) {
	h.t.Helper()
	h.k.Open(Route{Kind: "staff-pin", Arg: code})
	h.typePIN(pin)
}

// Staff mode opens from the gesture on a resident screen, not from fewer
// or slower taps; a wrong PIN says so; the right one logs in.
func TestStaffLogin(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.addStaff("lan", "Chị Lan", kiosk.RoleStaff, "4821")
	h.k.Open(Route{Kind: "home"})
	// Four taps, or five spread over more than four seconds, do nothing.
	var spot *tile
	for _, tl := range h.tiles() {
		if tl.style == styleClear && tl.onTap != nil && tl.Size().Width < 1366 {
			spot = tl
		}
	}
	for range secretTaps {
		test.Tap(spot)
		h.clock.Add(time.Second + 100*time.Millisecond)
	}
	if h.k.Route().Kind != "home" {
		t.Fatalf("slow taps opened %v", h.k.Route())
	}
	h.gesture()
	if h.k.Route().Kind != "staff" {
		t.Fatalf("the gesture opened %v", h.k.Route())
	}
	h.tap("Chị Lan")
	h.typePIN("1111")
	if !strings.Contains(h.screenText(), h.k.t("pin_wrong")) || h.k.staff != nil {
		t.Fatalf("a wrong PIN: %s", h.screenText())
	}
	h.typePIN("4821")
	if h.k.staff == nil || h.k.Route().Kind != "staff-home" {
		t.Fatalf("the right PIN: %v %s", h.k.Route(), h.screenText())
	}
	// Staff work is not a resident visit.
	vs, _ := h.db().Visits(context.Background(), time.Time{}, h.clock.Now().Add(time.Hour))
	for _, v := range vs {
		evs, _ := h.db().Events(context.Background(), v.ID)
		for _, e := range evs {
			if strings.HasPrefix(e.Screen, "staff") {
				t.Errorf("a staff screen was recorded as a resident's: %+v", e)
			}
		}
	}
}

// Five wrong PINs lock the member out, said on the keypad.
func TestStaffLockout(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.addStaff("lan", "Chị Lan", kiosk.RoleStaff, "4821")
	h.k.Open(Route{Kind: "staff-pin", Arg: "lan"})
	for range kiosk.MaxWrongPINs {
		h.typePIN("0000")
	}
	until := h.clock.Now().Add(kiosk.FirstLockout).Format("15:04:05")
	if txt := h.screenText(); !strings.Contains(txt, h.k.tf("pin_locked", until)) {
		t.Fatalf("no lock-out message: %s", txt)
	}
	h.typePIN("4821")
	if h.k.staff != nil {
		t.Fatal("logged in while locked")
	}
	h.clock.Add(kiosk.FirstLockout)
	h.typePIN("4821")
	if h.k.staff == nil {
		t.Fatal("not logged in after the lock-out")
	}
}

// A session starts in one tap from staff home, records what was done,
// lets the resident browse (their visit is linked to it), ends in one tap
// committed before the screen says "saved", and takes the resident's
// rating; today's list shows it.
func TestSessionRecorded(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	m := h.addStaff("lan", "Chị Lan", kiosk.RoleStaff, "4821")
	h.logIn("lan", "4821")
	ctx := context.Background()

	h.tap(h.k.t("session_start")) // tap 1: the session is open
	s := h.k.staff.session
	if s == nil || h.k.Route().Kind != "staff-session" {
		t.Fatalf("no session after one tap: %v", h.k.Route())
	}
	if cur, err := h.db().CurrentSession(ctx, s.ID); err != nil || cur.Status != kiosk.SessionOpen {
		t.Fatalf("the open session is not in the store: %+v %v", cur, err)
	}
	h.tap(h.k.t("help_submitted"))
	h.tap(h.k.t("help_vneid_registered"))
	h.tap(h.k.t("session_procedures")[:10]) // "Thủ tục: …"
	h.tap("Đăng ký khai sinh")
	h.tap(h.k.t("picker_done"))
	place := h.pack.Settings.Places[0]
	h.tapPaged(place)

	// The resident browses; their visit belongs to the session.
	h.tap(h.k.t("session_show"))
	h.tap("Hộ tịch")
	visit := h.k.visits.Current()
	if sid, err := h.db().VisitSession(ctx, visit); err != nil || sid != s.ID {
		t.Errorf("the visit is linked to %q (%v), want %s", sid, err, s.ID)
	}
	if !strings.Contains(h.screenText(), h.k.tf("bar_session", "Chị Lan")) {
		t.Error("the bar does not show the open session")
	}
	h.clock.Add(4 * time.Minute)
	h.gesture()
	h.tap(h.k.t("session_resume"))
	if h.k.staff == nil {
		t.Fatal("logged out while the resident browsed")
	}

	h.tap(h.k.t("session_end")) // one tap
	cur, err := h.db().CurrentSession(ctx, s.ID)
	if err != nil || cur.Status != kiosk.SessionClosed {
		t.Fatalf("after ending: %+v %v", cur, err)
	}
	if h.k.Route().Kind != "staff-rate" || !strings.Contains(h.screenText(), h.k.t("session_saved")) {
		t.Fatalf("no confirmation: %v", h.k.Route())
	}
	if cur.Outcome != kiosk.OutcomeDone || cur.Place != place || len(cur.Procedures) != 1 || cur.Procedures[0] != "1.001193" ||
		strings.Join(cur.Help, ",") != "submitted,vneid_registered" || cur.StaffID != m.ID || cur.Duration < 4*time.Minute {
		t.Errorf("recorded %+v", cur)
	}
	h.tap(h.k.t("rate_4"))
	cur, _ = h.db().CurrentSession(ctx, s.ID)
	if cur.Rating != 4 || cur.Version != 3 {
		t.Errorf("rating: %+v", cur)
	}
	if !strings.Contains(h.screenText(), h.k.t("rate_thanks")) {
		t.Errorf("no thanks: %s", h.screenText())
	}
	h.tap(h.k.t("session_today"))
	if txt := h.screenText(); !strings.Contains(txt, h.k.tf("session_today_n", 1)) || !strings.Contains(txt, "Đăng ký khai sinh") {
		t.Errorf("today's list: %s", txt)
	}
}

// "Not done" needs a reason before the session can end.
func TestSessionNotDoneNeedsReason(t *testing.T) {
	h := newHarness(t, sizes["1920x1080"])
	h.addStaff("lan", "Chị Lan", kiosk.RoleStaff, "4821")
	h.logIn("lan", "4821")
	h.tap(h.k.t("session_start"))
	h.tap(h.k.t("outcome_not_done"))
	end := h.findTile(h.k.t("session_end"))
	test.Tap(end)
	if !end.disabled || h.k.Route().Kind != "staff-session" {
		t.Fatal("ended without a reason")
	}
	h.tap(h.k.t("reason_no_vneid"))
	h.tap(h.k.t("session_end"))
	if h.k.Route().Kind != "staff-rate" {
		t.Fatalf("not ended with a reason: %v", h.k.Route())
	}
}

// Staff mode closes itself after a few minutes without staff input; the
// logout is in the audit log.
func TestStaffTimeout(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.addStaff("lan", "Chị Lan", kiosk.RoleStaff, "4821")
	h.logIn("lan", "4821")
	h.clock.Add(staffTimeout - time.Second)
	h.k.Tick()
	if h.k.staff == nil {
		t.Fatal("logged out early")
	}
	h.clock.Add(time.Second)
	h.k.Tick()
	if h.k.staff != nil || h.k.Route().Kind != "attract" {
		t.Fatalf("still in staff mode after %v: %v", staffTimeout, h.k.Route())
	}
	log, _ := h.db().AuditLog(context.Background(), time.Time{}, h.clock.Now().Add(time.Hour))
	if last := log[len(log)-1]; last.Action != kiosk.AuditLogout || last.Detail != "timeout" {
		t.Errorf("last audit entry %+v", last)
	}
}

// tapPaged taps a tile, turning the pages of a paged screen to find it.
func (h *harness) tapPaged(label string) {
	h.t.Helper()
	for range 5 {
		if t := h.findTile(label); t != nil {
			test.Tap(t)
			return
		}
		h.tap(h.k.t("next_page"))
	}
	h.t.Fatalf("no tile says %q on any page", label)
}

// typeText types on the kiosk's keypad.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		if r == ' ' {
			h.tap(h.k.t("key_space"))
			continue
		}
		h.tapExact(string(r))
	}
}

// A note with a phone number is refused and says why; a clean one is kept.
// Groups are recorded only with the resident's consent.
func TestSessionNoteAndConsent(t *testing.T) {
	h := newHarness(t, sizes["1920x1080"])
	h.addStaff("lan", "Chị Lan", kiosk.RoleStaff, "4821")
	h.logIn("lan", "4821")
	h.tap(h.k.t("session_start"))
	id := h.k.staff.session.ID
	h.tapPaged(h.k.t("session_note_none"))
	h.typeText("goi 0912345678")
	h.tap(h.k.t("text_save"))
	if h.k.Route().Kind != "staff-text" || !strings.Contains(h.screenText(), h.k.t("note_number")) {
		t.Fatalf("a phone number in a note: %v %s", h.k.Route(), h.screenText())
	}
	h.tap(h.k.t("key_clear"))
	h.typeText("hen thu 5")
	h.tap(h.k.t("text_save"))
	if h.k.staff.session.Note != "hen thu 5" || h.k.Route().Kind != "staff-session" {
		t.Fatalf("note %q on %v", h.k.staff.session.Note, h.k.Route())
	}
	// The groups show only once the resident agrees; withdrawing consent
	// drops them.
	if h.findTile(h.k.t("group_elderly")) != nil {
		t.Error("groups offered without consent")
	}
	h.tapPaged(h.k.t("groups_consent"))
	h.tapPaged(h.k.t("group_elderly"))
	h.tapPaged(h.k.t("groups_consent"))
	if len(h.k.staff.session.Groups) != 0 {
		t.Errorf("groups kept without consent: %v", h.k.staff.session.Groups)
	}
	h.tapPaged(h.k.t("groups_consent"))
	h.tapPaged(h.k.t("group_elderly"))
	h.tap(h.k.t("session_end"))
	cur, _ := h.db().CurrentSession(context.Background(), id)
	if cur.Note != "hen thu 5" || !cur.Consent || strings.Join(cur.Groups, ",") != "elderly" {
		t.Errorf("recorded %+v", cur)
	}
}

// A correction from today's list needs a reason, writes a new version and
// keeps the old; a void too; both are in the audit log.
func TestSessionCorrection(t *testing.T) {
	h := newHarness(t, sizes["1920x1080"])
	h.addStaff("lan", "Chị Lan", kiosk.RoleStaff, "4821")
	h.logIn("lan", "4821")
	h.tap(h.k.t("session_start"))
	id := h.k.staff.session.ID
	h.tap(h.k.t("session_end"))
	h.tap(h.k.t("rate_skip"))
	h.tap(h.k.t("session_today"))
	h.tap(h.k.t("session_no_procedure")) // the session's row
	if h.k.Route().Kind != "staff-fix" {
		t.Fatalf("on %v", h.k.Route())
	}
	h.tapPaged(h.k.t("outcome_not_done"))
	h.tapPaged(h.k.t("reason_portal_error"))
	h.tap(h.k.t("fix_save"))
	h.tap(h.k.t("text_save")) // no reason typed
	if h.k.Route().Kind != "staff-text" || !strings.Contains(h.screenText(), h.k.t("reason_needed")) {
		t.Fatalf("a correction without a reason: %v %s", h.k.Route(), h.screenText())
	}
	h.typeText("nham ket qua")
	h.tap(h.k.t("text_save"))
	if !strings.Contains(h.screenText(), h.k.t("fix_saved")) {
		t.Fatalf("no confirmation: %s", h.screenText())
	}
	hist, _ := h.db().SessionHistory(context.Background(), id)
	if len(hist) != 3 || hist[1].Outcome != kiosk.OutcomeDone || hist[2].Outcome != kiosk.OutcomeNotDone || hist[2].ChangeReason != "nham ket qua" {
		t.Fatalf("history %+v", hist)
	}
	h.tap(h.k.t("session_no_procedure"))
	h.tap(h.k.t("fix_void"))
	h.typeText("ghi trung")
	h.tap(h.k.t("text_save"))
	cur, _ := h.db().CurrentSession(context.Background(), id)
	if cur.Status != kiosk.SessionVoid || cur.Version != 4 {
		t.Errorf("after the void: %+v", cur)
	}
	log, _ := h.db().AuditLog(context.Background(), time.Time{}, h.clock.Now().Add(time.Hour))
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action)
	}
	if a := strings.Join(actions, " "); !strings.HasSuffix(a, "correction void") {
		t.Errorf("audit: %s", a)
	}
}

// An admin adds a member in the app (name and code on the keypad, the PIN
// twice), disables another, and reads the audit log; a member who is not
// an admin sees none of it.
func TestAdminScreens(t *testing.T) {
	h := newHarness(t, sizes["1920x1080"])
	h.addStaff("admin", "Trưởng bộ phận", kiosk.RoleAdmin, "9753")
	h.addStaff("hung", "Anh Hùng", kiosk.RoleStaff, "1357")
	h.logIn("hung", "1357")
	if h.findTile(h.k.t("admin_members")) != nil {
		t.Fatal("a member who is not an admin sees the staff screen")
	}
	h.tap(h.k.t("staff_logout"))

	h.logIn("admin", "9753")
	h.tap(h.k.t("admin_members"))
	h.tap(h.k.t("member_add"))
	h.typeText("mai")
	h.tap(h.k.t("text_save"))
	h.tap(h.k.t("member_code") + ":")
	h.typeText("mai")
	h.tap(h.k.t("text_save"))
	h.tap(h.k.t("member_pin") + ":")
	h.typePIN("2468")
	h.typePIN("2469")
	if !strings.Contains(h.screenText(), h.k.t("pin_differ")) {
		t.Fatalf("two different PINs: %s", h.screenText())
	}
	h.typePIN("2468")
	h.typePIN("2468")
	h.tap(h.k.t("member_save"))
	if !strings.Contains(h.screenText(), h.k.tf("member_added", "mai")) {
		t.Fatalf("not added: %s", h.screenText())
	}
	// Disable Hùng: he can no longer log in.
	// The rows are in name order (Anh Hùng first) and an admin has no
	// disable button of their own; tiles() lists the last drawn first.
	var last *tile
	for _, tl := range h.tiles() {
		if strings.TrimSpace(texts(tl.content)) == h.k.t("member_disable") {
			last = tl
		}
	}
	if last == nil {
		t.Fatal("no disable button")
	}
	test.Tap(last)
	m, _ := h.db().StaffByCode(context.Background(), "hung")
	if m.Disabled.IsZero() {
		t.Fatalf("Hùng is not disabled")
	}
	if _, err := h.k.svc.Roster.Login(context.Background(), "hung", "1357"); !errors.Is(err, kiosk.ErrDisabled) {
		t.Errorf("a disabled member logs in: %v", err)
	}
	if _, err := h.k.svc.Roster.Login(context.Background(), "mai", "2468"); err != nil {
		t.Errorf("the new member cannot log in: %v", err)
	}
	h.tap(h.k.t("back"))
	h.tap(h.k.t("admin_audit"))
	txt := h.screenText()
	for _, want := range []string{h.k.t("audit_staff_added"), h.k.t("audit_staff_changed"), h.k.tf("member_turned_off", "hung"), h.k.t("audit_login")} {
		if !strings.Contains(txt, want) {
			t.Errorf("the audit log lacks %q: %s", want, txt)
		}
	}
}

// Without a database (it could not be opened) the resident screens work
// and the staff gesture says records are off and how the admin restores.
func TestStaffWithoutDatabase(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.k.svc = StaffOptions{}
	h.k.Open(Route{Kind: "home"})
	h.gesture()
	if h.k.Route().Kind != "staff" || !strings.Contains(h.screenText(), "kiosk restore") {
		t.Fatalf("on %v: %s", h.k.Route(), h.screenText())
	}
	h.tap(h.k.t("home"))
	h.tap("Hộ tịch")
	if h.k.Route().Kind != "category" {
		t.Errorf("the resident screens stopped: %v", h.k.Route())
	}
}

// The numbers screen: an admin sees this month's sessions by procedure
// (and "—" for a month without any), a chart, and exports them to a USB
// stick when one is plugged in.
func TestNumbersScreen(t *testing.T) {
	h := newHarness(t, sizes["1920x1080"])
	admin := h.addStaff("admin", "Trưởng bộ phận", kiosk.RoleAdmin, "9753")
	ctx := context.Background()
	desk := h.k.svc.Desk
	for i, code := range []string{"1.001193", "1.001193", "1.004222"} {
		s, err := desk.Open(ctx, admin.ID, "counter")
		if err != nil {
			t.Fatal(err)
		}
		s.Procedures, s.Outcome = []string{code}, kiosk.OutcomeDone
		if i == 2 {
			s.Outcome, s.Reason = kiosk.OutcomeNotDone, "no_vneid"
		}
		if _, err := desk.Close(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	usb := h.plugStick()

	h.logIn("admin", "9753")
	h.tap(h.k.t("numbers_title"))
	txt := h.screenText()
	if !strings.Contains(txt, h.k.tf("numbers_heading", h.k.t("period_this_month"), "3")) || !strings.Contains(txt, "Đăng ký khai sinh") {
		t.Fatalf("this month: %s", txt)
	}
	var charts int
	for _, o := range h.objects() {
		if ci, ok := o.(*canvas.Image); ok && ci.Image != nil && ci.Image.Bounds().Dx() > 200 {
			charts++
		}
	}
	if charts == 0 {
		t.Error("no chart on the numbers screen")
	}
	h.tapExact(h.k.t("chip_outcome"))
	if txt := h.screenText(); !strings.Contains(txt, h.k.t("outcome_done")) || !strings.Contains(txt, h.k.t("outcome_not_done")) {
		t.Errorf("by outcome: %s", txt)
	}
	// No resident agreed to be counted in a group: one line, "(không ghi)".
	h.tapExact(h.k.t("chip_group"))
	if txt := h.screenText(); !strings.Contains(txt, "1. "+h.k.t("key_none")) {
		t.Errorf("by group: %s", txt)
	}
	h.tap(h.k.t("period_last_month"))
	if txt := h.screenText(); !strings.Contains(txt, h.k.tf("numbers_heading", h.k.t("period_last_month"), "—")) {
		t.Errorf("an empty month: %s", txt)
	}
	h.tap(h.k.t("period_this_month"))
	h.tap(h.k.t("numbers_export"))
	if txt := h.screenText(); !strings.Contains(txt, h.k.tf("numbers_exported", usb)) {
		t.Fatalf("export: %s", txt)
	}
	for _, ext := range []string{".csv", ".xlsx"} {
		files, _ := filepath.Glob(filepath.Join(usb, "*"+ext))
		if len(files) != 1 {
			t.Errorf("%s files on the stick: %v", ext, files)
		}
	}
	log, _ := h.db().AuditLog(ctx, time.Time{}, h.clock.Now().Add(time.Hour))
	if last := log[len(log)-1]; last.Action != kiosk.AuditExport {
		t.Errorf("the export is not audited: %+v", last)
	}
}

// plugStick makes an empty USB stick the kiosk finds plugged in.
func (h *harness) plugStick() string {
	h.t.Helper()
	usb := filepath.Join(h.t.TempDir(), "media", "usb0")
	if err := os.MkdirAll(usb, 0o755); err != nil {
		h.t.Fatal(err)
	}
	h.k.usbDrives = func() []string { return []string{usb} }
	return usb
}

// recordOn records a closed session for a procedure at a moment.
func (h *harness) recordOn(at time.Time, staffID, code string) {
	h.t.Helper()
	saved := h.clock.now
	h.clock.now = at
	defer func() { h.clock.now = saved }()
	desk := h.k.svc.Desk
	s, err := desk.Open(context.Background(), staffID, "counter")
	if err != nil {
		h.t.Fatal(err)
	}
	s.Procedures, s.Outcome = []string{code}, kiosk.OutcomeDone
	if _, err := desk.Close(context.Background(), s); err != nil {
		h.t.Fatal(err)
	}
}

// Any range of days is picked on a calendar of big day tiles, the last day
// before the first as well; the numbers then count those days only.
func TestNumbersRange(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	admin := h.addStaff("admin", "Trưởng bộ phận", kiosk.RoleAdmin, "9753")
	day := func(d int, hour int) time.Time { return time.Date(2026, 10, d, hour, 0, 0, 0, report.ReportZone) }
	h.recordOn(day(2, 9), admin.ID, "1.001193")
	h.recordOn(day(3, 23), admin.ID, "1.001193") // 23:00 on the 3rd is the 3rd
	h.recordOn(day(4, 0), admin.ID, "1.004222")  // the 4th, outside
	h.recordOn(day(9, 10), admin.ID, "1.004222")
	// A resident on their own on the 3rd: one visit, one QR code shown.
	vid, err := h.db().BeginVisit(context.Background(), "TEST", day(3, 10))
	if err != nil {
		t.Fatal(err)
	}
	h.db().AddEvent(context.Background(), vid, kiosk.Event{At: day(3, 10), Kind: kiosk.EventQR, Procedure: "1.001193"})

	h.logIn("admin", "9753")
	h.tap(h.k.t("numbers_title"))
	h.tap(h.k.t("period_custom"))
	if h.k.Route().Kind != "staff-numbers-range" || !strings.Contains(h.screenText(), h.k.tf("range_month", 10, 2026)) {
		t.Fatalf("on %v: %s", h.k.Route(), h.screenText())
	}
	if show := h.findTile(h.k.t("range_show")); show == nil || !show.disabled {
		t.Error("the numbers can be shown before two days are picked")
	}
	h.tapExact("3")
	if !strings.Contains(h.screenText(), h.k.tf("range_last", "03/10/2026")) {
		t.Errorf("after the first day: %s", h.screenText())
	}
	h.tapExact("2") // before the first: the range turns round
	if !strings.Contains(h.screenText(), h.k.tf("range_chosen", "02/10/2026", "03/10/2026")) {
		t.Errorf("after the last day: %s", h.screenText())
	}
	h.tap(h.k.t("range_show"))
	want := h.k.tf("numbers_heading", h.k.tf("period_range", "02/10/2026", "03/10/2026"), "2")
	if h.k.Route().Kind != "staff-numbers" || !strings.Contains(h.screenText(), want) {
		t.Fatalf("want %q on %v: %s", want, h.k.Route(), h.screenText())
	}
	for _, want := range []string{h.k.tf("visits_visits", "1"), h.k.tf("visits_qr_shown", "1"), h.k.tf("visits_lessons_finished", "—")} {
		if !strings.Contains(h.screenText(), want) {
			t.Errorf("the visits of those days: no %q in %s", want, h.screenText())
		}
	}
	// The month before has no record: "—", not 0.
	h.tap(h.k.tf("period_range", "02/10/2026", "03/10/2026"))
	h.tap(h.k.t("range_prev"))
	h.tapExact("1")
	h.tapExact("30")
	h.tap(h.k.t("range_show"))
	if want := h.k.tf("numbers_heading", h.k.tf("period_range", "01/09/2026", "30/09/2026"), "—"); !strings.Contains(h.screenText(), want) {
		t.Errorf("want %q: %s", want, h.screenText())
	}
	// A day tapped and left without "Xem số liệu" changes nothing.
	h.tap(h.k.tf("period_range", "01/09/2026", "30/09/2026"))
	h.tapExact("9")
	h.tap(h.k.t("back"))
	if want := h.k.tf("numbers_heading", h.k.tf("period_range", "01/09/2026", "30/09/2026"), "—"); h.k.Route().Kind != "staff-numbers" || !strings.Contains(h.screenText(), want) {
		t.Errorf("after leaving the calendar half-picked, want %q on %v: %s", want, h.k.Route(), h.screenText())
	}
}

// Hủy stops an export and leaves no file of it on the stick, not even the
// CSV written before the XLSX, and an earlier export of the same days
// untouched.
func TestNumbersExportCancel(t *testing.T) {
	h := newHarness(t, sizes["1920x1080"])
	admin := h.addStaff("admin", "Trưởng bộ phận", kiosk.RoleAdmin, "9753")
	for i := range 1500 {
		h.recordOn(h.clock.Now().Add(-time.Duration(i)*time.Minute), admin.ID, "1.001193")
	}
	usb := h.plugStick()
	// An earlier export of the same days stays whole.
	earlier := "phien-ho-tro-2026-10-01-den-2026-10-31"
	for _, ext := range []string{".csv", ".xlsx"} {
		os.WriteFile(filepath.Join(usb, earlier+ext), []byte("earlier "+ext), 0o644)
	}
	var work func()
	h.k.background = func(f func()) { work = f } // the export waits for the test
	h.logIn("admin", "9753")
	h.tap(h.k.t("numbers_title"))
	h.tap(h.k.t("numbers_export"))
	if work == nil || !strings.Contains(h.screenText(), h.k.tf("numbers_exporting", 0, 1500)) {
		t.Fatalf("no export running: %s", h.screenText())
	}
	// Hủy is tapped once the CSV is written, while the XLSX is.
	job := h.k.staff.numbers.exporter
	job.progressed = func(done int) {
		if done >= 1000 { // half a session a row: the CSV is whole
			job.progressed = nil
			h.tap(h.k.t("numbers_cancel"))
		}
	}
	work()
	if txt := h.screenText(); !strings.Contains(txt, h.k.t("numbers_export_cancelled")) {
		t.Errorf("after Hủy: %s", txt)
	}
	if files, _ := filepath.Glob(filepath.Join(usb, "*")); len(files) != 2 {
		t.Errorf("on the stick after Hủy: %v (want only the earlier export)", files)
	}
	for _, ext := range []string{".csv", ".xlsx"} {
		if b, err := os.ReadFile(filepath.Join(usb, earlier+ext)); err != nil || string(b) != "earlier "+ext {
			t.Errorf("the earlier export's %s: %q %v", ext, b, err)
		}
	}
}

// An admin's settings take effect at once (the idle wait), on the next
// session (its channel) and the next resident (the narration volume), and
// the audit log says who changed what, in words.
func TestSettingsScreen(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.addStaff("admin", "Trưởng bộ phận", kiosk.RoleAdmin, "9753")
	h.logIn("admin", "9753")
	h.tap(h.k.t("settings_title"))
	if h.k.Route().Kind != "staff-settings" {
		t.Fatalf("on %v", h.k.Route())
	}
	h.tapFirst(h.k.tf("settings_seconds", 180)) // the first section's: the idle wait
	if !strings.Contains(h.screenText(), h.k.t("settings_saved")) || h.k.idle.Quiet != 180*time.Second {
		t.Errorf("idle wait %v: %s", h.k.idle.Quiet, h.screenText())
	}
	h.tapExact(h.k.t("channel_home_visit"))
	h.tapExact(h.k.t("volume_2"))
	h.k.startSession()
	if s := h.k.staff.session; s == nil || s.Channel != "home_visit" {
		t.Errorf("a new session on %+v", s)
	}
	h.k.reset("test")
	if h.k.visit.volumeStep != 2 {
		t.Errorf("the next resident's volume step is %d", h.k.visit.volumeStep)
	}
	log, _ := h.db().AuditLog(context.Background(), time.Time{}, h.clock.Now().Add(time.Hour))
	var words []string
	for _, e := range log {
		if e.Action == kiosk.AuditSettings {
			words = append(words, h.k.auditDetail(e))
		}
	}
	want := []string{h.k.tf("settings_change_first", h.k.t("settings_key_idle_seconds"), h.k.tf("settings_seconds", 180)),
		h.k.tf("settings_change_first", h.k.t("settings_key_channel"), h.k.t("channel_home_visit")),
		h.k.tf("settings_change_first", h.k.t("settings_key_volume"), h.k.t("volume_2"))}
	if strings.Join(words, "|") != strings.Join(want, "|") {
		t.Errorf("audit:\n got %q\nwant %q", words, want)
	}
}

// A kiosk left alone ends staff mode with the resident's visit: the next
// person needs the PIN, and nothing leads back into staff screens without
// it; the member's unsaved form is still there after the next login.
func TestStaffModeLeftAlone(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.addStaff("lan", "Chị Lan", kiosk.RoleStaff, "4821")
	h.logIn("lan", "4821")
	h.tap(h.k.t("session_start"))
	h.tap(h.k.t("help_submitted"))
	h.tap(h.k.t("session_show"))
	h.tap("Hộ tịch")
	s := h.pack.Settings
	h.clock.Add(s.IdleTimeout())
	h.k.Tick()
	h.clock.Add(s.WarnTimeout())
	h.k.Tick()
	if h.k.staff != nil || h.k.Route().Kind != "attract" {
		t.Fatalf("after the idle reset: staff %v on %v", h.k.staff != nil, h.k.Route())
	}
	h.k.Open(Route{Kind: "home"}) // the next person touches the screen
	h.gesture()
	if h.k.Route().Kind != "staff" {
		t.Fatalf("the gesture after the reset opened %v, not the member list", h.k.Route())
	}
	h.logIn("lan", "4821")
	h.tap(h.k.t("session_resume"))
	if s := h.k.staff.session; s == nil || strings.Join(s.Help, ",") != "submitted" {
		t.Errorf("the form after logging in again: %+v", s)
	}

	// The bar's Home from a staff screen: Back on the resident screens
	// never comes back into staff mode, and the keypad's text is not the
	// resident's search.
	h.k.askText(textNote, "")
	h.typeText("ghi chu")
	h.tap(h.k.t("home"))
	for range 3 {
		h.tap(h.k.t("back"))
		if h.k.Route().isStaff() {
			t.Fatalf("Back led into %v", h.k.Route())
		}
		if h.k.Route().Kind == "attract" {
			break
		}
	}
	if h.k.visit.query != "" {
		t.Errorf("the resident's search holds %q", h.k.visit.query)
	}

	// The PIN pad left half-typed goes back to the posters like any screen.
	h.k.logout("test")
	h.k.Open(Route{Kind: "home"})
	h.gesture()
	h.tap("Chị Lan")
	h.tapKey("4")
	h.clock.Add(s.IdleTimeout())
	h.k.Tick()
	h.clock.Add(s.WarnTimeout())
	h.k.Tick()
	if h.k.Route().Kind != "attract" {
		t.Errorf("the PIN pad left alone: on %v", h.k.Route())
	}
	if _, ok := h.k.cur.(*pinScreen); ok {
		t.Error("the PIN pad, with what was typed, is still the screen")
	}
}

// tapFirst taps, of the tiles that say exactly label, the first in
// reading order: highest on the screen, then leftmost.
func (h *harness) tapFirst(label string) {
	h.t.Helper()
	var best *tile
	var bestPos fyne.Position
	for _, t := range h.tiles() {
		if strings.TrimSpace(texts(t.content)) != label {
			continue
		}
		p := fyne.CurrentApp().Driver().AbsolutePositionForObject(t)
		if best == nil || p.Y < bestPos.Y || p.Y == bestPos.Y && p.X < bestPos.X {
			best, bestPos = t, p
		}
	}
	if best == nil {
		h.t.Fatalf("no tile says %q", label)
	}
	test.Tap(best)
}
