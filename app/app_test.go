package app

import (
	"context"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"onestop/assets"
	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/report"
	"onestop/kiosk/store"
)

var updateShots = flag.Bool("update-screenshots", false, "write the screenshots under packaging/screenshots")

// pictureCache is shared by the tests' kiosks, as a running kiosk's cache
// is shared by its screens, so each poster is drawn once per test run.
var pictureCache string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "kiosk-pictures-")
	if err != nil {
		panic(err)
	}
	pictureCache = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// harness is a kiosk on Fyne's test driver with a real store.
type harness struct {
	t       testing.TB
	k       *Kiosk
	win     fyne.Window
	clock   *fakeClock
	store   *store.Store
	pack    *content.Pack
	beeps   int
	speaker *fakeSpeaker
	printed []string // the files sent to the report's printer
}

func defaultPack(t testing.TB) *content.Pack {
	t.Helper()
	p, err := content.Load(assets.Content(), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// harnessDay is when the tests' kiosks run: a Friday morning in Vietnam,
// within the default pack's opening hours.
var harnessDay = time.Date(2026, 10, 9, 9, 0, 0, 0, report.ReportZone)

func newHarness(t testing.TB, size fyne.Size) *harness {
	t.Helper()
	return newHarnessWith(t, size, defaultPack(t))
}

// newHarnessWith is a kiosk on another pack.
func newHarnessWith(t testing.TB, size fyne.Size, pack *content.Pack) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	h := &harness{t: t, clock: &fakeClock{now: harnessDay}, pack: pack}
	s, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	h.store = s
	h.win = a.NewWindow("kiosk")
	h.win.Resize(size)
	visits := &kiosk.Visits{Store: s, KioskID: "TEST", Clock: h.clock}
	h.speaker = &fakeSpeaker{volume: 1}
	staff := StaffOptions{Roster: &kiosk.Roster{Store: s, Clock: h.clock},
		Desk: &kiosk.Desk{Store: s, KioskID: "TEST", Site: h.pack.Settings.SiteName, Clock: h.clock, Places: h.pack.Settings.Places,
			Procedures: func(c string) bool { _, ok := h.pack.Procedure(c); return ok }},
		Settings: &kiosk.Settings{Store: s, Clock: h.clock},
		Tallies:  &report.Tallies{Store: s},
		Exporter: &report.Exporter{Store: s},
		Reports:  report.NewReports(s, h.pack.Settings)}
	k, err := New(a, h.win, Options{Pack: h.pack, Words: assets.I18n(), Visits: visits, Clock: h.clock,
		Beep: func() { h.beeps++ }, Speaker: h.speaker, CacheDir: pictureCache, Staff: staff})
	if err != nil {
		t.Fatal(err)
	}
	h.k = k
	k.background = func(f func()) { f() } // no goroutine racing the test's own
	k.later = func(_ time.Duration, f func()) { f() }
	k.reportsDir = filepath.Join(t.TempDir(), "report")
	k.reportDevices = reportDevices{
		defaultPrinter: func() (string, error) { return "Máy in văn phòng", nil },
		print:          func(file string) error { h.printed = append(h.printed, file); return nil },
		preview:        report.PreviewPDF,
	}
	<-k.prewarmed // every picture drawn, so captures show them
	k.Open(Route{Kind: "attract"})
	h.win.Resize(size)
	t.Cleanup(func() {
		if m := k.Missing(); len(m) > 0 {
			t.Errorf("words missing from the translations: %v", m)
		}
	})
	return h
}

// objects lists everything drawn in the window, overlays included.
func (h *harness) objects() []fyne.CanvasObject {
	return test.LaidOutObjects(h.win.Canvas().Content())
}

// texts gathers the text of a tile, or of any object.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, c := range test.LaidOutObjects(o) {
		if rt, ok := c.(*widget.RichText); ok {
			b.WriteString(rt.String())
			b.WriteString(" ")
		}
	}
	return b.String()
}

// tiles lists the visible tiles, top-most (drawn last) first.
func (h *harness) tiles() []*tile {
	var out []*tile
	for _, o := range h.objects() {
		if t, ok := o.(*tile); ok && t.Visible() {
			out = append([]*tile{t}, out...)
		}
	}
	return out
}

// tap taps the first tile whose own text contains label.
func (h *harness) tap(label string) {
	h.t.Helper()
	for _, t := range h.tiles() {
		if t.content != nil && strings.Contains(texts(t.content), label) && !t.disabled {
			test.Tap(t)
			return
		}
	}
	h.t.Fatalf("no tile says %q on %s; tiles: %v", label, h.k.Route(), h.tileLabels())
}

