package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/report"
)

// TestAskForHelp: "Nhờ cán bộ" is on every resident screen; it says where
// the counter is, chimes, is counted once per tap in the admin's numbers,
// and any tap closes it. Staff screens do not offer it.
func TestAskForHelp(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.tap("Chạm vào màn hình")
	for _, r := range []Route{{Kind: RouteHome}, {Kind: RouteCategory, Arg: "ho-tich"}, {Kind: RouteSearch},
		{Kind: RouteTutorials}, {Kind: RouteTutorial, Arg: "vneid"}} {
		h.k.navigate(r)
		if h.findTile(h.k.t("help_button")) == nil {
			t.Errorf("%v offers no %q", r, h.k.t("help_button"))
		}
	}
	h.k.navigate(Route{Kind: RouteProcedure, Arg: "1.001193"})
	beeps := h.beeps
	h.tap(h.k.t("help_button"))
	if h.beeps != beeps+1 {
		t.Error("no chime for the counter")
	}
	txt := h.screenText()
	for _, want := range []string{h.k.t("help_title"), h.k.t("help_place_here")} {
		if !strings.Contains(txt, want) {
			t.Errorf("the card lacks %q", want)
		}
	}
	h.tap(h.k.t("help_close"))
	if h.k.help.showing() {
		t.Error("Đóng left the card up")
	}
	h.tap(h.k.t("help_button"))
	h.tap(h.k.t("help_close"))
	if h.k.Route().Kind != RouteProcedure {
		t.Errorf("asking for help left the screen for %v", h.k.Route())
	}
	if n := count(h.visitEvents(), kiosk.EventHelp, "procedure:1.001193"); n != 2 {
		t.Errorf("%d help requests recorded, want 2: %v", n, h.visitEvents())
	}
	rows, err := (&report.Tallies{Store: h.db()}).Visits(context.Background(), report.HelpRequests,
		h.clock.Now().Add(-time.Hour), h.clock.Now().Add(time.Hour), report.ByDay)
	if err != nil || len(rows) != 1 || rows[0].Count != 2 {
		t.Errorf("help requests by day: %+v %v", rows, err)
	}

	// The counter's place, when the pack names it.
	h.k.pack.Settings.CounterPlace = "Quầy số 3, tầng 1"
	h.tap(h.k.t("help_button"))
	if !strings.Contains(h.screenText(), "Quầy số 3, tầng 1") {
		t.Error("the card does not name the counter's place")
	}

	// Staff screens have no such button.
	h.addStaff("lan", "Chị Lan", kiosk.RoleStaff, "4821")
	h.k.Open(Route{Kind: RoutePIN, Arg: "lan"})
	h.k.login("lan", "4821")
	if h.findTile(h.k.t("help_button")) != nil {
		t.Error("staff home offers Nhờ cán bộ")
	}
}
