package app

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"onestop/kiosk"
)

// visitEvents lists the open visit's events as "kind:screen:procedure:detail".
func (h *harness) visitEvents() []string {
	h.t.Helper()
	events, err := h.db().Events(context.Background(), h.k.visits.Current())
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, e := range events {
		out = append(out, fmt.Sprintf("%s:%s:%s:%s", e.Kind, e.Screen, e.Procedure, e.Detail))
	}
	return out
}

// count counts the events of a kind, and of those, the ones whose line
// holds want.
func count(events []string, kind kiosk.EventKind, want string) int {
	n := 0
	for _, e := range events {
		if strings.HasPrefix(e, string(kind)+":") && strings.Contains(e, want) {
			n++
		}
	}
	return n
}

// TestEventsCountedOnce: text size, contrast, language, narration, tabs
// and paging redraw a procedure screen many times; the visit still holds
// one procedure view, and one QR code shown for each target the resident
// chose to see.
func TestEventsCountedOnce(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	p, _ := h.pack.Procedure("1.004222") // the portal's page and VNeID
	if len(p.QR) < 2 {
		t.Fatal("the test needs a procedure with two QR targets")
	}
	c, _ := h.pack.Category(p.Category)
	h.tap("Chạm vào màn hình")
	h.tap(c.Name.VI)
	h.tap(p.Name)

	h.tapTextSize()             // 2/3
	h.tapTextSize()             // 3/3
	h.tap(h.k.t("contrast_on")) // high contrast
	h.tap(h.k.words["en"]["language_name"])
	h.tap(h.k.words["vi"]["language_name"])
	h.tap(h.k.t("listen"))
	h.waitSaid(1)
	h.tapTab(1)
	h.tapTab(2)
	h.tapTab(0)
	if h.findTile(h.k.t("next_page")) != nil {
		h.tap(h.k.t("next_page"))
	}
	h.tap(p.QR[1].Label) // the resident looks at the second code...
	h.tap(p.QR[0].Label) // ...and back at the first
	h.tap(p.QR[1].Label)
	if got := decodeQR(t, h.capture()); got != p.QR[1].URL {
		t.Fatalf("the second target's code reads %q", got)
	}

	events := h.visitEvents()
	if n := count(events, kiosk.EventProcedure, p.Code); n != 1 {
		t.Errorf("%d procedure views, want 1: %v", n, events)
	}
	for _, q := range p.QR {
		if n := count(events, kiosk.EventQR, q.URL); n != 1 {
			t.Errorf("%s shown %d times, want 1: %v", q.Label, n, events)
		}
	}
	if n := count(events, kiosk.EventScreen, "procedure"); n != 1 {
		t.Errorf("%d views of the procedure screen, want 1", n)
	}
	if n := count(events, kiosk.EventSetting, ""); n != 5 {
		t.Errorf("%d setting changes, want 5 (two sizes, contrast, two languages): %v", n, events)
	}

	// Back to the procedure is a new view of it: the resident chose it again.
	h.tap(h.k.t("back"))
	h.tap(p.Name)
	events = h.visitEvents()
	if n := count(events, kiosk.EventProcedure, p.Code); n != 2 {
		t.Errorf("%d procedure views after coming back, want 2", n)
	}
}

// TestLessonEventsCountedOnce: a lesson redrawn for a new text size or
// language is started once, and its end's code is shown once.
func TestLessonEventsCountedOnce(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.tap("Chạm vào màn hình")
	h.k.navigate(Route{Kind: RouteTutorial, Arg: "khai-sinh"})
	h.tapTextSize()
	h.tap(h.k.words["en"]["language_name"])
	l := h.lesson()
	for l.rule.State() != kiosk.Finished {
		l.apply(l.rule.Next(h.clock.Now()))
	}
	h.tapTextSize()
	h.tap(h.k.t("contrast_on"))
	events := h.visitEvents()
	if n := count(events, kiosk.EventLessonStart, "khai-sinh"); n != 1 {
		t.Errorf("%d lesson starts, want 1: %v", n, events)
	}
	if n := count(events, kiosk.EventLessonDone, "khai-sinh"); n != 1 {
		t.Errorf("%d lessons done, want 1", n)
	}
	if n := count(events, kiosk.EventQR, ""); n != 1 {
		t.Errorf("%d codes shown at the end, want 1: %v", n, events)
	}
}