func (h *harness) tileLabels() []string {
	var out []string
	for _, t := range h.tiles() {
		out = append(out, strings.TrimSpace(texts(t.content)))
	}
	return out
}

// screenText is all the text on the screen.
func (h *harness) screenText() string { return texts(h.win.Canvas().Content()) }

func (h *harness) capture() image.Image { return h.win.Canvas().Capture() }

func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		savePNG(t, img, filepath.Join(t.TempDir(), "undecodable.png"))
		t.Fatalf("no QR code could be read from the screen: %v", err)
	}
	return res.GetText()
}

func savePNG(t testing.TB, img image.Image, file string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// sizes are the screens the UI tests run at: the counter's landscape
// screens and the portrait standing kiosk.
var sizes = map[string]fyne.Size{"1366x768": fyne.NewSize(1366, 768), "1920x1080": fyne.NewSize(1920, 1080), "1080x1920": fyne.NewSize(1080, 1920)}

// TestResidentPath walks attract -> home -> category -> procedure and reads
// the QR code off the drawn screen.
func TestResidentPath(t *testing.T) {
	for name, size := range sizes {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, size)
			if h.k.Route().Kind != "attract" {
				t.Fatalf("starts on %s", h.k.Route())
			}
			if h.k.visits.Current() != "" {
				t.Fatal("a visit began before any tap")
			}
			h.tap("Chạm vào màn hình")
			if h.k.Route().Kind != "home" {
				t.Fatalf("tap on attract went to %s", h.k.Route())
			}
			h.tap("Hộ tịch")
			if h.k.Route().String() != "category/ho-tich" {
				t.Fatalf("category tile went to %s", h.k.Route())
			}
			h.tap("Đăng ký khai sinh")
			if h.k.Route().String() != "procedure/1.001193" {
				t.Fatalf("procedure tile went to %s", h.k.Route())
			}
			p, _ := h.pack.Procedure("1.001193")
			if got := decodeQR(t, h.capture()); got != p.QR[0].URL {
				t.Errorf("QR reads %q, want %q", got, p.QR[0].URL)
			}
			if !strings.Contains(h.screenText(), "Quét mã bằng điện thoại") {
				t.Error("no caption under the QR code")
			}
			// The second target shows its own code.
			if len(p.QR) > 1 {
				h.tap(p.QR[1].Label)
				if got := decodeQR(t, h.capture()); got != p.QR[1].URL {
					t.Errorf("second QR reads %q, want %q", got, p.QR[1].URL)
				}
			}
			// Back returns through the history, home goes home.
			h.tap("Quay lại")
			if h.k.Route().String() != "category/ho-tich" {
				t.Errorf("back went to %s", h.k.Route())
			}
			h.tap("Trang chủ")
			if h.k.Route().Kind != "home" {
				t.Errorf("home went to %s", h.k.Route())
			}

			// The visit was recorded, anonymously.
			id := h.k.visits.Current()
			events, err := h.db().Events(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			var kinds []string
			for _, e := range events {
				kinds = append(kinds, string(e.Kind)+":"+e.Screen+e.Procedure)
			}
			want := []string{"screen:home", "screen:category", "procedure:procedure1.001193", "screen:procedure", "qr:procedure1.001193"}
			for _, w := range want {
				if !strings.Contains(strings.Join(kinds, " "), w) {
					t.Errorf("events %v lack %s", kinds, w)
				}
			}
		})
	}
}

func TestCategoryPaging(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.k.Open(Route{Kind: "home"})
	h.k.visit.textStep = len(textSteps) - 1 // the largest text makes the list longest
	h.k.applyTheme()
	h.k.navigate(Route{Kind: "category", Arg: "ho-tich"})
	all := h.pack.InCategory("ho-tich")
	seen := map[string]bool{}
	for page := 0; page < 20; page++ {
		txt := h.screenText()
		for _, p := range all {
			if strings.Contains(txt, p.Name) {
				seen[p.Code] = true
			}
		}
		if !strings.Contains(txt, "Trang ") {
			break
		}
		next := h.findTile("Trang sau")
		if next == nil || next.disabled {
			break
		}
		test.Tap(next)
	}
	if len(seen) != len(all) {
		t.Errorf("paging showed %d of %d procedures", len(seen), len(all))
	}
}

func (h *harness) findTile(label string) *tile {
	for _, t := range h.tiles() {
		if strings.Contains(texts(t.content), label) {
			return t
		}
	}
	return nil
}

