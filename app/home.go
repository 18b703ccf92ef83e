package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk"
	"onestop/kiosk/content"
)

// homeScreen shows the life-event categories as large tiles, then the
// general guides and the search.
func (k *Kiosk) homeScreen() fyne.CanvasObject {
	iconSide := float32(72)
	var cats []fyne.CanvasObject
	for _, c := range k.pack.Categories {
		c := c
		cats = append(cats, k.iconTile(c.Icon, c.Name.In(k.lang), c.Description.In(k.lang), iconSide, func() {
			k.navigate(kiosk.Route{Kind: "category", Arg: c.ID})
		}))
	}
	var more []fyne.CanvasObject
	for _, g := range k.pack.Guides {
		g := g
		more = append(more, k.iconTile(g.Icon, g.Title.In(k.lang), "", iconSide, func() {
			k.navigate(kiosk.Route{Kind: "guide", Arg: g.ID})
		}))
	}
	find := newTile(withIcon(iconBox(theme.NewColoredResource(theme.SearchIcon(), colorAccentText), iconSide),
		tileText(k.t("search_tile"), k.t("search_tile_sub"), styleAccent, sizeLead)), styleAccent,
		k.act(func() { k.navigate(kiosk.Route{Kind: "search"}) }))
	more = append(more, find)

	grid := container.NewGridWithColumns(3, cats...)
	bottom := container.NewGridWithColumns(len(more), more...)
	body := container.NewBorder(nil, bottom, nil, nil, grid)
	return k.frame(k.t("home_title"), k.t("home_sub"), body)
}

// iconTile is a tile with a content icon, a title and an optional line.
func (k *Kiosk) iconTile(icon, title, sub string, side float32, onTap func()) *tile {
	text := tileText(title, sub, styleTile, sizeLead)
	var c fyne.CanvasObject = vCenter(text)
	if res := k.image(icon); res != nil {
		c = withIcon(iconBox(res, side), text)
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
