package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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
	// More than two rows of categories on a landscape screen take four to
	// a row at the normal text size, so that every category, the lessons
	// and the search stay on one page; larger text keeps three to a row
	// (four would wrap every line) and pages.
	wide := len(k.pack.Categories) > 6 && !k.shape().portrait() && k.shape().columns() == 3 && k.visit.textStep == 0
	if wide {
		iconSide = 56 // four tiles to a row leave less room beside the icon
	}
	catTile := func(c content.Category, described bool) fyne.CanvasObject {
		sub := ""
		if described {
			sub = c.Description.In(lang)
		}
		return k.iconTile(c.Icon, c.Name.In(lang), sub, iconSide, func() {
			k.navigate(Route{Kind: RouteCategory, Arg: c.ID})
		})
	}
	var cats []fyne.CanvasObject
	for _, c := range k.pack.Categories {
		cats = append(cats, catTile(c, true))
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
	find := func(sub string) fyne.CanvasObject {
		return newTile(withIcon(iconBox(theme.NewColoredResource(theme.SearchIcon(), colorAccentText), iconSide),
			tileText(k.t("search_tile"), sub, styleAccent, sizeLead)), styleAccent,
			k.act(func() { k.navigate(Route{Kind: RouteSearch}) }))
	}
	more = append(more, find(k.t("search_tile_sub")))

	// Three tiles to a row on a wide screen (four, above), two on a narrow
	// one; the lessons and the search share the last row, or two on a
	// narrow screen.
	cols := k.shape().columns()
	if wide {
		cols = 4
	}
	// A last row of categories short of tiles takes the lessons and the
	// search beside it, when they make one row of at most cols+1 (a postal
	// point's ninth category); its categories' names and the search's
	// stand alone there, as the lessons' do, so that the narrower tiles
	// stay as low.
	if n := len(cats) % cols; n > 0 && n+len(more) <= cols+1 {
		var last []fyne.CanvasObject
		for _, c := range k.pack.Categories[len(cats)-n:] {
			last = append(last, catTile(c, false))
		}
		more = append(last, append(more[:len(more)-1:len(more)-1], find(""))...)
		cats = cats[:len(cats)-n]
	}
	var rows []fyne.CanvasObject
	for i := 0; i < len(cats); i += cols {
		rows = append(rows, container.NewGridWithColumns(cols, cats[i:min(i+cols, len(cats))]...))
	}
	if per := len(more); per > cols+1 {
		per = (len(more) + 1) / 2
		for i := 0; i < len(more); i += per {
			rows = append(rows, container.NewGridWithColumns(per, more[i:min(i+per, len(more))]...))
		}
	} else {
		rows = append(rows, container.NewGridWithColumns(len(more), more...))
	}
	list := k.newPagedList(&s.page, rows)
	list.stretch = true
	// The counter's hours and hotlines: beside the heading on a wide
	// screen, where the heading leaves room, at the foot in portrait.
	// Outside the hours the line under the title says when the counter
	// opens, in place of the staff's offer of help.
	var top, foot fyne.CanvasObject = k.heading(k.t("home_title"), k.t("home_sub")), nil
	if closed := k.closedNotice(k.clock.Now()); closed != "" {
		top = container.NewVBox(newText(k.t("home_title"), textOpts{size: sizeHeading, bold: true, wrap: fyne.TextWrapWord}),
			k.closedBand(closed, sizeBody, false))
	}
	if info, w := k.siteInfo(0, fyne.TextAlignTrailing); info != nil {
		room := k.available().Width - 2*pageInset
		head := newText(k.t("home_title"), textOpts{size: sizeHeading, bold: true}).MinSize().Width
		if !k.shape().portrait() && head+w+2*theme.Padding() <= room {
			top = container.NewBorder(nil, nil, nil, info, top)
		} else {
			foot, _ = k.siteInfo(room, fyne.TextAlignLeading)
		}
	}
	return k.frame("", "", container.NewBorder(top, foot, nil, nil, list), nil)
}

// iconTile is a tile with a content icon, a title and an optional line.
func (k *Kiosk) iconTile(icon, title, sub string, side float32, onTap func()) *tile {
	text := tileText(title, sub, styleTile, sizeLead)
	var c fyne.CanvasObject = vCenter(text)
	if icon != "" {
		c = withIcon(k.contentIcon(icon, side), text)
	}
	return newTile(c, styleTile, k.act(onTap))
}

// contentIcon is a content pack's icon. The pack's icons are drawn in
// their own colours (navy, orange) for a light tile; in high contrast they
// sit on a white badge, so they do not vanish into the black.
func (k *Kiosk) contentIcon(name string, side float32) fyne.CanvasObject {
	if !k.visit.highContrast {
		return k.picture(name, iconPx, fyne.NewSquareSize(side))
	}
	inner := side - 12
	badge := canvas.NewRectangle(theme.Color(colorQRBack))
	badge.CornerRadius = 10
	return container.NewStack(badge, container.New(&insetLayout{6}, k.picture(name, iconPx, fyne.NewSquareSize(inner))))
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
