package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk"
	"onestop/kiosk/content"
)

// detail is the shape shared by a procedure and a lesson's end: tabs of
// facts on the left, paged; the QR code of the chosen target on the right.
// It keeps the resident's choices (tab, page, target) across redraws and
// records each target's code once, when the resident first sees it.
type detail struct {
	k       *Kiosk
	tab     int
	page    int
	target  int
	targets []content.Target
	shown   map[string]bool        // the targets whose code was recorded as shown
	onQR    func(t content.Target) // records a code shown
}

// detailTab is one tab: its name and its items (each a paragraph).
type detailTab struct {
	name  string
	items []detailItem
}

type detailItem struct {
	label string // bold lead-in, may be empty
	text  string
}

// showQR records the chosen target's code as shown, once per target.
func (d *detail) showQR() {
	if len(d.targets) == 0 || d.onQR == nil {
		return
	}
	t := d.targets[d.target]
	if d.shown == nil {
		d.shown = map[string]bool{}
	}
	if !d.shown[t.URL] {
		d.shown[t.URL] = true
		d.onQR(t)
	}
}

// view builds the whole screen: the QR panel first, since the room left
// for the facts depends on its size. Where every tab's items fit the room
// at once (a portrait kiosk, a large screen), they are shown together,
// each under its tab's name, and there are no tabs to choose; otherwise
// one tab at a time, paged.
func (d *detail) view(title, sub string, tabs []detailTab, extras []*tile) fyne.CanvasObject {
	k := d.k
	portrait := k.shape().portrait()

	var picks fyne.CanvasObject = container.NewVBox()
	if len(d.targets) > 1 {
		var pickTiles []fyne.CanvasObject
		for i, t := range d.targets {
			pickTiles = append(pickTiles, choiceTile(t.Label, i == d.target, k.act(func() {
				d.target = i
				d.showQR() // the resident chose to see this code
				k.redraw()
			})))
		}
		label := vCenter(newText(k.t("open_on"), textOpts{size: sizeChrome, bold: true}))
		picks = container.NewBorder(nil, nil, label, nil, container.NewGridWithColumns(len(pickTiles), pickTiles...))
	}
	var side fyne.CanvasObject
	if len(d.targets) > 0 {
		d.target = clampPage(d.target, len(d.targets))
		t := d.targets[d.target]
		if portrait {
			// Under the facts at the screen's full width: the code and
			// beside it what it opens; the other targets in a row below.
			side = container.NewVBox(k.qrBand(t), picks)
			picks = container.NewVBox()
		} else {
			side = k.qrPanel(t)
		}
	}
	space := k.bodySpace(title, sub, side)
	textW := space.Width - 2*theme.Padding()

	d.tab = clampPage(d.tab, len(tabs))
	// The tabs and the extra buttons (Nghe, Bài học) share a row where
	// each keeps about 200 px; on a narrow screen the extras take a row
	// of their own.
	row := func(tabTiles []fyne.CanvasObject) fyne.CanvasObject {
		var more []fyne.CanvasObject
		for _, x := range extras {
			more = append(more, x)
		}
		all := append(append([]fyne.CanvasObject{}, tabTiles...), more...)
		switch {
		case len(all) == 0:
			return container.NewVBox()
		case len(tabTiles) > 0 && len(more) > 0 && space.Width/float32(len(all)) < 200:
			return container.NewVBox(container.NewGridWithColumns(len(tabTiles), tabTiles...), container.NewGridWithColumns(len(more), more...))
		}
		return container.NewGridWithColumns(len(all), all...)
	}
	// All at once, when it fits without a pager.
	whole := row(nil)
	room := space.Height - heightAt(whole, space.Width) - heightAt(picks, space.Width) - 4*theme.Padding()
	var all []fyne.CanvasObject
	used := float32(0)
	for _, t := range tabs {
		if len(t.items) == 0 {
			continue
		}
		head := newText(t.name, textOpts{size: sizeLead, bold: true, color: colorAccentText})
		band := container.NewStack(canvas.NewRectangle(theme.Color(colorAccent)), container.New(&insetLayout{6}, head))
		all = append(all, band)
		all = append(all, itemRows(t.items, textW, room)...)
	}
	for _, r := range all {
		used += heightAt(r, textW) + gap
	}
	if len(tabs) > 1 && used <= room {
		col := container.NewBorder(whole, picks, nil, nil, container.NewPadded(k.newPagedList(&d.page, all)))
		return k.frame(title, sub, col, side)
	}

	var tabTiles []fyne.CanvasObject
	for i, t := range tabs {
		tabTiles = append(tabTiles, choiceTile(t.name, i == d.tab, k.act(func() {
			d.tab, d.page = i, 0
			k.redraw()
		})))
	}
	tabRow := row(tabTiles)
	// Items taller than a page are cut to fit it, so the room is measured
	// here as the list will have it.
	room = space.Height - heightAt(tabRow, space.Width) - heightAt(picks, space.Width) - pagerHeight - 4*theme.Padding()
	rows := itemRows(tabs[d.tab].items, textW, room)
	col := container.NewBorder(tabRow, picks, nil, nil, container.NewPadded(k.newPagedList(&d.page, rows)))
	return k.frame(title, sub, col, side)
}

// procedureScreen shows what to bring, the fee, the time and where to go,
// and the QR codes that open the procedure on the resident's phone.
type procedureScreen struct {
	k       *Kiosk
	p       content.Procedure
	found   bool
	d       detail
	reading bool      // Nghe is reading the facts aloud
	slip    slipState // In phiếu: not yet, printing, printed
}

