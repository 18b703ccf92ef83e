package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"onestop/kiosk"
)

// categoryScreen lists the procedures of a category, a page at a time: as
// many rows as fit the screen at the resident's text size, never scrolled.
func (k *Kiosk) categoryScreen(id string, page int) fyne.CanvasObject {
	cat, ok := k.pack.Category(id)
	if !ok {
		return k.frame(k.t("not_found"), id, container.NewVBox(), nil)
	}
	title, sub := cat.Name.In(k.lang), cat.Description.In(k.lang)
	var rows []fyne.CanvasObject
	for _, p := range k.pack.InCategory(id) {
		p := p
		rows = append(rows, k.procedureTile(p, func() {
			k.navigate(kiosk.Route{Kind: "procedure", Arg: p.Code})
		}))
	}
	space := k.bodySpace(title, sub, nil)
	pages := paginate(rows, space.Width, space.Height-pagerHeight)
	page = clampPage(page, len(pages))
	k.categoryPage = page
	turn := func(to int) {
		k.screen.Objects = []fyne.CanvasObject{k.categoryScreen(id, to)}
		k.refresh(k.screen)
	}
	body := container.NewBorder(nil, k.pager(page, len(pages), turn), nil, nil, container.NewVBox(pages[page]...))
	return k.frame(title, sub, body, nil)
}