func TestSearchWithKeypad(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.tap("Chạm vào màn hình")
	h.tap("Tìm thủ tục")
	if h.k.Route().Kind != "search" {
		t.Fatalf("search tile went to %s", h.k.Route())
	}
	for _, key := range []string{"k", "h", "a", "i"} {
		h.tapKey(key)
	}
	h.tapKey("Dấu cách")
	for _, key := range []string{"s", "i", "n", "h"} {
		h.tapKey(key)
	}
	if h.k.visit.query != "khai sinh" {
		t.Fatalf("typed %q", h.k.visit.query)
	}
	h.tapKey(h.k.t("key_backspace"))
	h.tapKey("h")
	// A tone key marks the right vowel.
	h.tapKey("á")
	if h.k.visit.query != "khai sính" {
		t.Errorf("tone key gave %q", h.k.visit.query)
	}
	h.tapKey("á")
	if h.k.visit.query != "khai sinh" {
		t.Errorf("tone key again gave %q", h.k.visit.query)
	}
	h.tap("Đăng ký khai sinh")
	if h.k.Route().String() != "procedure/1.001193" {
		t.Fatalf("result went to %s", h.k.Route())
	}
	// The search is recorded by where it led, never by the text typed.
	events, _ := h.db().Events(context.Background(), h.k.visits.Current())
	found := false
	for _, e := range events {
		if e.Kind == kiosk.EventSearch {
			found = e.Procedure == "1.001193"
		}
		if e.Kind == kiosk.EventQR {
			continue // its detail is the address of the content's own QR target
		}
		for _, f := range []string{e.Detail, e.Screen, e.Procedure} {
			if strings.Contains(f, "khai") {
				t.Errorf("typed text recorded: %+v", e)
			}
		}
	}
	if !found {
		t.Errorf("no search event for 1.001193 in %+v", events)
	}
	// Back to the search keeps what was typed.
	h.tap("Quay lại")
	if h.k.Route().Kind != "search" || !strings.Contains(h.screenText(), "khai sinh") {
		t.Errorf("back to search lost the query: %s %q", h.k.Route(), h.k.visit.query)
	}
	h.tapKey("Xóa hết")
	if h.k.visit.query != "" {
		t.Errorf("clear left %q", h.k.visit.query)
	}
}

// tapKey taps the keypad key whose label is exactly label.
func (h *harness) tapKey(label string) {
	h.t.Helper()
	for _, t := range h.tiles() {
		if strings.TrimSpace(texts(t.content)) == label {
			test.Tap(t)
			return
		}
	}
	h.t.Fatalf("no key %q", label)
}

func TestSearchOpenRoute(t *testing.T) {
	h := newHarness(t, sizes["1920x1080"])
	h.k.Open(Route{Kind: "search", Arg: "tam tru"})
	if !strings.Contains(h.screenText(), "Đăng ký tạm trú") {
		t.Errorf("search/tam tru does not show Đăng ký tạm trú: %s", h.screenText())
	}
}

