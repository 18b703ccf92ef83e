package app

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"onestop/kiosk"
	"onestop/kiosk/report"
)

// residentScreens lists every screen a resident can reach, as the steps to
// get there from a fresh kiosk.
func residentScreens(h *harness) []auditedScreen {
	out := []auditedScreen{
		{"attract", func() { h.k.reset("test") }},
		{"home", func() { h.k.Open(Route{Kind: "home"}) }},
		{"search", func() { h.k.Open(Route{Kind: "search"}) }},
		{"search-results", func() { h.k.Open(Route{Kind: "search", Arg: "dang ky"}) }},
		{"search-none", func() { h.k.Open(Route{Kind: "search", Arg: "xyzxyz"}) }},
		{"idle-warning", func() {
			h.k.Open(Route{Kind: "home"})
			h.k.warn.show(9)
		}},
	}
	for _, c := range h.pack.Categories {
		c := c
		out = append(out, auditedScreen{"category-" + c.ID, func() { h.k.Open(Route{Kind: "category", Arg: c.ID}) }})
	}
	for _, p := range h.pack.Procedures {
		p := p
		for tab := range 3 {
			out = append(out, auditedScreen{fmt.Sprintf("procedure-%s-tab%d", p.Code, tab), func() {
				h.k.Open(Route{Kind: "procedure", Arg: p.Code})
				if tab > 0 {
					h.tapTab(tab)
				}
			}})
		}
	}
	out = append(out, auditedScreen{"tutorials", func() { h.k.Open(Route{Kind: "tutorials"}) }})
	for _, t := range h.pack.Tutorials {
		t := t
		// Every step, and the end with its QR codes.
		for i := 0; i <= len(t.Steps); i++ {
			out = append(out, auditedScreen{fmt.Sprintf("tutorial-%s-%d", t.ID, i+1), func() {
				// The screens come in order: from the step before, one
				// "Bước sau" (the lesson is not opened and decoded afresh
				// for each step).
				if l := h.lesson(); i > 0 && l != nil && l.tut.ID == t.ID && l.rule.Step() == i-1 && l.rule.State() != kiosk.Finished {
					l.apply(l.rule.Next(h.clock.Now()))
					return
				}
				h.k.Open(Route{Kind: "tutorial", Arg: t.ID})
				for range i {
					h.lesson().apply(h.lesson().rule.Next(h.clock.Now()))
				}
			}})
		}
	}
	return out
}

