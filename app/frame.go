package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// frame puts a screen under the top bar, which is the same on every screen:
// back and home on the left, text size, contrast and language on the right,
// each one tap away.
func (k *Kiosk) frame(title, subtitle string, body fyne.CanvasObject) fyne.CanvasObject {
	bar := container.NewStack(canvas.NewRectangle(theme.Color(colorBar)), container.NewPadded(k.topBar()))
	head := []fyne.CanvasObject{newText(title, textOpts{size: sizeHeading, bold: true, wrap: fyne.TextWrapWord})}
	if subtitle != "" {
		head = append(head, newText(subtitle, textOpts{size: sizeBody, color: colorMuted, wrap: fyne.TextWrapWord}))
	}
	page := container.NewBorder(container.NewVBox(head...), nil, nil, nil, body)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	return container.NewStack(bg, container.NewBorder(bar, nil, nil, nil, container.New(&insetLayout{16}, page)))
}

func (k *Kiosk) topBar() fyne.CanvasObject {
	back := k.barButton(theme.NavigateBackIcon(), k.t("back"), k.back)
	home := k.barButton(theme.HomeIcon(), k.t("home"), k.home)
	size := k.barButton(theme.ZoomInIcon(), fmt.Sprintf("%s %d/%d", k.t("text_size"), k.textStep+1, len(textSteps)), k.nextTextStep)
	contrastLabel := k.t("contrast_on")
	if k.highContrast {
		contrastLabel = k.t("contrast_off")
	}
	contrast := k.barButton(theme.ColorAchromaticIcon(), contrastLabel, k.toggleContrast)
	var items = []fyne.CanvasObject{back, home, layout.NewSpacer(), size, contrast}
	if len(k.pack.Settings.Languages) > 1 {
		other := "en"
		if k.lang == "en" {
			other = "vi"
		}
		items = append(items, k.barButton(nil, k.words[other]["language_name"], func() { k.setLang(other) }))
	}
	return container.NewHBox(items...)
}

// barButton is a button of the top bar: an icon and a short word.
func (k *Kiosk) barButton(icon fyne.Resource, label string, onTap func()) *tile {
	text := newText(label, textOpts{size: sizeChrome, color: colorBarText, bold: true})
	var content fyne.CanvasObject = vCenter(text)
	if icon != nil {
		content = container.NewHBox(container.NewCenter(iconBox(theme.NewColoredResource(icon, colorBarText), 36)), vCenter(text))
	}
	t := newTile(content, styleBar, k.act(onTap))
	t.minSize = fyne.NewSize(minTarget*2, 72)
	return t
}

// pager is a row of big previous/next buttons with "Trang 2/5" between,
// since finger-drag scrolling does not work on a desktop touchscreen.
func (k *Kiosk) pager(page, pages int, turn func(int)) fyne.CanvasObject {
	if pages <= 1 {
		return container.NewHBox()
	}
	prev := newTile(container.NewHBox(iconBox(theme.NewColoredResource(theme.NavigateBackIcon(), colorTileText), 36),
		vCenter(newText(k.t("prev_page"), textOpts{size: sizeChrome, color: colorTileText, bold: true}))), styleTile,
		k.act(func() { turn(page - 1) }))
	next := newTile(container.NewHBox(vCenter(newText(k.t("next_page"), textOpts{size: sizeChrome, color: colorTileText, bold: true})),
		iconBox(theme.NewColoredResource(theme.NavigateNextIcon(), colorTileText), 36)), styleTile,
		k.act(func() { turn(page + 1) }))
	prev.minSize = fyne.NewSize(240, 72)
	next.minSize = fyne.NewSize(240, 72)
	prev.setDisabled(page == 0)
	next.setDisabled(page >= pages-1)
	where := newText(k.tf("page_of", page+1, pages), textOpts{size: sizeChrome, bold: true, align: fyne.TextAlignCenter})
	return container.NewBorder(nil, nil, prev, next, vCenter(where))
}

// pageOf returns the items of one page and the number of pages.
func pageOf[T any](items []T, page, per int) ([]T, int, int) {
	if per < 1 {
		per = 1
	}
	pages := (len(items) + per - 1) / per
	if pages == 0 {
		pages = 1
	}
	page = max(0, min(page, pages-1))
	lo := page * per
	hi := min(lo+per, len(items))
	return items[lo:hi], page, pages
}
