package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// categoryScreen lists the procedures and lessons of a category, a page at a time: as
// many rows as fit the screen at the resident's text size, never scrolled.
type categoryScreen struct {
	k    *Kiosk
	id   string
	page int
}

func newCategoryScreen(k *Kiosk, id string) screen { return &categoryScreen{k: k, id: id} }

func (s *categoryScreen) view() fyne.CanvasObject {
	k := s.k
	cat, ok := k.pack.Category(s.id)
	if !ok {
		return k.frame(k.t("not_found"), s.id, container.NewVBox(), nil)
	}
	var rows []fyne.CanvasObject
	for _, p := range k.pack.InCategory(s.id) {
		rows = append(rows, k.procedureTile(p, func() {
			k.navigate(Route{Kind: RouteProcedure, Arg: p.Code})
		}))
	}
	// The category's lessons follow its procedures (a postal point's tile
	// holds lessons only).
	for _, t := range k.pack.LessonsIn(s.id) {
		rows = append(rows, k.iconTile(t.Icon, t.Title.In(k.visit.lang), t.Summary, 56, func() {
			k.navigate(Route{Kind: RouteTutorial, Arg: t.ID})
		}))
	}
	return k.frame(cat.Name.In(k.visit.lang), cat.Description.In(k.visit.lang), k.newPagedList(&s.page, rows), nil)
}