// staffScreens lists staff mode's screens, for a member who logs in and
// opens a session that was not done (its reasons showing).
func staffScreens(h *harness) []auditedScreen {
	h.addStaff("lan", "Nguyễn Thị Lan", kiosk.RoleStaff, "4821")
	h.addStaff("hung", "Trần Văn Hùng", kiosk.RoleAdmin, "1357")
	login := func() {
		if h.k.staff == nil || h.k.staff.member.Code != "lan" {
			h.k.staff = nil
			h.k.Open(Route{Kind: "staff-pin", Arg: "lan"})
			h.k.login("lan", "4821")
		}
		h.k.staffInput()
	}
	adminLogin := func() {
		if h.k.staff == nil || h.k.staff.member.Role != kiosk.RoleAdmin {
			h.k.staff = nil
			h.k.Open(Route{Kind: "staff-pin", Arg: "hung"})
			h.k.login("hung", "1357")
		}
		h.k.staffInput()
	}
	session := func() {
		login()
		if h.k.staff.session == nil {
			h.k.startSession()
		}
		h.k.staff.session.Outcome = kiosk.OutcomeNotDone
		h.k.staff.session.Help = []string{"guided", "submitted"}
	}
	return []auditedScreen{
		{"staff-pick", func() { h.k.Open(Route{Kind: "staff"}) }},
		{"staff-pin", func() { h.k.Open(Route{Kind: "staff-pin", Arg: "lan"}) }},
		{"staff-home", func() { login(); h.k.Open(Route{Kind: "staff-home"}) }},
		{"staff-session", func() { session(); h.k.Open(Route{Kind: "staff-session"}) }},
		{"staff-picker", func() { session(); h.k.Open(Route{Kind: "staff-picker"}) }},
		{"staff-rate", func() { login(); h.k.Open(Route{Kind: "staff-rate", Arg: "x"}) }},
		{"staff-today", func() { login(); h.k.Open(Route{Kind: "staff-today"}) }},
		{"admin-home", func() { adminLogin(); h.k.Open(Route{Kind: "staff-home"}) }},
		{"staff-members", func() { adminLogin(); h.k.Open(Route{Kind: "staff-members"}) }},
		{"staff-new", func() {
			adminLogin()
			h.k.staff.newMember = &memberDraft{name: "Lê Thị Mai", code: "mai", role: kiosk.RoleStaff}
			h.k.Open(Route{Kind: "staff-new"})
		}},
		{"staff-audit", func() { adminLogin(); h.k.Open(Route{Kind: "staff-audit"}) }},
		{"staff-numbers", func() { adminLogin(); h.k.Open(Route{Kind: "staff-numbers"}) }},
		{"staff-numbers-range", func() {
			adminLogin()
			ns := h.k.numbersChoice()
			ns.pickFirst, ns.pickLast = time.Date(2026, 10, 6, 0, 0, 0, 0, report.ReportZone), time.Date(2026, 10, 15, 0, 0, 0, 0, report.ReportZone)
			h.k.Open(Route{Kind: "staff-numbers-range"})
		}},
		{"staff-settings", func() { adminLogin(); h.k.Open(Route{Kind: "staff-settings"}) }},
		{"staff-note", func() { session(); h.k.askText(textNote, "hẹn thứ 5 quay lại") }},
		{"staff-fix", func() {
			session()
			s := *h.k.staff.session
			s.Reason = "no_vneid"
			closed, err := h.k.svc.Desk.Close(context.Background(), s)
			if err != nil {
				h.t.Fatal(err)
			}
			h.k.staff.session, h.k.staff.fixing = nil, nil
			h.k.Open(Route{Kind: "staff-fix", Arg: closed.ID})
		}},
	}
}

type auditedScreen struct {
	name string
	open func()
}

// tapTab taps the n-th tab of a detail screen (tabs are the first row of
// tiles after the top bar).
func (h *harness) tapTab(n int) {
	h.t.Helper()
	names := []string{h.k.t("tab_papers"), h.k.t("tab_facts"), h.k.t("tab_about")}
	h.tap(names[n])
}

// TestAccessibilityAudit walks every resident screen at both screen sizes
// and every text size, and fails on a tap target under 64×64 px, a text
// under the minimum size, or a screen whose content does not fit.
func TestAccessibilityAudit(t *testing.T) {
	for name, size := range sizes {
		for step := range textSteps {
			t.Run(fmt.Sprintf("%s/text%d", name, step+1), func(t *testing.T) {
				h := newHarness(t, size)
				minText := h.pack.Settings.MinTextPx
				for _, sc := range append(residentScreens(h), staffScreens(h)...) {
					h.k.visit.textStep = step
					h.k.applyTheme()
					sc.open()
					h.auditScreen(t, sc.name, size, minText)
				}
			})
		}
	}
}

func (h *harness) auditScreen(t *testing.T, name string, size fyne.Size, minText float32) {
	t.Helper()
	th := h.k.app.Settings().Theme()
	content := h.win.Canvas().Content()
	if m := content.MinSize(); m.Width > size.Width+0.5 || m.Height > size.Height+0.5 {
		t.Errorf("%s: needs %v, more than the %v screen: something is cut off", name, m, size)
	}
	tiles := 0
	for _, o := range test.LaidOutObjects(content) {
		if !o.Visible() {
			continue
		}
		switch o := o.(type) {
		case *tile:
			tiles++
			if s := o.Size(); s.Width < minTarget || s.Height < minTarget {
				t.Errorf("%s: tap target %q is %v, under %d×%d", name, texts(o.content), s, minTarget, minTarget)
			}
		case fyne.Tappable:
			t.Errorf("%s: %T is tappable but is not one of the kiosk's tiles", name, o)
		case *widget.RichText:
			for _, seg := range o.Segments {
				ts, ok := seg.(*widget.TextSegment)
				if !ok || ts.Text == "" {
					continue
				}
				if sz := th.Size(ts.Style.SizeName); sz < minText {
					t.Errorf("%s: text %q is %.0f px, under %.0f", name, ts.Text, sz, minText)
				}
			}
		case *canvas.Text:
			if o.Text != "" && o.TextSize < minText {
				t.Errorf("%s: text %q is %.0f px, under %.0f", name, o.Text, o.TextSize, minText)
			}
		}
	}
	if tiles == 0 {
		t.Errorf("%s: nothing to tap", name)
	}
}

