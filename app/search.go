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
}

// keypadHeight is the keypad's height (five rows of keys and their gaps).
const keypadHeight = 5*minTarget + 4*8 + 16

func (k *Kiosk) searchScreen() fyne.CanvasObject {
	s := &searchScreen{k: k, typed: container.NewStack(), results: container.NewStack()}
	pad := newKeypad(k, s.onKey)
	s.draw()
	border := canvas.NewRectangle(theme.Color(colorTile))
	border.StrokeColor = theme.Color(colorTileEdge)
	border.StrokeWidth = 3
	border.CornerRadius = 10
	box := container.NewStack(border, container.NewPadded(s.typed))
	body := container.NewBorder(box, pad.content, nil, nil, container.NewPadded(s.results))
	return k.frame(k.t("search_title"), k.t("search_hint"), body)
}

func (s *searchScreen) onKey(q string) {
	s.k.query = q
	s.page = 0
	s.draw()
}

// perPage is how many results fit between the typed text and the keypad.
func (s *searchScreen) perPage() int {
	return s.k.listRows(keypadHeight + 70 - 88)
}

func (s *searchScreen) draw() {
	k := s.k
	shown := k.query + "▏"
	s.typed.Objects = []fyne.CanvasObject{newText(shown, textOpts{size: sizeLead, bold: true})}
	s.typed.Refresh()

	var body fyne.CanvasObject
	if search.Fold(k.query) == "" || len(search.Words(k.query)) == 0 {
		body = newText(k.t("search_empty"), textOpts{size: sizeBody, color: colorMuted, wrap: fyne.TextWrapWord})
	} else if res := k.index.Search(k.query, 0); len(res) == 0 {
		body = newText(k.t("search_none"), textOpts{size: sizeBody, wrap: fyne.TextWrapWord})
	} else {
		items, page, pages := pageOf(res, s.page, s.perPage())
		s.page = page
		var rows []fyne.CanvasObject
		for _, r := range items {
			p := r.Procedure
			rows = append(rows, k.procedureTile(p, func() {
				// The search is recorded by where it led, never by what was typed.
				k.visits.Record(store.Event{Kind: store.EventSearch, Screen: "search", Procedure: p.Code})
				k.navigate(kiosk.Route{Kind: "procedure", Arg: p.Code})
			}))
		}
		turn := func(to int) { s.page = to; s.draw() }
		body = container.NewBorder(nil, k.pager(page, pages, turn), nil, nil, container.NewVBox(rows...))
	}
	s.results.Objects = []fyne.CanvasObject{body}
	s.results.Refresh()
}
