package app

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/report"
	"onestop/kiosk/slip"
)

// packAt is the default pack set up for a kind of site.
func packAt(t testing.TB, kind content.SiteKind) *content.Pack {
	t.Helper()
	m := defaultPackFiles(t)
	settings := strings.Replace(string(m[content.SettingsFile].Data), `"site_kind": "commune_counter"`, `"site_kind": "`+string(kind)+`"`, 1)
	m[content.SettingsFile] = &fstest.MapFile{Data: []byte(settings)}
	p, err := content.Load(m, "test")
	if err != nil {
		t.Fatal(err)
	}
	if p.Settings.SiteKind != kind {
		t.Fatalf("the pack is for a %s site", p.Settings.SiteKind)
	}
	return p
}

// A commune counter shows its hours and the portal's hotline at the foot
// of the home screen and under its name on the posters; a postal point's
// own tile, lessons, words and hotline are not there.
func TestCommuneCounterShowsHours(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	text := h.screenText()
	for _, want := range []string{"Mở cửa: Thứ Hai – Thứ Sáu, 7:00–11:30, 13:30–17:00", "Tổng đài Cổng Dịch vụ công: 1800 1096"} {
		if !strings.Contains(text, want) {
			t.Errorf("the posters do not say %q:\n%s", want, text)
		}
	}
	h.tap("Chạm vào màn hình")
	text = h.screenText()
	if !strings.Contains(text, "Thứ Hai – Thứ Sáu, 7:00–11:30, 13:30–17:00") || !strings.Contains(text, "1800 1096") {
		t.Errorf("home does not show the hours and hotline:\n%s", text)
	}
	for _, not := range []string{"Qua bưu điện", "1900 54 54 81", "Quầy đang nghỉ"} {
		if strings.Contains(text, not) {
			t.Errorf("a commune counter, open, shows %q", not)
		}
	}
	h.k.askForHelp()
	if !strings.Contains(h.screenText(), "Quầy Một cửa ngay bên cạnh máy này") {
		t.Errorf("help card: %s", h.screenText())
	}
}

// Outside the hours the posters say, in large letters, when the counter
// opens again, and the help card says nobody is at the counter and whom to
// call; at the opening time the notice goes.
func TestOutsideHours(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.clock.now = time.Date(2026, 10, 9, 17, 30, 0, 0, report.ReportZone) // a Friday evening
	h.k.reset(kiosk.EndIdle)
	want := "Quầy đang nghỉ. Quầy mở lại lúc 7:00, Thứ Hai ngày 12/10."
	if !strings.Contains(h.screenText(), want) {
		t.Fatalf("the posters do not say %q:\n%s", want, h.screenText())
	}
	if !strings.Contains(h.screenText(), h.k.t("site_closed_learn")) {
		t.Errorf("the posters do not say the kiosk can still be used")
	}
	shot(t, h, "closed-attract")

	h.tap("Chạm vào màn hình")
	if !strings.Contains(h.screenText(), want) {
		t.Errorf("home does not say when the counter opens:\n%s", h.screenText())
	}
	shot(t, h, "closed-home")
	h.k.askForHelp()
	text := h.screenText()
	for _, w := range []string{"Quầy đang nghỉ", want, "Ông/Bà có thể gọi điện hỏi:", "1800 1096"} {
		if !strings.Contains(text, w) {
			t.Errorf("the help card does not say %q:\n%s", w, text)
		}
	}
	if strings.Contains(text, h.k.t("help_text")) {
		t.Error("the help card says staff will come while the counter is closed")
	}
	h.k.help.hide()

	// Sunday evening: tomorrow; Monday 06:59: today; 07:00: open.
	h.k.reset(kiosk.EndIdle)
	for _, c := range []struct {
		at   time.Time
		says string
	}{
		{time.Date(2026, 10, 11, 20, 0, 0, 0, report.ReportZone), "Quầy mở lại lúc 7:00 ngày mai."},
		{time.Date(2026, 10, 12, 6, 59, 0, 0, report.ReportZone), "Quầy mở lại lúc 7:00 hôm nay."},
		{time.Date(2026, 10, 12, 7, 0, 0, 0, report.ReportZone), ""},
		{time.Date(2026, 10, 12, 12, 0, 0, 0, report.ReportZone), "Quầy mở lại lúc 13:30 hôm nay."},
	} {
		h.clock.now = c.at
		h.k.Tick() // the notice follows the clock at the next poster
		text := h.screenText()
		if c.says == "" {
			if strings.Contains(text, "Quầy đang nghỉ") {
				t.Errorf("%v: still says closed:\n%s", c.at, text)
			}
		} else if !strings.Contains(text, c.says) {
			t.Errorf("%v: the posters do not say %q:\n%s", c.at, c.says, text)
		}
	}
}