// TestContrast checks every text/background pair of both palettes for 7:1.
func TestContrast(t *testing.T) {
	for name, pal := range map[string]palette{"standard": standardColors, "high-contrast": highContrastColors} {
		for _, p := range textPairs {
			fg, bg := pal[p[0]], pal[p[1]]
			if fg == nil || bg == nil {
				t.Errorf("%s: %s or %s has no colour", name, p[0], p[1])
				continue
			}
			if c := contrast(fg, bg); c < 7 {
				t.Errorf("%s: %s on %s is %.2f:1, under 7:1", name, p[0], p[1], c)
			}
		}
	}
	// The formula itself: black on white is 21:1, a colour on itself 1:1.
	if c := contrast(hex("#000000"), hex("#FFFFFF")); c < 20.99 || c > 21.01 {
		t.Errorf("black on white = %.2f", c)
	}
	if c := contrast(hex("#0B3D91"), hex("#0B3D91")); c != 1 {
		t.Errorf("a colour on itself = %.2f", c)
	}
}

// TestScreenshots draws every kind of resident screen in both themes; with
// -update-screenshots it writes them under packaging/screenshots.
func TestScreenshots(t *testing.T) {
	shots := []struct {
		name string
		open func(h *harness)
	}{
		{"attract", func(h *harness) { h.k.Open(Route{Kind: "attract"}) }},
		{"home", func(h *harness) { h.k.Open(Route{Kind: "home"}) }},
		{"category", func(h *harness) { h.k.Open(Route{Kind: "category", Arg: "ho-tich"}) }},
		{"procedure", func(h *harness) { h.k.Open(Route{Kind: "procedure", Arg: "1.001193"}) }},
		{"procedure-facts", func(h *harness) {
			h.k.Open(Route{Kind: "procedure", Arg: "1.001193"})
			h.tapTab(1)
		}},
		{"tutorials", func(h *harness) { h.k.Open(Route{Kind: "tutorials"}) }},
		{"tutorial-end", func(h *harness) {
			h.k.Open(Route{Kind: "tutorial", Arg: "khai-sinh"})
			for h.lesson().rule.State() != kiosk.Finished {
				h.lesson().apply(h.lesson().rule.Next(h.clock.Now()))
			}
		}},
		{"search", func(h *harness) { h.k.Open(Route{Kind: "search", Arg: "khai sinh"}) }},
		{"procedure-with-lesson", func(h *harness) { h.k.Open(Route{Kind: "procedure", Arg: "2.000986"}) }},
		{"idle-warning", func(h *harness) {
			h.k.Open(Route{Kind: "home"})
			h.k.warn.show(7)
		}},
		{"help-card", func(h *harness) {
			h.k.Open(Route{Kind: "procedure", Arg: "1.001193"})
			h.k.askForHelp()
		}},
		// Staff mode, for the counter staff and admins.
		{"staff-pin", func(h *harness) {
			h.addStaff("lan", "Nguyễn Thị Lan", kiosk.RoleAdmin, "4821")
			h.k.Open(Route{Kind: "staff-pin", Arg: "lan"})
			h.k.cur.(*pinScreen).typed = "48"
			h.k.redraw()
		}},
		{"staff-session", func(h *harness) {
			h.addStaff("lan", "Nguyễn Thị Lan", kiosk.RoleAdmin, "4821")
			h.k.Open(Route{Kind: "staff-pin", Arg: "lan"})
			h.k.login("lan", "4821")
			h.k.startSession()
			h.k.staff.session.Help = []string{"submitted"}
			h.k.staff.session.Procedures = []string{"1.001193"}
			h.k.show(Route{Kind: "staff-session"})
		}},
		{"staff-rating", func(h *harness) {
			h.addStaff("lan", "Nguyễn Thị Lan", kiosk.RoleAdmin, "4821")
			h.k.Open(Route{Kind: "staff-pin", Arg: "lan"})
			h.k.login("lan", "4821")
			h.k.show(Route{Kind: "staff-rate", Arg: "x"})
		}},
		// The admin's screens, on two months of demo records.
		{"admin-home", func(h *harness) {
			h.adminWithDemo()
			h.k.Open(Route{Kind: "staff-home"})
		}},
		{"admin-numbers", func(h *harness) {
			h.adminWithDemo()
			h.k.Open(Route{Kind: "staff-numbers"})
		}},
		{"admin-numbers-by-place", func(h *harness) {
			h.adminWithDemo()
			h.k.numbersChoice().by = report.ByPlace
			h.k.Open(Route{Kind: "staff-numbers"})
		}},
		{"admin-range", func(h *harness) {
			h.adminWithDemo()
			ns := h.k.numbersChoice()
			ns.pickFirst, ns.pickLast = time.Date(2026, 10, 1, 0, 0, 0, 0, report.ReportZone), time.Date(2026, 10, 9, 0, 0, 0, 0, report.ReportZone)
			h.k.Open(Route{Kind: "staff-numbers-range"})
		}},
		{"admin-members", func(h *harness) {
			h.adminWithDemo()
			h.addStaff("hung", "Trần Văn Hùng", kiosk.RoleStaff, "2468")
			h.k.Open(Route{Kind: "staff-members"})
		}},
		{"admin-settings", func(h *harness) {
			h.adminWithDemo()
			h.k.Open(Route{Kind: "staff-settings"})
		}},
		{"admin-audit", func(h *harness) {
			h.adminWithDemo()
			(&kiosk.Settings{Store: h.store, Clock: h.clock}).Set(context.Background(), h.k.staff.member.ID, kiosk.SettingIdle, "120")
			h.k.Open(Route{Kind: "staff-audit"})
		}},
	}
	// The first step of every default lesson.
	for _, id := range []string{"vneid", "dang-nhap", "khai-sinh", "thanh-toan", "tra-cuu", "kho-du-lieu"} {
		shots = append(shots, struct {
			name string
			open func(h *harness)
		}{"tutorial-" + id, func(h *harness) { h.k.Open(Route{Kind: "tutorial", Arg: id}) }})
	}
	for _, contrastOn := range []bool{false, true} {
		for _, s := range shots {
			theme := "standard"
			if contrastOn {
				theme = "high-contrast"
			}
			t.Run(s.name+"-"+theme, func(t *testing.T) {
				h := newHarness(t, sizes["1366x768"])
				h.k.visit.highContrast = contrastOn
				h.k.applyTheme()
				s.open(h)
				h.k.drawing.Wait() // pictures drawn in the background
				img := h.capture()
				if b := img.Bounds(); b.Dx() < 1366 || b.Dy() < 768 {
					t.Fatalf("capture is %v", b)
				}
				if colours := distinctColours(img); colours < 8 {
					t.Errorf("the screen is nearly blank: %d colours", colours)
				}
				if *updateShots {
					savePNG(t, img, filepath.Join("..", "packaging", "screenshots", s.name+"-"+theme+".png"))
				}
			})
		}
	}
}

// adminWithDemo logs an admin in on two months of demo records.
func (h *harness) adminWithDemo() {
	h.t.Helper()
	h.addStaff("lan", "Nguyễn Thị Lan", kiosk.RoleAdmin, "4821")
	demo := &report.Demo{Store: h.store, Site: h.pack.Settings.SiteName, Places: h.pack.Settings.Places, Seed: 3}
	if err := demo.Fill(context.Background(), 600, 40, 3000, h.clock.Now(), nil); err != nil {
		h.t.Fatal(err)
	}
	h.k.Open(Route{Kind: "staff-pin", Arg: "lan"})
	h.k.login("lan", "4821")
}

// distinctColours counts the colours of an image, sampling every 4th pixel.
func distinctColours(img image.Image) int {
	seen := map[color.Color]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			seen[img.At(x, y)] = true
		}
	}
	return len(seen)
}
