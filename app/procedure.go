package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"onestop/kiosk/content"
	"onestop/kiosk/store"
)

// detailScreen is the shape shared by a procedure and a guide: tabs of
// facts on the left, paged; the QR code of the chosen target on the right.
type detailScreen struct {
	k       *Kiosk
	tabs    []detailTab
	tab     int
	page    int
	targets []content.Target
	target  int
	onQR    func(content.Target) // records the code shown
	left    *fyne.Container
	right   *fyne.Container
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

func (d *detailScreen) build() fyne.CanvasObject {
	d.left = container.NewStack()
	d.right = container.NewStack()
	d.drawLeft()
	d.drawRight()
	return container.NewBorder(nil, nil, nil, container.NewPadded(d.right), d.left)
}

// perPage is how many items fit the left column at the current text size.
func (d *detailScreen) perPage() int {
	th := newTheme(d.k.pack.Settings.MinTextPx, false, d.k.textStep)
	free := d.k.available().Height - 88 - th.Size(sizeHeading)*1.4 - th.Size(sizeBody)*1.4 - 32 - 3*88
	// An item takes about two lines of body text and a gap.
	return max(1, int(free/(th.Size(sizeBody)*2.8+12)))
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
	items, page, pages := pageOf(d.tabs[d.tab].items, d.page, d.perPage())
	d.page = page
	var rows []fyne.CanvasObject
	for _, it := range items {
		if it.label != "" {
			rows = append(rows, newText(it.label, textOpts{size: sizeBody, bold: true, wrap: fyne.TextWrapWord}))
		}
		rows = append(rows, newText(it.text, textOpts{size: sizeBody, wrap: fyne.TextWrapWord}))
	}
	var bottom []fyne.CanvasObject
	bottom = append(bottom, k.pager(page, pages, func(to int) { d.page = to; d.drawLeft() }))
	if len(d.targets) > 1 {
		var picks []fyne.CanvasObject
		for i, t := range d.targets {
			i := i
			style := styleTile
			if i == d.target {
				style = styleAccent
			}
			picks = append(picks, newTile(tileText(t.Label, "", style, sizeChrome), style, k.act(func() {
				d.target = i
				d.drawLeft()
				d.drawRight()
			})))
		}
		bottom = append(bottom, newText(k.t("open_on"), textOpts{size: sizeChrome, bold: true}), container.NewGridWithColumns(len(picks), picks...))
	}
	col := container.NewBorder(container.NewGridWithColumns(len(tabs), tabs...), container.NewVBox(bottom...), nil, nil,
		container.NewPadded(container.NewVBox(rows...)))
	d.left.Objects = []fyne.CanvasObject{col}
	d.left.Refresh()
}

func (d *detailScreen) drawRight() {
	t := d.targets[d.target]
	d.right.Objects = []fyne.CanvasObject{d.k.qrPanel(t.Label, t.URL)}
	d.right.Refresh()
	if d.onQR != nil {
		d.onQR(t)
	}
}

// procedureScreen shows what to bring, the fee, the time and where to go,
// and the QR codes that open the procedure on the resident's phone.
func (k *Kiosk) procedureScreen(code string) fyne.CanvasObject {
	p, ok := k.pack.Procedure(code)
	if !ok {
		return k.frame(k.t("not_found"), code, container.NewVBox())
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
	sub := k.tf("proc_line", p.Code, levelText(k, p.Level), onlineShort(k, p.Online))
	return k.frame(p.Name, sub, d.build())
}

func onlineLong(k *Kiosk, o content.Online) string {
	return k.t("online_long_" + string(o))
}

// guideScreen shows a general guide's steps and its QR codes.
func (k *Kiosk) guideScreen(id string) fyne.CanvasObject {
	g, ok := k.pack.Guide(id)
	if !ok {
		return k.frame(k.t("not_found"), id, container.NewVBox())
	}
	k.visits.Record(store.Event{Kind: store.EventGuide, Screen: "guide", Detail: g.ID})
	var steps []detailItem
	for i, s := range g.Steps {
		steps = append(steps, detailItem{k.tf("step_n", i+1), s})
	}
	d := &detailScreen{
		k:       k,
		tabs:    []detailTab{{k.t("tab_steps"), steps}},
		targets: g.QR,
		onQR: func(t content.Target) {
			k.visits.Record(store.Event{Kind: store.EventQR, Screen: "guide", Detail: t.URL})
		},
	}
	return k.frame(g.Title.In(k.lang), g.Summary, d.build())
}
