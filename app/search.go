package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk"
	"onestop/kiosk/search"
	"onestop/kiosk/store"
)

// searchScreen is the search with the kiosk's own keypad: the typed text at
// the top, the results below it, paged, and the keypad at the bottom.
type searchScreen struct {
	k       *Kiosk
	typed   *fyne.Container
	results *fyne.Container
	page    int
	space   fyne.Size // room for the results and their pager
}

func (k *Kiosk) searchScreen() fyne.CanvasObject {
	s := &searchScreen{k: k, typed: container.NewStack(), results: container.NewStack()}
	pad := newKeypad(k, s.onKey)
	border := canvas.NewRectangle(theme.Color(colorTile))
	border.StrokeColor = theme.Color(colorTileEdge)
	border.StrokeWidth = 3
	border.CornerRadius = 10
	box := container.NewStack(border, container.NewPadded(s.typed))
	s.drawTyped()
	space := k.bodySpace("", "", nil)
	s.space = fyne.NewSize(space.Width-2*theme.Padding()-vpagerWidth, space.Height-box.MinSize().Height-pad.content.MinSize().Height-4*theme.Padding())
	s.draw()
	body := container.NewBorder(box, pad.content, nil, nil, container.NewPadded(s.results))
	return k.frame("", "", body, nil)
}

func (s *searchScreen) onKey(q string) {
	s.k.query = q
	s.page = 0
	s.drawTyped()
	s.draw()
}

// cursor marks where the next letter goes. It is a plain bar: a glyph
// missing from the bundled font would load system fonts as a fallback.
const cursor = "|"

// drawTyped shows what was typed, or the hint before anything is.
func (s *searchScreen) drawTyped() {
	k := s.k
	var o fyne.CanvasObject
	if k.query == "" {
		o = newText(cursor+" "+k.t("search_hint"), textOpts{size: sizeBody, color: colorMuted})
	} else {
		o = newText(k.query+cursor, textOpts{size: sizeLead, bold: true})
	}
	s.typed.Objects = []fyne.CanvasObject{o}
	s.k.refresh(s.typed)
}

func (s *searchScreen) draw() {
	k := s.k
	var body fyne.CanvasObject
	if search.Fold(k.query) == "" || len(search.Words(k.query)) == 0 {
		body = newText(k.t("search_empty"), textOpts{size: sizeBody, color: colorMuted, wrap: fyne.TextWrapWord})
	} else if res := k.index.Search(k.query, 0); len(res) == 0 {
		body = newText(k.t("search_none"), textOpts{size: sizeBody, wrap: fyne.TextWrapWord})
	} else {
		var rows []fyne.CanvasObject
		for _, r := range res {
			p := r.Procedure
			rows = append(rows, k.resultTile(p, func() {
				// The search is recorded by where it led, never by what was typed.
				k.visits.Record(store.Event{Kind: store.EventSearch, Screen: "search", Procedure: p.Code})
				k.navigate(kiosk.Route{Kind: "procedure", Arg: p.Code})
			}))
		}
		pages := paginate(rows, s.space.Width, s.space.Height)
		s.page = clampPage(s.page, len(pages))
		turn := func(to int) { s.page = to; s.draw() }
		body = container.NewBorder(nil, nil, nil, k.vpager(s.page, len(pages), turn), container.NewVBox(pages[s.page]...))
	}
	s.results.Objects = []fyne.CanvasObject{body}
	s.k.refresh(s.results)
}
