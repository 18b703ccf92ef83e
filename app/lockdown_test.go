package app

import (
	"bytes"
	"context"
	"log"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"onestop/kiosk"
)

// In kiosk mode the window fills the screen, a close request and stray
// keys change nothing, and only an admin, with a second tap, leaves.
func TestKioskModeLockDown(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	var logged bytes.Buffer
	h.k.log = log.New(&logged, "", 0)
	left := 0
	h.k.leave = func() { left++ }
	h.k.lockDown()
	if !h.win.FullScreen() {
		t.Error("kiosk mode is not full screen")
	}
	h.k.Open(Route{Kind: RouteHome})
	before := h.screenText()
	h.k.closeRequested() // what the window does with a close request
	c := h.win.Canvas()
	for _, key := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyF4, fyne.KeyTab, fyne.KeyF11, fyne.KeyBackspace} {
		c.OnTypedKey()(&fyne.KeyEvent{Name: key})
	}
	c.OnTypedRune()('f')
	if h.k.Route().Kind != RouteHome || h.screenText() != before || left != 0 {
		t.Errorf("kiosk mode gave way: route %v, left %d", h.k.Route(), left)
	}
	if !strings.Contains(logged.String(), "close the window was ignored") {
		t.Errorf("the close request is not logged: %q", logged.String())
	}

	// Counter staff have no way out; an admin has, at the second tap.
	h.addStaff("lan", "Nguyễn Thị Lan", kiosk.RoleStaff, "4821")
	h.addStaff("admin", "Trưởng bộ phận", kiosk.RoleAdmin, "9753")
	h.logIn("lan", "4821")
	if strings.Contains(h.screenText(), h.k.t("kiosk_leave")) {
		t.Error("counter staff are offered to leave kiosk mode")
	}
	h.k.logout("logout")
	h.k.reset(kiosk.EndIdle)
	h.logIn("admin", "9753")
	h.tap(h.k.t("kiosk_leave"))
	if left != 0 || !strings.Contains(h.screenText(), h.k.t("kiosk_leave_again")) {
		t.Fatalf("one tap: left %d: %s", left, h.screenText())
	}
	h.tap(h.k.t("kiosk_leave_again"))
	if left != 1 {
		t.Fatalf("two taps: left %d", left)
	}
	log, _ := h.db().AuditLog(context.Background(), time.Time{}, h.clock.Now().Add(time.Hour))
	if last := log[len(log)-1]; last.Detail != "left kiosk mode" {
		t.Errorf("leaving is not audited: %+v", last)
	}
}

// A notice for admins (a damaged database set aside at the start) is on
// the admin's home, and not on a counter clerk's.
func TestAdminNotice(t *testing.T) {
	h := newHarness(t, sizes["1080x1920"])
	const notice = "Cơ sở dữ liệu bị hỏng đã được cất riêng. Chạy: kiosk db recover"
	h.k.adminNotice = notice
	h.addStaff("lan", "Nguyễn Thị Lan", kiosk.RoleStaff, "4821")
	h.addStaff("admin", "Trưởng bộ phận", kiosk.RoleAdmin, "9753")
	h.logIn("lan", "4821")
	if strings.Contains(h.screenText(), notice) {
		t.Error("a counter clerk is shown the admin's notice")
	}
	h.k.logout("logout")
	h.k.reset(kiosk.EndIdle)
	h.logIn("admin", "9753")
	if !strings.Contains(h.screenText(), notice) {
		t.Errorf("the admin's home lacks the notice: %s", h.screenText())
	}
	if !strings.Contains(h.screenText(), h.k.t("numbers_title")) {
		t.Errorf("the admin's tiles are gone: %s", h.screenText())
	}
	h.auditScreen(t, "admin home with a notice", sizes["1080x1920"], h.pack.Settings.MinTextPx)
	// The shortest screen too: nothing cut off.
	h.win.Resize(sizes["1366x768"])
	h.k.redraw()
	h.auditScreen(t, "admin home with a notice", sizes["1366x768"], h.pack.Settings.MinTextPx)
}
