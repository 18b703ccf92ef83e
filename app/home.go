package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk"
	"onestop/kiosk/content"
)

// homeScreen shows the life-event categories as large tiles, then the
// lessons and the search. At large text sizes the rows that do not
// fit go to a second page.
func (k *Kiosk) homeScreen(page int) fyne.CanvasObject {
	iconSide := float32(72)
	var cats []fyne.CanvasObject
	for _, c := range k.pack.Categories {
		c := c
		cats = append(cats, k.iconTile(c.Icon, c.Name.In(k.lang), c.Description.In(k.lang), iconSide, func() {
			k.navigate(kiosk.Route{Kind: "category", Arg: c.ID})
		}))
	}
	var more []fyne.CanvasObject
	for _, t := range k.pack.Tutorials {
		if !t.Home {
			continue
		}
		t := t
		more = append(more, k.iconTile(t.Icon, t.Title.In(k.lang), "", iconSide, func() {
			k.navigate(kiosk.Route{Kind: "tutorial", Arg: t.ID})
		}))
	}
	if len(k.pack.Tutorials) > 0 {
		more = append(more, newTile(withIcon(iconBox(theme.NewColoredResource(theme.MediaPlayIcon(), colorTileText), iconSide),
			tileText(k.t("lessons_tile"), "", styleTile, sizeLead)), styleTile,
			k.act(func() { k.navigate(kiosk.Route{Kind: "tutorials"}) })))
	}
	find := newTile(withIcon(iconBox(theme.NewColoredResource(theme.SearchIcon(), colorAccentText), iconSide),
		tileText(k.t("search_tile"), k.t("search_tile_sub"), styleAccent, sizeLead)), styleAccent,
		k.act(func() { k.navigate(kiosk.Route{Kind: "search"}) }))
	more = append(more, find)

	var rows []fyne.CanvasObject
	for i := 0; i < len(cats); i += 3 {
		rows = append(rows, container.NewGridWithColumns(3, cats[i:min(i+3, len(cats))]...))
	}
	rows = append(rows, container.NewGridWithColumns(len(more), more...))

	title, sub := k.t("home_title"), k.t("home_sub")
	space := k.bodySpace(title, sub, nil)
	pages := paginate(rows, space.Width, space.Height)
	if len(pages) > 1 {
		pages = paginate(rows, space.Width, space.Height-pagerHeight)
	}
	page = clampPage(page, len(pages))
	k.homePage = page
	turn := func(to int) {
		k.screen.Objects = []fyne.CanvasObject{k.homeScreen(to)}
		k.refresh(k.screen)
	}
	body := container.NewBorder(nil, k.pager(page, len(pages), turn), nil, nil, container.NewGridWithRows(len(pages[page]), pages[page]...))
	return k.frame(title, sub, body, nil)
}

// iconTile is a tile with a content icon, a title and an optional line.
func (k *Kiosk) iconTile(icon, title, sub string, side float32, onTap func()) *tile {
	text := tileText(title, sub, styleTile, sizeLead)
	var c fyne.CanvasObject = vCenter(text)
	if icon != "" {
		c = withIcon(k.picture(icon, iconPx, fyne.NewSquareSize(side)), text)
	}
	return newTile(c, styleTile, k.act(onTap))
}

// procedureTile is one row of a list of procedures.
func (k *Kiosk) procedureTile(p content.Procedure, onTap func()) *tile {
	sub := k.tf("proc_line", p.Code, levelText(k, p.Level), onlineShort(k, p.Online))
	return newTile(tileText(p.Name, sub, styleTile, sizeLead), styleTile, k.act(onTap))
}

func levelText(k *Kiosk, l content.Level) string {
	return k.t("level_" + string(l))
}

func onlineShort(k *Kiosk, o content.Online) string {
	return k.t("online_" + string(o))
}

// resultTile is a compact row of search results: the name and the code on
// one tile, so that results fit above the keypad.
func (k *Kiosk) resultTile(p content.Procedure, onTap func()) *tile {
	return newTile(vCenter(newText(p.Name+" · "+p.Code, textOpts{size: sizeBody, color: colorTileText, bold: true, wrap: fyne.TextWrapWord})),
		styleTile, k.act(onTap))
}
