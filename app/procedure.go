package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/store"
)

// detailScreen is the shape shared by a procedure and a tutorial's end:
// tabs of facts on the left, paged; the QR code of the chosen target on the
// right.
type detailScreen struct {
	k       *Kiosk
	tabs    []detailTab
	tab     int
	page    int
	targets []content.Target
	target  int
	onQR    func(content.Target) // records the code shown
	extras  []*tile              // buttons at the end of the tab row
	left    *fyne.Container
	right   *fyne.Container
	space   fyne.Size // room for the left column
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

// screen builds the whole screen: the QR panel first, since the room left
// for the facts depends on its width.
func (d *detailScreen) screen(title, sub string) fyne.CanvasObject {
	d.left = container.NewStack()
	d.right = container.NewStack()
	d.drawRight()
	d.space = d.k.bodySpace(title, sub, d.right)
	d.drawLeft()
	return d.k.frame(title, sub, d.left, d.right)
}

func (d *detailScreen) drawLeft() {
	k := d.k
	var tabs []fyne.CanvasObject
	for i, t := range d.tabs {
		i := i
		style := styleTile
		if i == d.tab {
			style = styleAccent
		}
		tabs = append(tabs, newTile(tileText(t.name, "", style, sizeChrome), style, k.act(func() {
			d.tab, d.page = i, 0
			d.drawLeft()
		})))
	}
	for _, x := range d.extras {
		tabs = append(tabs, x)
	}
	tabRow := container.NewGridWithColumns(len(tabs), tabs...)

	var picks fyne.CanvasObject = container.NewVBox()
	if len(d.targets) > 1 {
		var tiles []fyne.CanvasObject
		for i, t := range d.targets {
			i := i
			style := styleTile
			if i == d.target {
				style = styleAccent
			}
			tiles = append(tiles, newTile(tileText(t.Label, "", style, sizeChrome), style, k.act(func() {
				d.target = i
				d.drawLeft()
				d.drawRight()
			})))
		}
		label := vCenter(newText(k.t("open_on"), textOpts{size: sizeChrome, bold: true}))
		picks = container.NewBorder(nil, nil, label, nil, container.NewGridWithColumns(len(tiles), tiles...))
	}

	textW := d.space.Width - 2*theme.Padding()
	room := d.space.Height - heightAt(tabRow, d.space.Width) - heightAt(picks, d.space.Width) - pagerHeight - 4*theme.Padding()

	var rows []fyne.CanvasObject
	for _, it := range d.tabs[d.tab].items {
		rows = append(rows, itemRows(it, textW, room)...)
	}
	pages := paginate(rows, textW, room)
	d.page = clampPage(d.page, len(pages))
	pager := k.pager(d.page, len(pages), func(to int) { d.page = to; d.drawLeft() })
	col := container.NewBorder(tabRow, container.NewVBox(pager, picks), nil, nil, container.NewPadded(container.NewVBox(pages[d.page]...)))
	d.left.Objects = []fyne.CanvasObject{col}
	d.k.refresh(d.left)
}

func (d *detailScreen) drawRight() {
	t := d.targets[d.target]
	d.right.Objects = []fyne.CanvasObject{d.k.qrPanel(t.Label, t.URL)}
	d.k.refresh(d.right)
	if d.onQR != nil {
		d.onQR(t)
	}
}

// procedureScreen shows what to bring, the fee, the time and where to go,
// and the QR codes that open the procedure on the resident's phone.
func (k *Kiosk) procedureScreen(code string) fyne.CanvasObject {
	p, ok := k.pack.Procedure(code)
	if !ok {
		return k.frame(k.t("not_found"), code, container.NewVBox(), nil)
	}
	k.visits.Record(store.Event{Kind: store.EventProcedure, Screen: "procedure", Procedure: p.Code})
	var papers []detailItem
	for i, s := range p.Papers {
		papers = append(papers, detailItem{text: fmt.Sprintf("%d. %s", i+1, s)})
	}
	facts := []detailItem{
		{k.t("fact_online"), onlineLong(k, p.Online)},
		{k.t("fact_fee"), p.Fee},
		{k.t("fact_time"), p.Time},
		{k.t("fact_where"), p.Where},
	}
	about := []detailItem{{"", p.Summary}, {k.t("fact_agency"), p.Agency + " · " + levelText(k, p.Level)}}
	d := &detailScreen{
		k: k,
		tabs: []detailTab{
			{k.t("tab_papers"), papers},
			{k.t("tab_facts"), facts},
			{k.t("tab_about"), about},
		},
		targets: p.QR,
		onQR: func(t content.Target) {
			k.visits.Record(store.Event{Kind: store.EventQR, Screen: "procedure", Procedure: p.Code, Detail: t.URL})
		},
	}
	if p.Narration != "" && k.speaker != nil && !k.speaker.Silent() {
		d.extras = append(d.extras, k.tabButton(theme.VolumeUpIcon(), k.t("listen"), func() { k.readAloud(p.Narration) }))
	}
	if ts := k.pack.TutorialsFor(p.Code); len(ts) > 0 {
		t := ts[0]
		d.extras = append(d.extras, k.tabButton(theme.MediaPlayIcon(), k.t("lesson_tab"), func() {
			k.navigate(kiosk.Route{Kind: "tutorial", Arg: t.ID})
		}))
	}
	sub := k.tf("proc_line", p.Code, levelText(k, p.Level), onlineShort(k, p.Online))
	return d.screen(p.Name, sub)
}

func onlineLong(k *Kiosk, o content.Online) string {
	return k.t("online_long_" + string(o))
}

// itemRows lays out one item, its bold label above its text. An item
// taller than a page is cut between sentences (or, failing that, between
// words) so that paging can show all of it.
func itemRows(it detailItem, w, room float32) []fyne.CanvasObject {
	para := func(label, text string) fyne.CanvasObject {
		var parts []fyne.CanvasObject
		if label != "" {
			parts = append(parts, newText(label, textOpts{size: sizeBody, bold: true, wrap: fyne.TextWrapWord}))
		}
		if text != "" {
			parts = append(parts, newText(text, textOpts{size: sizeBody, wrap: fyne.TextWrapWord}))
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
			out = append(out, itemRows(detailItem{label, strings.Join(words[:half], " ")}, w, room)...)
			out = append(out, itemRows(detailItem{"", strings.Join(words[half:], " ")}, w, room)...)
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
