package app

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"onestop/kiosk"
)

// TestBenchCoordinates writes, for scripts/bench.sh, where the bench's
// walk taps at a screen size (BENCH_SIZE, e.g. 1080x1920): the kiosk is
// laid out for its screen, so the places come from the layout itself, not
// from a list kept by hand. It runs only when BENCH_COORDS names the file
// to write.
func TestBenchCoordinates(t *testing.T) {
	file := os.Getenv("BENCH_COORDS")
	if file == "" {
		t.Skip("BENCH_COORDS is not set")
	}
	var w, hgt float32
	if _, err := fmt.Sscanf(os.Getenv("BENCH_SIZE"), "%fx%f", &w, &hgt); err != nil {
		t.Fatalf("BENCH_SIZE: %v", err)
	}
	h := newHarness(t, fyne.NewSize(w, hgt))
	h.addStaff("bench", "Cán bộ đo", kiosk.RoleStaff, "4821")
	var out strings.Builder
	at := func(name string, tl *tile) {
		t.Helper()
		if tl == nil {
			t.Fatalf("%s: nothing to tap on %s", name, h.k.Route())
		}
		p := fyne.CurrentApp().Driver().AbsolutePositionForObject(tl)
		s := tl.Size()
		fmt.Fprintf(&out, "%s=\"%.0f %.0f\"\n", name, p.X+s.Width/2, p.Y+s.Height/2)
	}
	must := func(label string) *tile {
		t.Helper()
		tl := h.findTile(label)
		if tl == nil {
			t.Fatalf("no tile %q on %s: %v", label, h.k.Route(), h.tileLabels())
		}
		return tl
	}
	fmt.Fprintf(&out, "START=\"%.0f %.0f\"\n", w/2, hgt/2)
	h.tap("Chạm vào màn hình")
	at("HOME_CATEGORY", must("Hộ tịch"))
	at("HOME_LESSONS", must(h.k.t("lessons_tile")))
	at("BAR_HOME", must(h.k.t("home")))
	h.tap("Hộ tịch")
	at("CATEGORY_PROCEDURE", must("Đăng ký khai sinh"))
	h.tap("Đăng ký khai sinh")
	at("BAR_BACK", must(h.k.t("back")))
	h.k.Open(Route{Kind: RouteTutorials})
	var lessons []string
	for _, tut := range h.pack.Tutorials {
		tl := must(tut.Title.In("vi"))
		p := fyne.CurrentApp().Driver().AbsolutePositionForObject(tl)
		lessons = append(lessons, fmt.Sprintf("%.0f %.0f %d", p.X+tl.Size().Width/2, p.Y+tl.Size().Height/2, len(tut.Steps)))
	}
	fmt.Fprintf(&out, "LESSONS=(%s)\n", `"`+strings.Join(lessons, `" "`)+`"`)
	h.k.Open(Route{Kind: RouteTutorial, Arg: h.pack.Tutorials[0].ID})
	at("LESSON_NEXT", must(h.k.t("lesson_next")))
	// Staff mode: the gesture's spot in the bar, the member, the PIN.
	h.k.Open(Route{Kind: RouteHome})
	for _, tl := range h.tiles() {
		if tl.style == styleClear && tl.onTap != nil && tl.Size().Width < w {
			at("GESTURE", tl)
			break
		}
	}
	h.k.Open(Route{Kind: RouteStaffPick})
	at("MEMBER", must("Cán bộ đo"))
	h.tap("Cán bộ đo")
	var keys []string
	for _, d := range "4821" {
		tl := h.tileWithText(string(d))
		p := fyne.CurrentApp().Driver().AbsolutePositionForObject(tl)
		keys = append(keys, fmt.Sprintf("%.0f %.0f", p.X+tl.Size().Width/2, p.Y+tl.Size().Height/2))
	}
	fmt.Fprintf(&out, "PIN=(%s)\n", `"`+strings.Join(keys, `" "`)+`"`)
	at("PIN_OK", must(h.k.t("pin_ok")))
	h.k.login("bench", "4821")
	h.k.Open(Route{Kind: RouteStaffHome})
	at("SESSION_START", must(h.k.t("session_start")))
	at("LOGOUT", must(h.k.t("staff_logout")))
	h.tap(h.k.t("session_start"))
	at("SESSION_END", must(h.k.t("session_end")))
	h.tap(h.k.t("session_end"))
	at("RATE_SKIP", must(h.k.t("rate_skip")))
	if err := os.WriteFile(file, []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// tileWithText is the tile whose whole text is s (a key of a keypad).
func (h *harness) tileWithText(s string) *tile {
	h.t.Helper()
	for _, t := range h.tiles() {
		if strings.TrimSpace(texts(t.content)) == s {
			return t
		}
	}
	h.t.Fatalf("no tile says %q on %s", s, h.k.Route())
	return nil
}