func newProcedureScreen(k *Kiosk, code string) screen {
	p, ok := k.pack.Procedure(code)
	s := &procedureScreen{k: k, p: p, found: ok}
	s.d = detail{k: k, targets: p.QR, onQR: func(t content.Target) {
		k.visits.Record(kiosk.Event{Kind: kiosk.EventQR, Screen: "procedure", Procedure: p.Code, Detail: t.URL})
	}}
	if !ok {
		s.p.Code = code
	}
	return s
}

// enter records the procedure viewed and the code first shown.
func (s *procedureScreen) enter() {
	if !s.found {
		return
	}
	s.k.visits.Record(kiosk.Event{Kind: kiosk.EventProcedure, Screen: "procedure", Procedure: s.p.Code})
	s.d.showQR()
}

// showsQR: a procedure shows its QR codes.
func (s *procedureScreen) showsQR() bool { return s.found && len(s.p.QR) > 0 }

func (s *procedureScreen) leave() {
	if s.reading {
		s.k.stopReading()
	}
}

func (s *procedureScreen) view() fyne.CanvasObject {
	k, p := s.k, s.p
	if !s.found {
		return k.frame(k.t("not_found"), p.Code, container.NewVBox(), nil)
	}
	var papers []detailItem
	for i, paper := range p.Papers {
		papers = append(papers, detailItem{text: fmt.Sprintf("%d. %s", i+1, paper)})
	}
	facts := []detailItem{
		{k.t("fact_online"), onlineLong(k, p.Online)},
		{k.t("fact_fee"), p.Fee},
		{k.t("fact_time"), p.Time},
		{k.t("fact_where"), p.Where},
	}
	about := []detailItem{{"", p.Summary}, {k.t("fact_agency"), p.Agency + " · " + levelText(k, p.Level)}}
	tabs := []detailTab{
		{k.t("tab_papers"), papers},
		{k.t("tab_facts"), facts},
		{k.t("tab_about"), about},
	}
	var extras []*tile
	if p.Narration != "" && k.speaker != nil && !k.speaker.Silent() {
		extras = append(extras, k.tabButton(theme.VolumeUpIcon(), k.t("listen"), func() {
			s.reading = true
			k.readAloud(p.Narration)
		}))
	}
	if ts := k.pack.TutorialsFor(p.Code); len(ts) > 0 {
		t := ts[0]
		extras = append(extras, k.tabButton(theme.MediaPlayIcon(), k.t("lesson_tab"), func() {
			k.navigate(Route{Kind: RouteTutorial, Arg: t.ID})
		}))
	}
	if len(p.QR) > 0 {
		if b := k.slipButton(&s.slip, s, func(done func(bool)) {
			k.printSlip(p, p.QR[clampPage(s.d.target, len(p.QR))], done)
		}); b != nil {
			extras = append(extras, b)
		}
	}
	sub := k.tf("proc_line", p.Code, levelText(k, p.Level), onlineShort(k, p.Online))
	return s.d.view(p.Name, sub, tabs, extras)
}

func onlineLong(k *Kiosk, o content.Online) string {
	return k.t("online_long_" + string(o))
}

// itemRows lays out a tab's items. An item's label stands beside its text
// (a column as wide as the widest label, at most a third of the width),
// or above it on a narrow screen. An item taller than a page is cut
// between sentences (or, failing that, between words) so that paging can
// show all of it.
func itemRows(items []detailItem, w, room float32) []fyne.CanvasObject {
	labelW := float32(0)
	for _, it := range items {
		if it.label != "" {
			labelW = max(labelW, newText(it.label, textOpts{size: sizeBody, bold: true}).MinSize().Width)
		}
	}
	beside := labelW > 0 && labelW <= w/3
	var out []fyne.CanvasObject
	for _, it := range items {
		out = append(out, itemRow(it, w, room, labelW, beside)...)
	}
	return out
}

func itemRow(it detailItem, w, room, labelW float32, beside bool) []fyne.CanvasObject {
	para := func(label, text string) fyne.CanvasObject {
		var body fyne.CanvasObject = container.NewVBox()
		if text != "" {
			body = newText(text, textOpts{size: sizeBody, wrap: fyne.TextWrapWord})
		}
		if beside && labelW > 0 {
			var l fyne.CanvasObject = layout.NewSpacer()
			if label != "" {
				l = newText(label, textOpts{size: sizeBody, bold: true})
			}
			return container.NewBorder(nil, nil, container.New(&fixedWidthLayout{width: labelW}, l), nil, body)
		}
		var parts []fyne.CanvasObject
		if label != "" {
			parts = append(parts, newText(label, textOpts{size: sizeBody, bold: true, wrap: fyne.TextWrapWord}))
		}
		if text != "" {
			parts = append(parts, body)
		}
		return container.NewVBox(parts...)
	}
	whole := para(it.label, it.text)
	if heightAt(whole, w) <= room {
		return []fyne.CanvasObject{whole}
	}
	var out []fyne.CanvasObject
	label := it.label
	for _, piece := range splitText(it.text) {
		r := para(label, piece)
		if heightAt(r, w) > room && strings.Contains(piece, " ") {
			words := strings.Fields(piece)
			half := len(words) / 2
			out = append(out, itemRow(detailItem{label, strings.Join(words[:half], " ")}, w, room, labelW, beside)...)
			out = append(out, itemRow(detailItem{"", strings.Join(words[half:], " ")}, w, room, labelW, beside)...)
		} else {
			out = append(out, r)
		}
		label = ""
	}
	return out
}

// splitText cuts a text after each sentence.
func splitText(s string) []string {
	var out []string
	for {
		i := strings.Index(s, ". ")
		if i < 0 {
			break
		}
		out = append(out, s[:i+1])
		s = s[i+2:]
	}
	if strings.TrimSpace(s) != "" {
		out = append(out, s)
	}
	return out
}
