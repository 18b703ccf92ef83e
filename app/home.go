package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk/content"
)

// homeScreen shows the life-event categories as large tiles, then the
// lessons and the search. At large text sizes the rows that do not fit go
// to a second page.
type homeScreen struct {
	k    *Kiosk
	page int
}

func newHomeScreen(k *Kiosk, _ string) screen { return &homeScreen{k: k} }

func (s *homeScreen) view() fyne.CanvasObject {
	k := s.k
	lang := k.visit.lang
	iconSide := float32(72)
	var cats []fyne.CanvasObject
	for _, c := range k.pack.Categories {
		cats = append(cats, k.iconTile(c.Icon, c.Name.In(lang), c.Description.In(lang), iconSide, func() {
			k.navigate(Route{Kind: RouteCategory, Arg: c.ID})
		}))
	}
	var more []fyne.CanvasObject
	for _, t := range k.pack.Tutorials {
		if !t.Home {
			continue
		}
		more = append(more, k.iconTile(t.Icon, t.Title.In(lang), "", iconSide, func() {
			k.navigate(Route{Kind: RouteTutorial, Arg: t.ID})
		}))
	}
	if len(k.pack.Tutorials) > 0 {
		more = append(more, newTile(withIcon(iconBox(theme.NewColoredResource(theme.MediaPlayIcon(), colorTileText), iconSide),
			tileText(k.t("lessons_tile"), "", styleTile, sizeLead)), styleTile,
			k.act(func() { k.navigate(Route{Kind: RouteTutorials}) })))
	}
	find := newTile(withIcon(iconBox(theme.NewColoredResource(theme.SearchIcon(), colorAccentText), iconSide),
		tileText(k.t("search_tile"), k.t("search_tile_sub"), styleAccent, sizeLead)), styleAccent,
		k.act(func() { k.navigate(Route{Kind: RouteSearch}) }))
	more = append(more, find)

	var rows []fyne.CanvasObject
	for i := 0; i < len(cats); i += 3 {
		rows = append(rows, container.NewGridWithColumns(3, cats[i:min(i+3, len(cats))]...))
	}
	rows = append(rows, container.NewGridWithColumns(len(more), more...))
	list := k.newPagedList(&s.page, rows)
	list.stretch = true
	return k.frame(k.t("home_title"), k.t("home_sub"), list, nil)
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
