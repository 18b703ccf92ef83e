package app

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"onestop/kiosk"
	"onestop/kiosk/fleet"
	"onestop/kiosk/packfile"
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
				// Where every tab's items fit at once there are no tabs.
				if tab > 0 && slices.Contains(h.tileLabels(), h.k.t("tab_facts")) {
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
		{"staff-numbers", func() { adminLogin(); h.k.svc.Sync = syncedAnHourAgo; h.k.Open(Route{Kind: "staff-numbers"}) }},
		{"staff-numbers-range", func() {
			adminLogin()
			ns := h.k.numbersChoice()
			ns.pickFirst, ns.pickLast = time.Date(2026, 10, 6, 0, 0, 0, 0, report.ReportZone), time.Date(2026, 10, 15, 0, 0, 0, 0, report.ReportZone)
			h.k.Open(Route{Kind: "staff-numbers-range"})
		}},
		{"staff-settings", func() { adminLogin(); h.k.Open(Route{Kind: "staff-settings"}) }},
		{"staff-packs", func() {
			adminLogin()
			h.k.svc.Packs = &fakePacks{installed: &packfile.Manifest{Name: "Nghệ An", Version: 7, Expires: "2027-06-30"}}
			usb := h.plugStick()
			os.WriteFile(filepath.Join(usb, "nghe-an-8.zip"), []byte("PK"), 0o644)
			h.k.Open(Route{Kind: "staff-packs"})
		}},
		{"staff-report", func() {
			adminLogin()
			p, _ := report.ParseReportPeriod("2026-10")
			h.k.openReport(p)
		}},
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

// TestAccessibilityAudit walks every resident and staff screen at every
// kiosk screen size, text size, theme and language, and fails on a tap
// target under 64×64 px, a text under the minimum size, a screen whose
// content does not fit, a list that pages with room to spare, an icon or a
// control that does not stand out from what is behind it. make test runs
// a spread of the combinations that covers every size, text size, theme
// and language; make audit (KIOSK_AUDIT_ALL=1) runs all of them.
func TestAccessibilityAudit(t *testing.T) {
	all := os.Getenv("KIOSK_AUDIT_ALL") != ""
	names := slices.Sorted(maps.Keys(auditSizes))
	n := 0
	for si, name := range names {
		size := auditSizes[name]
		for step := range textSteps {
			for _, hc := range []bool{false, true} {
				for li, lang := range []string{"vi", "en"} {
					combo := fmt.Sprintf("%s/text%d/%s/%s", name, step+1, themeName(hc), lang)
					// The spread: at each size, text 1 in Vietnamese in
					// the standard theme, and one more combination that
					// turns with the size's place in the list.
					spread := (step == 0 && !hc && li == 0) ||
						(step == (si+1)%len(textSteps) && hc == (si%2 == 0) && li == si%2)
					if !all && !spread {
						continue
					}
					t.Run(combo, func(t *testing.T) {
						n++
						h := newHarness(t, size)
						minText := h.pack.Settings.MinTextPx
						for _, sc := range append(residentScreens(h), staffScreens(h)...) {
							h.k.visit.textStep, h.k.visit.highContrast, h.k.visit.lang = step, hc, lang
							h.k.applyTheme()
							sc.open()
							h.k.drawing.Wait()
							h.auditScreen(t, sc.name, size, minText)
							h.pixelAudit(t, sc.name)
						}
					})
				}
			}
		}
	}
	t.Logf("%d combinations audited", n)
}

// auditSizes are the screens kiosks have: landscape counters and
// tablets, portrait standing kiosks and tablets.
var auditSizes = map[string]fyne.Size{
	"1280x800":  fyne.NewSize(1280, 800),
	"1366x768":  fyne.NewSize(1366, 768),
	"1920x1080": fyne.NewSize(1920, 1080),
	"1080x1920": fyne.NewSize(1080, 1920),
	"800x1280":  fyne.NewSize(800, 1280),
}

func themeName(hc bool) string {
	if hc {
		return "high-contrast"
	}
	return "standard"
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
	h.roomAudit(t, name, size)
}

// roomAudit: a list with more to show than one page fills its page (no
// page holds fewer rows than fit, bar the last), and the screen it is on
// is at least half covered by what it shows.
func (h *harness) roomAudit(t *testing.T, name string, size fyne.Size) {
	t.Helper()
	for _, o := range test.LaidOutObjects(h.win.Canvas().Content()) {
		l, ok := o.(*pagedList)
		if !ok || !l.Visible() || l.pages <= 1 || l.more != nil {
			continue
		}
		if c := h.covered(size); c < 0.5 {
			t.Errorf("%s: a list of %d pages shows, yet %.0f %% of the screen is empty", name, l.pages, 100*(1-c))
		}
		r := test.WidgetRenderer(l).(*pagedRenderer)
		for i, page := range r.pages {
			if i == len(r.pages)-1 || len(page) == 0 {
				continue
			}
			used := float32(0)
			for _, j := range page {
				used += r.heights[j] + gap
			}
			next := r.heights[page[len(page)-1]+1]
			if used+next <= r.room {
				t.Errorf("%s: page %d of %d holds %d rows with room for the next (%.0f of %.0f px used)", name, i+1, len(r.pages), len(page), used, r.room)
			}
		}
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
	for name, pal := range map[string]palette{"standard": standardColors, "high-contrast": highContrastColors} {
		for _, p := range controlPairs {
			if c := contrast(pal[p[0]], pal[p[1]]); c < 3 {
				t.Errorf("%s: a control's %s on %s is %.2f:1, under 3:1", name, p[0], p[1], c)
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
		{"procedure-with-lesson", func(h *harness) { h.k.Open(Route{Kind: "procedure", Arg: "3.000722"}) }},
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
			h.k.svc.Sync = syncedAnHourAgo
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
		{"admin-packs", func(h *harness) {
			h.adminWithDemo()
			h.k.svc.Packs = &fakePacks{installed: &packfile.Manifest{Name: "Nghệ An", Version: 7, Expires: "2027-06-30"}}
			usb := h.plugStick()
			os.WriteFile(filepath.Join(usb, "nghe-an-8.zip"), []byte("PK"), 0o644)
			h.k.Open(Route{Kind: "staff-packs"})
		}},
		{"admin-report", func(h *harness) {
			h.adminWithDemo()
			p, _ := report.ParseReportPeriod("2026-09")
			h.k.openReport(p)
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
	// Variants of some, in the standard theme: on a portrait standing
	// kiosk, at the largest text size, and in English.
	type variant struct {
		suffix string
		size   fyne.Size
		step   int
		lang   string
	}
	variants := map[string][]variant{}
	for _, n := range []string{"attract", "home", "category", "procedure", "tutorial-vneid", "tutorial-end", "search", "staff-session", "help-card"} {
		variants[n] = append(variants[n], variant{"-portrait", sizes["1080x1920"], 0, "vi"})
	}
	for _, n := range []string{"home", "procedure", "tutorial-vneid"} {
		variants[n] = append(variants[n], variant{"-text3", sizes["1366x768"], 2, "vi"}, variant{"-english", sizes["1366x768"], 0, "en"})
	}
	for _, s := range shots {
		for _, v := range variants[s.name] {
			t.Run(s.name+v.suffix, func(t *testing.T) {
				h := newHarness(t, v.size)
				h.k.visit.textStep, h.k.visit.lang = v.step, v.lang
				h.k.applyTheme()
				s.open(h)
				h.k.drawing.Wait()
				img := h.capture()
				if colours := distinctColours(img); colours < 8 {
					t.Errorf("the screen is nearly blank: %d colours", colours)
				}
				if *updateShots {
					savePNG(t, img, filepath.Join("..", "packaging", "screenshots", s.name+v.suffix+"-standard.png"))
				}
			})
		}
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

// covered is the share of the window that shows something (text, a
// picture, a control), on a grid of 8 px cells; the background does not
// count.
func (h *harness) covered(size fyne.Size) float64 {
	const cell = 8
	cols, rows := int(size.Width)/cell, int(size.Height)/cell
	grid := make([]bool, cols*rows)
	for _, p := range placedObjects(h.k.screen) {
		switch o := p.o.(type) {
		case *canvas.Text, *widget.RichText, *canvas.Image, *tile:
		case *fyne.Container:
			if _, ok := o.Layout.(*flowLayout); !ok {
				continue // a row of chips is the form's, end to end
			}
		default:
			continue
		}
		if t, ok := p.o.(*tile); ok && t.style == styleClear {
			continue
		}
		s := p.o.Size()
		if s.Width >= size.Width-1 && s.Height >= size.Height-1 {
			continue // the whole window: a backdrop
		}
		for y := max(0, int(p.pos.Y)/cell); y < min(rows, int(p.pos.Y+s.Height)/cell); y++ {
			for x := max(0, int(p.pos.X)/cell); x < min(cols, int(p.pos.X+s.Width)/cell); x++ {
				grid[y*cols+x] = true
			}
		}
	}
	n := 0
	for _, c := range grid {
		if c {
			n++
		}
	}
	return float64(n) / float64(len(grid))
}

// syncedAnHourAgo is a kiosk whose records last reached the province an
// hour before the harness's day, with some waiting and the last try failed.
func syncedAnHourAgo() fleet.Status {
	return fleet.Status{Configured: true, Last: harnessDay.Add(-time.Hour), Pending: 12, Err: "the collector answered 503"}
}
