package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// Margins of a screen's page, in px.
const (
	pageInset = 16
	gap       = 8
)

// frame puts a screen under the top bar, which is the same on every screen:
// back and home on the left, text size, contrast and language on the right,
// each one tap away. The heading and the body fill the left; side (may be
// nil) takes the right, from the bar to the bottom.
func (k *Kiosk) frame(title, subtitle string, body, side fyne.CanvasObject) fyne.CanvasObject {
	bar := k.bar()
	page := container.NewBorder(k.heading(title, subtitle), nil, nil, nil, body)
	if side != nil {
		page = container.NewBorder(nil, nil, nil, container.NewPadded(side), page)
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	return container.NewStack(bg, container.NewBorder(bar, nil, nil, nil, container.New(&insetLayout{pageInset}, page)))
}

func (k *Kiosk) bar() fyne.CanvasObject {
	return container.NewStack(canvas.NewRectangle(theme.Color(colorBar)), container.New(&insetLayout{6}, k.topBar()))
}

func (k *Kiosk) heading(title, subtitle string) fyne.CanvasObject {
	var head []fyne.CanvasObject
	if title != "" {
		head = append(head, newText(title, textOpts{size: sizeHeading, bold: true, wrap: fyne.TextWrapWord}))
	}
	if subtitle != "" {
		head = append(head, newText(subtitle, textOpts{size: sizeBody, color: colorMuted, wrap: fyne.TextWrapWord}))
	}
	return container.NewVBox(head...)
}

// bodySpace is the room a frame leaves for its body, measured on the
// real bar and heading at the window's size.
func (k *Kiosk) bodySpace(title, subtitle string, side fyne.CanvasObject) fyne.Size {
	s := k.available()
	w := s.Width - 2*pageInset
	if side != nil {
		w -= container.NewPadded(side).MinSize().Width + theme.Padding()
	}
	// The border layouts put a padding between the bar and the page, and
	// between the heading and the body.
	h := s.Height - k.bar().MinSize().Height - 2*pageInset - heightAt(k.heading(title, subtitle), w) - 2*theme.Padding()
	return fyne.NewSize(w, h)
}

// heightAt is the height an object needs at a given width (wrapped text
// needs more lines when narrower).
func heightAt(o fyne.CanvasObject, w float32) float32 {
	o.Resize(fyne.NewSize(w, o.MinSize().Height))
	return o.MinSize().Height
}

// paginate splits rows into pages that each fit in h at width w, keeping
// their order; a row taller than a page gets a page of its own.
func paginate(rows []fyne.CanvasObject, w, h float32) [][]fyne.CanvasObject {
	var pages [][]fyne.CanvasObject
	var cur []fyne.CanvasObject
	used := float32(0)
	for _, r := range rows {
		rh := heightAt(r, w)
		if len(cur) > 0 && used+gap+rh > h {
			pages = append(pages, cur)
			cur, used = nil, 0
		}
		if len(cur) > 0 {
			used += gap
		}
		cur = append(cur, r)
		used += rh
	}
	if len(cur) > 0 || len(pages) == 0 {
		pages = append(pages, cur)
	}
	return pages
}

// pagerHeight is the room a pager takes below a list.
const pagerHeight = 72 + 2*gap

func (k *Kiosk) topBar() fyne.CanvasObject {
	back := k.barButton(theme.NavigateBackIcon(), k.t("back"), k.back)
	home := k.barButton(theme.HomeIcon(), k.t("home"), k.home)
	size := k.barButton(theme.ZoomInIcon(), fmt.Sprintf("%s %d/%d", k.t("text_size"), k.visit.textStep+1, len(textSteps)), k.nextTextStep)
	contrastLabel := k.t("contrast_on")
	if k.visit.highContrast {
		contrastLabel = k.t("contrast_off")
	}
	contrast := k.barButton(theme.ColorAchromaticIcon(), contrastLabel, k.toggleContrast)
	right := []fyne.CanvasObject{size, contrast}
	if len(k.pack.Settings.Languages) > 1 {
		other := "en"
		if k.visit.lang == "en" {
			other = "vi"
		}
		right = append(right, k.barButton(nil, k.words[other]["language_name"], func() { k.setLang(other) }))
	}
	// The empty middle of the bar is the staff gesture's place (five quick
	// taps); while a session is open it says so, for staff to see.
	var middle fyne.CanvasObject = layout.NewSpacer()
	if k.staff != nil && k.staff.session != nil {
		middle = container.NewCenter(newText(k.tf("bar_session", k.staff.member.Name), textOpts{size: sizeChrome, color: colorBarText}))
	}
	spot := newTile(middle, styleClear, k.secretTap)
	return container.NewBorder(nil, nil, container.NewHBox(back, home), container.NewHBox(right...), spot)
}

// barButton is a button of the top bar: an icon and a short word.
func (k *Kiosk) barButton(icon fyne.Resource, label string, onTap func()) *tile {
	text := newText(label, textOpts{size: sizeChrome, color: colorBarText, bold: true})
	var content fyne.CanvasObject = vCenter(text)
	if icon != nil {
		content = container.NewHBox(container.NewCenter(iconBox(theme.NewColoredResource(icon, colorBarText), 32)), vCenter(text))
	}
	t := newTile(content, styleBar, k.act(onTap))
	t.minSize = fyne.NewSize(minTarget*2, minTarget)
	return t
}

// pager is a row of big previous/next buttons with "Trang 2/5" between,
// since finger-drag scrolling does not work on a desktop touchscreen.
func (k *Kiosk) pager(page, pages int, turn func(int)) fyne.CanvasObject {
	if pages <= 1 {
		return container.NewHBox()
	}
	prev := k.pageButton(theme.NavigateBackIcon(), k.t("prev_page"), false, page > 0, func() { turn(page - 1) })
	next := k.pageButton(theme.NavigateNextIcon(), k.t("next_page"), true, page < pages-1, func() { turn(page + 1) })
	prev.minSize = fyne.NewSize(240, 72)
	next.minSize = prev.minSize
	where := newText(k.tf("page_of", page+1, pages), textOpts{size: sizeChrome, bold: true, align: fyne.TextAlignCenter})
	return container.NewBorder(nil, nil, prev, next, vCenter(where))
}

// pageButton is one button of a pager: an arrow, and a word when label is
// given (after the arrow, or before it when iconLast). A button that cannot
// be used is drawn greyed out rather than hidden, so the row never moves.
func (k *Kiosk) pageButton(icon fyne.Resource, label string, iconLast, enabled bool, onTap func()) *tile {
	c := colorTileText
	if !enabled {
		c = theme.ColorNameDisabled
	}
	arrow := iconBox(theme.NewColoredResource(icon, c), 36)
	var content fyne.CanvasObject = container.NewCenter(arrow)
	if label != "" {
		word := vCenter(newText(label, textOpts{size: sizeChrome, color: c, bold: true}))
		if iconLast {
			content = container.NewHBox(word, arrow)
		} else {
			content = container.NewHBox(arrow, word)
		}
	}
	t := newTile(content, styleTile, k.act(onTap))
	t.setDisabled(!enabled)
	return t
}

// clampPage keeps a page number inside [0, pages).
func clampPage(page, pages int) int { return max(0, min(page, pages-1)) }

// vpagerWidth is the width of a pager beside a list.
const vpagerWidth = 3*minTarget + 2*gap + 16

// vpager is a pager beside a list, for screens short of height: up and
// down buttons with "2/5" between, in one row.
func (k *Kiosk) vpager(page, pages int, turn func(int)) fyne.CanvasObject {
	if pages <= 1 {
		return container.NewHBox()
	}
	up := k.pageButton(theme.MoveUpIcon(), "", false, page > 0, func() { turn(page - 1) })
	down := k.pageButton(theme.MoveDownIcon(), "", false, page < pages-1, func() { turn(page + 1) })
	where := newText(fmt.Sprintf("%d/%d", page+1, pages), textOpts{size: sizeChrome, bold: true, align: fyne.TextAlignCenter})
	return container.NewVBox(container.NewHBox(up, container.New(&fixedWidthLayout{width: minTarget}, vCenter(where)), down))
}