// TestIdleResetForgetsTheVisit: what one resident set or typed (the
// search, text size, contrast, language, sound, a page, a half-typed
// PIN) is gone for the next.
func TestIdleResetForgetsTheVisit(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.addStaff("lan", "Chị Lan", kiosk.RoleStaff, "4821")
	s := h.pack.Settings
	h.tap("Chạm vào màn hình")
	h.tapTextSize()
	h.tapTextSize()
	h.tap(h.k.t("contrast_on"))
	h.tap(h.k.words["en"]["language_name"])
	h.k.navigate(Route{Kind: RouteCategory, Arg: "ho-tich"})
	h.tap(h.k.t("next_page"))
	if page := h.k.cur.(*categoryScreen).page; page != 1 {
		t.Fatalf("on page %d", page+1)
	}
	h.k.navigate(Route{Kind: RouteSearch})
	h.tapKey("k")
	h.tapKey("h")
	h.tap(h.k.t("key_order_az"))
	h.k.visit.muted = true
	h.gesture()
	h.tap("Chị Lan")
	h.tapKey("4")
	h.tapKey("8")
	old := h.k.visit

	h.clock.Add(s.IdleTimeout())
	h.k.Tick()
	h.clock.Add(s.WarnTimeout())
	h.k.Tick()
	if h.k.Route().Kind != RouteAttract {
		t.Fatalf("not reset: on %v", h.k.Route())
	}
	v := h.k.visit
	if v == old {
		t.Fatal("the visit value was kept")
	}
	if !reflect.DeepEqual(v, newVisit(h.k.settings.Volume)) {
		t.Errorf("the next resident finds %+v", *v)
	}
	if th, ok := h.k.app.Settings().Theme().(*kioskTheme); !ok || !reflect.DeepEqual(th.colors, standardColors) || th.step != textSteps[0] {
		t.Errorf("the theme stayed: %+v", h.k.app.Settings().Theme())
	}

	// What the next resident finds on the same screens.
	h.tap(h.k.t("touch_to_start"))
	h.k.navigate(Route{Kind: RouteCategory, Arg: "ho-tich"})
	if page := h.k.cur.(*categoryScreen).page; page != 0 {
		t.Errorf("the category opens on page %d", page+1)
	}
	h.k.navigate(Route{Kind: RouteSearch})
	if h.k.visit.query != "" || strings.Contains(h.screenText(), "kh"+cursor) {
		t.Error("the search shows the last resident's text")
	}
	h.gesture()
	h.tap("Chị Lan")
	if typed := h.k.cur.(*pinScreen).typed; typed != "" {
		t.Errorf("the PIN pad holds %q", typed)
	}
}

// TestRecordingDoesNotWaitForTheDisk: a tap queues its events; they reach
// the database within the recorder's interval, without a flush.
func TestRecordingDoesNotWaitForTheDisk(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.k.visits.Interval = 50 * time.Millisecond
	h.tap("Chạm vào màn hình")
	h.tap("Hộ tịch")
	id := h.k.visits.Current()
	deadline := time.Now().Add(10 * time.Second)
	for {
		events, err := h.store.Events(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if count(eventsLines(events), kiosk.EventScreen, "category") == 1 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the category view was not written by itself: %v", eventsLines(events))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func eventsLines(events []kiosk.Event) []string {
	var out []string
	for _, e := range events {
		out = append(out, fmt.Sprintf("%s:%s:%s:%s", e.Kind, e.Screen, e.Procedure, e.Detail))
	}
	return out
}

// TestTextSizePicture: the text-size button marks the size in use among
// its three "A"s, and steps through them.
func TestTextSizePicture(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.k.Open(Route{Kind: RouteHome})
	for want := range 2 * len(textSteps) {
		if _, marked := h.textSize(); marked != want%len(textSteps) {
			t.Fatalf("size %d in use, the button marks %d", want%len(textSteps)+1, marked+1)
		}
		h.tapTextSize()
	}
}

// TestKeypadInAlphabetOrder: the keypad's letters can be put in the order
// of the Vietnamese alphabet and back; typing works the same; the choice
// is the visit's.
func TestKeypadInAlphabetOrder(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.tap("Chạm vào màn hình")
	h.k.navigate(Route{Kind: RouteSearch})
	h.tapKey("k")
	h.tap(h.k.t("key_order_az"))
	labels := strings.Join(h.tileLabels(), " ")
	if !strings.Contains(labels, "a ă â b c d đ e ê g h i") && !strings.Contains(reverse(h.tileLabels()), "a ă â b c d đ e ê g h i") {
		t.Fatalf("no alphabet row: %s", labels)
	}
	h.tapKey("h")
	h.tapKey("a")
	if h.k.visit.query != "kha" {
		t.Errorf("typed %q", h.k.visit.query)
	}
	h.k.navigate(Route{Kind: RouteHome})
	h.k.navigate(Route{Kind: RouteSearch})
	if h.findTile(h.k.t("key_order_qwerty")) == nil {
		t.Error("the alphabet order was not kept for the visit")
	}
	h.tap(h.k.t("key_order_qwerty"))
	if h.k.visit.alphabetical {
		t.Error("back to QWERTY did not take")
	}
}

// reverse joins labels last first (tiles lists the top-most first).
func reverse(labels []string) string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[len(labels)-1-i] = l
	}
	return strings.Join(out, " ")
}

// TestNarrowKeypadHasEveryKey: on an 800 px tablet the keypad comes ten
// keys a row, with the same keys as the wide one, in either order.
func TestNarrowKeypadHasEveryKey(t *testing.T) {
	keys := func(size fyne.Size, alphabetical bool) (labels []string, widest float32) {
		h := newHarness(t, size)
		h.tap("Chạm vào màn hình")
		h.k.visit.alphabetical = alphabetical
		h.k.navigate(Route{Kind: RouteSearch})
		for _, tl := range h.tiles() {
			if tl.style == styleTile || tl.style == styleAccent {
				if l := strings.TrimSpace(texts(tl.content)); len([]rune(l)) == 1 {
					labels = append(labels, l)
				}
			}
		}
		slices.Sort(labels)
		return labels, h.win.Canvas().Content().MinSize().Width
	}
	for _, alphabetical := range []bool{false, true} {
		wide, _ := keys(sizes["1366x768"], alphabetical)
		narrow, need := keys(fyne.NewSize(800, 1280), alphabetical)
		if !slices.Equal(wide, narrow) {
			t.Errorf("alphabetical %v: the narrow keypad has %v, the wide one %v", alphabetical, narrow, wide)
		}
		if len(wide) < 40 {
			t.Errorf("alphabetical %v: only %d one-letter keys", alphabetical, len(wide))
		}
		if need > 800 {
			t.Errorf("alphabetical %v: the search screen needs %.0f px at 800", alphabetical, need)
		}
	}
}
