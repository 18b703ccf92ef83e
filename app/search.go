package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk"
	"onestop/kiosk/search"
)

// searchScreen is the search with the kiosk's own keypad: the typed text at
// the top, the results below it, paged, and the keypad at the bottom. What
// was typed is the visit's (back from a procedure finds it again), never
// recorded: a search is recorded by the procedure it led to.
type searchScreen struct {
	k    *Kiosk
	page int
	// browsing: the keypad is put away and the results have the screen.
	browsing bool
	typed    *fyne.Container
	results  *fyne.Container
}

func newSearchScreen(k *Kiosk, text string) screen {
	if text != "" {
		k.visit.query = text
	}
	return &searchScreen{k: k}
}

func (s *searchScreen) view() fyne.CanvasObject {
	k := s.k
	s.typed, s.results = container.NewStack(), container.NewStack()
	pad := newKeypad(k, func() string { return k.visit.query }, s.onKey)
	border := canvas.NewRectangle(theme.Color(colorTile))
	border.StrokeColor = theme.Color(colorTileEdge)
	border.StrokeWidth = 3
	border.CornerRadius = 10
	box := container.NewStack(border, container.NewPadded(s.typed))
	s.drawTyped()
	s.drawResults()
	if s.browsing {
		// The results have the screen; one tap brings the keypad back.
		again := k.wideButton(theme.ContentAddIcon(), k.t("search_type_more"), styleTile, func() {
			s.browsing = false
			k.redraw()
		})
		top := container.NewBorder(nil, nil, nil, again, box)
		return k.frame("", "", container.NewBorder(top, nil, nil, nil, container.NewPadded(s.results)), nil)
	}
	body := container.NewBorder(box, pad.content, nil, nil, container.NewPadded(s.results))
	return k.frame("", "", body, nil)
}

// onKey takes the text after a key: only the typed line and the results
// are drawn again, not the keypad.
func (s *searchScreen) onKey(q string) {
	s.browsing = false
	s.k.visit.query = q
	s.page = 0
	s.drawTyped()
	s.drawResults()
}

// cursor marks where the next letter goes. It is a plain bar: a glyph
// missing from the bundled font would load system fonts as a fallback.
const cursor = "|"

// drawTyped shows what was typed, or the hint before anything is.
func (s *searchScreen) drawTyped() {
	k := s.k
	var o fyne.CanvasObject
	if q := k.visit.query; q == "" {
		o = newText(cursor+" "+k.t("search_hint"), textOpts{size: sizeBody, color: colorMuted, wrap: fyne.TextWrapWord})
	} else {
		o = newText(q+cursor, textOpts{size: sizeLead, bold: true, wrap: fyne.TextWrapWord})
	}
	s.typed.Objects = []fyne.CanvasObject{o}
	k.refresh(s.typed)
}

func (s *searchScreen) drawResults() {
	k := s.k
	q := k.visit.query
	var body fyne.CanvasObject
	if search.Fold(q) == "" || len(search.Words(q)) == 0 {
		body = newText(k.t("search_empty"), textOpts{size: sizeBody, color: colorMuted, wrap: fyne.TextWrapWord})
	} else if res := k.index.Search(q, 0); len(res) == 0 {
		body = newText(k.t("search_none"), textOpts{size: sizeBody, wrap: fyne.TextWrapWord})
	} else {
		var rows []fyne.CanvasObject
		for _, r := range res {
			p := r.Procedure
			rows = append(rows, k.resultTile(p, func() {
				// The search is recorded by where it led, never by what was typed.
				k.visits.Record(kiosk.Event{Kind: kiosk.EventSearch, Screen: "search", Procedure: p.Code})
				k.navigate(Route{Kind: RouteProcedure, Arg: p.Code})
			}))
		}
		if s.browsing {
			body = k.newPagedList(&s.page, rows)
		} else {
			// Above the keypad: the best matches that fit, and a button
			// that puts the keypad away to show them all.
			l := k.newPagedList(&s.page, rows)
			l.more = func(all int) fyne.CanvasObject {
				return k.wideButton(theme.ListIcon(), k.tf("search_all", all), styleAccent, func() {
					s.browsing, s.page = true, 0
					k.redraw()
				})
			}
			body = l
		}
	}
	s.results.Objects = []fyne.CanvasObject{body}
	k.refresh(s.results)
}
