package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"onestop/kiosk"
)

// listRows is how many procedure rows fit the screen at the current text
// size, so a list is paged and never scrolls.
func (k *Kiosk) listRows(reserved float32) int {
	th := newTheme(k.pack.Settings.MinTextPx, false, k.textStep)
	// A row: a bold lead line, a body line, tile padding and the gap.
	row := th.Size(sizeLead)*1.35 + th.Size(sizeBody)*1.35 + 2*12 + 8 + 8
	// The top bar, the heading and the pager are reserved too.
	free := k.available().Height - 88 - th.Size(sizeHeading)*1.4 - th.Size(sizeBody)*1.4 - 32 - 88 - reserved
	return max(1, int(free/row))
}

// categoryScreen lists the procedures of a category, a page at a time.
func (k *Kiosk) categoryScreen(id string, page int) fyne.CanvasObject {
	cat, ok := k.pack.Category(id)
	if !ok {
		return k.frame(k.t("not_found"), id, container.NewVBox())
	}
	procs, page, pages := pageOf(k.pack.InCategory(id), page, k.listRows(0))
	k.categoryPage = page
	var rows []fyne.CanvasObject
	for _, p := range procs {
		p := p
		rows = append(rows, k.procedureTile(p, func() {
			k.navigate(kiosk.Route{Kind: "procedure", Arg: p.Code})
		}))
	}
	turn := func(to int) {
		k.screen.Objects = []fyne.CanvasObject{k.categoryScreen(id, to)}
		k.screen.Refresh()
	}
	body := container.NewBorder(nil, k.pager(page, pages, turn), nil, nil, container.NewVBox(rows...))
	return k.frame(cat.Name.In(k.lang), cat.Description.In(k.lang), body)
}