// The hours are Vietnam's even on a machine whose clock is set to another
// zone: 02:00 UTC is 9:00 in Hà Nội, 10:30 UTC is 17:30.
func TestHoursInVietnam(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	for _, c := range []struct {
		at     time.Time
		closed bool
	}{
		{time.Date(2026, 10, 9, 2, 0, 0, 0, time.UTC), false},
		{time.Date(2026, 10, 9, 10, 30, 0, 0, time.UTC), true},
		{time.Date(2026, 10, 9, 9, 0, 0, 0, time.FixedZone("PST", -8*3600)), true}, // 00:00 on Saturday
	} {
		if got := h.k.closedNotice(c.at) != ""; got != c.closed {
			t.Errorf("%v: closed %v, want %v", c.at, got, c.closed)
		}
	}
}

// At a postal point the home screen has the post's tile, which holds the
// lessons on sending papers and receiving results by post; the words speak
// of the post office's staff; the post's hotline shows with the portal's.
func TestPostalPoint(t *testing.T) {
	dev := filepath.Join(t.TempDir(), "lp0") // stands for /dev/usb/lp0
	if err := os.WriteFile(dev, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, size := range sizes {
		t.Run(name, func(t *testing.T) {
			h := newHarnessWith(t, size, packAt(t, content.PostalPoint))
			printer, err := slip.OpenPrinter(dev)
			if err != nil {
				t.Fatal(err)
			}
			h.k.usePrinter(printer, slip.Dots58)
			text := h.screenText()
			if !strings.Contains(text, "Tổng đài Bưu điện: 1900 54 54 81") {
				t.Errorf("the posters do not show the post's hotline:\n%s", text)
			}
			if name == "1366x768" || name == "1080x1920" {
				shot(t, h, "postal-attract")
			}
			h.tap("Chạm vào màn hình")
			text = h.screenText()
			for _, w := range []string{"Qua bưu điện", "Gửi hồ sơ, nhận kết quả tại nhà", "1900 54 54 81", h.k.words["vi"]["home_sub_postal_point"]} {
				if !strings.Contains(text, w) {
					t.Errorf("home does not show %q:\n%s", w, text)
				}
			}
			if l := h.k.cur.(*homeScreen); l == nil {
				t.Fatal("not home")
			}
			if pages := h.pagedLists(); len(pages) != 1 || pages[0].pages != 1 {
				t.Errorf("home takes more than one page at a postal point: %d lists", len(pages))
			}
			if name == "1366x768" || name == "1080x1920" {
				shot(t, h, "postal-home")
			}
			h.k.askForHelp()
			if !strings.Contains(h.screenText(), "Quầy bưu điện ngay bên cạnh máy này") {
				t.Errorf("help card at a postal point: %s", h.screenText())
			}
			h.k.help.hide()

			h.tap("Qua bưu điện")
			text = h.screenText()
			for _, w := range []string{"Gửi hồ sơ qua bưu điện", "Nhận kết quả tại nhà"} {
				if !strings.Contains(text, w) {
					t.Errorf("the post's tile does not offer %q:\n%s", w, text)
				}
			}
			if name == "1366x768" || name == "1080x1920" {
				shot(t, h, "postal-category")
			}
			h.tap("Nhận kết quả tại nhà")
			l := h.lesson()
			if l == nil || l.tut.ID != "nhan-tai-nha" {
				t.Fatalf("the lesson did not open: %v", h.k.Route())
			}
			for l.rule.State() != kiosk.Finished {
				l.apply(l.rule.Next(h.clock.Now()))
			}
			if name == "1366x768" || name == "1080x1920" {
				shot(t, h, "postal-lesson-end")
			}
			if site := h.k.slipSite(); site.Ask != "Hỏi nhân viên" || len(site.Hotlines) != 2 || len(site.Hours) != 1 {
				t.Errorf("a postal point's slip says: %+v", site)
			}
			// The slip at the end of a lesson: its steps, to take home.
			h.tap(h.k.t("print_slip"))
			b, _ := os.ReadFile(dev)
			if len(b) < 1000 {
				t.Fatalf("the lesson's slip was not printed: %d bytes", len(b))
			}
			os.WriteFile(dev, nil, 0o600)
			if h.findTile(h.k.t("slip_printed")) == nil {
				t.Errorf("after printing the button reads: %s", h.screenText())
			}
			if n := count(h.visitEvents(), kiosk.EventSlip, ""); n != 1 {
				t.Errorf("%d slip events, want 1", n)
			}
		})
	}
}

// A commune counter offers no postal lessons, even by their address.
func TestCommuneHasNoPostalLessons(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.k.Open(Route{Kind: RouteTutorial, Arg: "nhan-tai-nha"})
	if h.lesson() != nil {
		t.Error("a postal lesson plays at a commune counter")
	}
	h.k.Open(Route{Kind: RouteTutorials})
	if strings.Contains(h.screenText(), "Nhận kết quả tại nhà") {
		t.Error("the lesson list offers a postal lesson at a commune counter")
	}
}

// The slip at the end of a lesson prints the lesson's steps with the code
// shown, and is offered only with a printer.
func TestLessonSlip(t *testing.T) {
	h := newHarness(t, sizes["1920x1080"])
	h.tap("Chạm vào màn hình")
	h.k.navigate(Route{Kind: RouteTutorial, Arg: "khai-sinh"})
	finish := func() {
		for h.lesson().rule.State() != kiosk.Finished {
			h.lesson().apply(h.lesson().rule.Next(h.clock.Now()))
		}
	}
	finish()
	if h.findTile(h.k.t("print_slip")) != nil {
		t.Fatal("In phiếu offered with no printer")
	}
	pr := &fakePrinter{}
	h.k.usePrinter(pr, slip.Dots80)
	h.k.redraw()
	h.tap(h.k.t("print_slip"))
	if len(pr.jobs) != 1 {
		t.Fatalf("%d slips printed", len(pr.jobs))
	}
	if n := count(h.visitEvents(), kiosk.EventSlip, "1.001193"); n != 1 {
		t.Errorf("%d slip events for the lesson's procedure, want 1", n)
	}
}

// shot writes a screenshot under packaging/screenshots with
// -update-screenshots, named for the window's shape.
func shot(t *testing.T, h *harness, name string) {
	t.Helper()
	h.k.drawing.Wait()
	img := h.capture()
	if colours := distinctColours(img); colours < 8 {
		t.Errorf("%s: the screen is nearly blank: %d colours", name, colours)
	}
	if *updateShots {
		suffix := ""
		if s := h.win.Canvas().Size(); s.Height > s.Width {
			suffix = "-portrait"
		}
		savePNG(t, img, filepath.Join("..", "packaging", "screenshots", name+suffix+"-standard.png"))
	}
}

// pagedLists are the paged lists on the screen.
func (h *harness) pagedLists() []*pagedList {
	var out []*pagedList
	for _, o := range h.objects() {
		if l, ok := o.(*pagedList); ok {
			out = append(out, l)
		}
	}
	return out
}

// TestPostalAudit runs the accessibility audit over what a postal point
// adds (its home, its tile's screen, its lessons) and over the screens
// outside the counter's hours, at every kiosk size: make test runs two
// combinations a size, make audit every text size in both themes and both
// languages.
func TestPostalAudit(t *testing.T) {
	all := os.Getenv("KIOSK_AUDIT_ALL") != ""
	langs := []string{"vi"}
	if all {
		langs = append(langs, "en")
	}
	evening := time.Date(2026, 10, 9, 17, 30, 0, 0, report.ReportZone)
	for si, name := range slices.Sorted(maps.Keys(auditSizes)) {
		size := auditSizes[name]
		for step := range textSteps {
			for _, hc := range []bool{false, true} {
				for _, lang := range langs {
					// make test's spread: at each size, text 1 in the
					// standard theme and the largest text in the other.
					if !all && !(step == 0 && !hc) && !(step == len(textSteps)-1 && hc == (si%2 == 0)) {
						continue
					}
					t.Run(fmt.Sprintf("%s/text%d/%s/%s", name, step+1, themeName(hc), lang), func(t *testing.T) {
						h := newHarnessWith(t, size, packAt(t, content.PostalPoint))
						var screens []auditedScreen
						for _, sc := range residentScreens(h) {
							switch {
							case sc.name == "attract", sc.name == "home", sc.name == "category-buu-dien",
								strings.HasPrefix(sc.name, "tutorial-gui-buu-dien-"), strings.HasPrefix(sc.name, "tutorial-nhan-tai-nha-"):
								screens = append(screens, sc)
							}
						}
						closed := func(route RouteKind) auditedScreen {
							return auditedScreen{string(route) + "-closed", func() {
								h.clock.now = evening
								h.k.Open(Route{Kind: route})
							}}
						}
						screens = append(screens, closed("attract"), closed("home"),
							auditedScreen{"help-card-closed", func() { h.k.Open(Route{Kind: "home"}); h.k.askForHelp() }})
						if len(screens) < 16 {
							t.Fatalf("only %d postal screens found", len(screens))
						}
						for _, sc := range screens {
							h.k.visit.textStep, h.k.visit.highContrast, h.k.visit.lang = step, hc, lang
							h.k.applyTheme()
							sc.open()
							h.k.drawing.Wait()
							h.auditScreen(t, sc.name, size, h.pack.Settings.MinTextPx)
							h.pixelAudit(t, sc.name)
						}
					})
				}
			}
		}
	}
}

func TestSiteTitle(t *testing.T) {
	for _, c := range []struct{ site, commune, want string }{
		{"Điểm hướng dẫn Dịch vụ công trực tuyến", "Xã Quỳnh Lưu", "Điểm hướng dẫn Dịch vụ công trực tuyến · Xã Quỳnh Lưu"},
		{"Bưu điện văn hóa xã Quỳnh Lưu", "Xã Quỳnh Lưu", "Bưu điện văn hóa xã Quỳnh Lưu"},
		{"Bưu điện văn hóa xã Quỳnh Lưu", "", "Bưu điện văn hóa xã Quỳnh Lưu"},
		{"", "Xã Quỳnh Lưu", "Xã Quỳnh Lưu"},
	} {
		if got := siteTitle(c.site, c.commune); got != c.want {
			t.Errorf("siteTitle(%q, %q) = %q, want %q", c.site, c.commune, got, c.want)
		}
	}
}