func TestIdleReset(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.tap("Chạm vào màn hình")
	visit := h.k.visits.Current()
	if visit == "" {
		t.Fatal("the first tap began no visit")
	}
	h.tap("English")
	h.tapTextSize()
	h.tap("High contrast")
	for i := 0; i < 3 && h.findTile("Find a procedure") == nil; i++ { // at a larger text size the search may be on a later page
		h.tap("Next")
	}
	h.tap("Find a procedure")
	h.tapKey("k")
	if h.k.visit.lang != "en" || h.k.visit.textStep != 1 || !h.k.visit.highContrast || h.k.visit.query != "k" {
		t.Fatalf("settings not taken: %s %d %v %q", h.k.visit.lang, h.k.visit.textStep, h.k.visit.highContrast, h.k.visit.query)
	}

	// Quiet, but not long enough.
	h.clock.Add(59 * time.Second)
	h.k.Tick()
	if h.k.warn.showing() {
		t.Fatal("warning before the idle time")
	}
	// The warning, on screen and with a sound.
	h.clock.Add(time.Second)
	h.k.Tick()
	if !h.k.warn.showing() || h.beeps != 1 {
		t.Fatalf("no warning at 60 s (showing %v, beeps %d)", h.k.warn.showing(), h.beeps)
	}
	if !strings.Contains(h.screenText(), "10 seconds") {
		t.Errorf("countdown not shown: %s", h.screenText())
	}
	h.clock.Add(3 * time.Second)
	h.k.Tick()
	if !strings.Contains(h.screenText(), "7 seconds") {
		t.Errorf("countdown did not count: %s", h.screenText())
	}
	// "I am still here" keeps everything.
	h.tap("I am still here")
	if h.k.warn.showing() || h.k.Route().Kind != "search" || h.k.visit.query != "k" {
		t.Fatalf("carry on lost the screen: %v %s %q", h.k.warn.showing(), h.k.Route(), h.k.visit.query)
	}
	// Then quiet to the end: back to the attract loop, everything forgotten.
	h.clock.Add(60 * time.Second)
	h.k.Tick()
	h.clock.Add(10 * time.Second)
	h.k.Tick()
	if h.k.Route().Kind != "attract" {
		t.Fatalf("after the countdown the kiosk shows %s", h.k.Route())
	}
	if h.k.visit.lang != "vi" || h.k.visit.textStep != 0 || h.k.visit.highContrast || h.k.visit.query != "" || len(h.k.visit.history) != 0 {
		t.Errorf("the last resident's choices survived: %s %d %v %q %v", h.k.visit.lang, h.k.visit.textStep, h.k.visit.highContrast, h.k.visit.query, h.k.visit.history)
	}
	if h.k.visits.Current() != "" {
		t.Error("the visit is still open")
	}
	vs, _ := h.db().Visits(context.Background(), h.clock.Now().Add(-time.Hour), h.clock.Now())
	if len(vs) != 1 || vs[0].ID != visit || vs[0].EndReason != kiosk.EndIdle || vs[0].Duration != 2*time.Minute+13*time.Second {
		t.Errorf("visit recorded as %+v", vs)
	}
	// On the attract loop nothing counts down.
	h.clock.Add(time.Hour)
	h.k.Tick()
	if h.k.warn.showing() || h.beeps != 2 {
		t.Errorf("idle ran on the attract loop (warning %v, beeps %d)", h.k.warn.showing(), h.beeps)
	}
	// The search screen starts empty for the next person.
	h.tap("Chạm vào màn hình")
	h.tap("Tìm thủ tục")
	if strings.Contains(h.screenText(), "k"+cursor) {
		t.Error("the next person sees the last search")
	}
}

func TestAttractLoopChangesPoster(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	first := h.attract().current()
	h.clock.Add(h.pack.Settings.PosterInterval() - time.Second)
	h.attract().tick(h.clock.Now())
	if h.attract().current() != first {
		t.Fatal("poster changed early")
	}
	h.clock.Add(time.Second)
	h.attract().tick(h.clock.Now())
	second := h.attract().current()
	if second == first {
		t.Fatal("poster did not change")
	}
	if !strings.Contains(h.screenText(), second.Headline) {
		t.Errorf("new poster not drawn: %s", h.screenText())
	}
}

func TestNoticeForStaff(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("kiosk")
	w.Resize(sizes["1366x768"])
	_, err := New(a, w, Options{Pack: defaultPack(t), Words: assets.I18n(), Notice: "Nội dung bị lỗi"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(texts(w.Canvas().Content()), "Nội dung bị lỗi") {
		t.Error("the staff notice is not on the attract screen")
	}
}

// db is the harness's store once every visit record queued is written.
func (h *harness) db() *store.Store {
	h.k.visits.Flush()
	return h.store
}

// lesson is the lesson on screen, or nil.
func (h *harness) lesson() *lessonPlayer {
	if s, ok := h.k.cur.(*tutorialScreen); ok {
		return s.p
	}
	return nil
}

// attract is the poster loop on screen, or nil.
func (h *harness) attract() *attractScreen {
	s, _ := h.k.cur.(*attractScreen)
	return s
}

// textSize finds the text-size button (three "A"s, no word) and which
// size it marks, from 0.
func (h *harness) textSize() (*tile, int) {
	h.t.Helper()
	for _, t := range h.tiles() {
		var letters []*canvas.Text
		marked := -1
		for _, o := range test.LaidOutObjects(t.content) {
			switch o := o.(type) {
			case *canvas.Text:
				if o.Text == "A" {
					letters = append(letters, o)
				}
			case *canvas.Rectangle:
				if _, _, _, a := o.FillColor.RGBA(); a != 0 {
					marked = len(letters) // the mark is drawn just before its letter
				}
			}
		}
		if len(letters) == len(textSteps) {
			return t, marked
		}
	}
	h.t.Fatal("no text-size button")
	return nil, 0
}

// tapTextSize taps the text-size button.
func (h *harness) tapTextSize() {
	h.t.Helper()
	t, _ := h.textSize()
	test.Tap(t)
}
