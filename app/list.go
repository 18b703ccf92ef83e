package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pagedList is the kiosk's one list: it shows as many rows as fit the room
// it is given, a page at a time, with big previous/next buttons when there
// is more than one page (finger-drag scrolling does not work on a desktop
// touchscreen). Pages are cut when the list is laid out, from the size it
// really has, so every screen and every text size pages alike. The page
// shown belongs to the screen (page points into it), so a redraw keeps it.
type pagedList struct {
	widget.BaseWidget
	k    *Kiosk
	rows []fyne.CanvasObject
	page *int
	// side puts a narrow pager beside the rows rather than under them.
	side bool
	// stretch shares the height a page leaves over among its rows (the
	// home screen's tiles fill the screen).
	stretch bool
	// more, when set, makes a list of one page: the rows that fit, and
	// where a pager would be, the tile more returns (given the number of
	// rows) to see them all.
	more func(all int) fyne.CanvasObject
	// pages is the number of pages at the last layout (tests read it).
	pages int
}

func (k *Kiosk) newPagedList(page *int, rows []fyne.CanvasObject) *pagedList {
	l := &pagedList{k: k, rows: rows, page: page}
	l.ExtendBaseWidget(l)
	return l
}

// sidePaged is a list whose pager stands beside it, for screens short of
// height (search above the keypad).
func (k *Kiosk) sidePaged(page *int, rows []fyne.CanvasObject) *pagedList {
	l := k.newPagedList(page, rows)
	l.side = true
	return l
}

func (l *pagedList) CreateRenderer() fyne.WidgetRenderer {
	return &pagedRenderer{l: l}
}

// turn shows another page.
func (l *pagedList) turn(to int) {
	*l.page = to
	l.Refresh()
	l.k.win.Canvas().Refresh(l)
}

type pagedRenderer struct {
	l       *pagedList
	objects []fyne.CanvasObject
	size    fyne.Size
	// The rows' heights by width, measured once: wrapping a text to learn
	// its height is what a layout costs, and a list is laid out again at
	// each refresh and resize of the window. heights are those in use.
	byWidth map[float32][]float32
	heights []float32
	// pages and room are the last layout's: the rows of each page, and
	// the height a page had for its rows (the audit reads them).
	pages [][]int
	room  float32
	// The pager (or the "more" tile) of the last layout, and what it was
	// made for. A layout makes a new one only when that changes: a new
	// pager at every layout made Fyne lay the list out again at the next
	// frame, and so on, redrawing the screen without end.
	pager    fyne.CanvasObject
	pagerFor pagerKey
}

// pagerKey is what a pager shows: the page, of how many, and where.
type pagerKey struct {
	page, pages int
	side, more  bool
}

// pagerOf returns the pager for key, made by build unless the last one
// was made for the same.
func (r *pagedRenderer) pagerOf(key pagerKey, build func() fyne.CanvasObject) fyne.CanvasObject {
	if r.pager == nil || r.pagerFor != key {
		r.pager, r.pagerFor = build(), key
	}
	return r.pager
}

func (r *pagedRenderer) Destroy() {}

func (r *pagedRenderer) Objects() []fyne.CanvasObject { return r.objects }

// MinSize is one row's: the list takes the room its screen leaves it and
// pages what does not fit.
func (r *pagedRenderer) MinSize() fyne.Size {
	var m fyne.Size
	for _, o := range r.l.rows {
		m.Width = max(m.Width, o.MinSize().Width)
	}
	if len(r.l.rows) > 0 {
		m.Height = r.l.rows[0].MinSize().Height
	}
	return m
}

func (r *pagedRenderer) Refresh() {
	r.Layout(r.size)
	for _, o := range r.objects {
		o.Refresh()
	}
}

func (r *pagedRenderer) Layout(size fyne.Size) {
	r.size = size
	l := r.l
	if size.Width <= 0 || size.Height <= 0 {
		r.objects = nil
		return
	}
	rowW, rowH := size.Width, size.Height
	pages := paginate(r.measure(rowW), rowH)
	switch {
	case len(pages) > 1 && l.more != nil:
		rowH -= pagerHeight
		pages = paginate(r.heights, rowH)
		*l.page = 0
	case len(pages) > 1 && l.side:
		// The pager beside the rows takes its width from them.
		rowW -= vpagerWidth + gap
		pages = paginate(r.measure(rowW), rowH)
	case len(pages) > 1:
		rowH -= pagerHeight
		pages = paginate(r.heights, rowH)
	}
	l.pages = len(pages)
	r.pages, r.room = pages, rowH
	*l.page = clampPage(*l.page, len(pages))
	shown := pages[*l.page]
	r.objects = make([]fyne.CanvasObject, 0, len(shown)+1)
	extra := float32(0)
	if l.stretch && len(shown) > 0 {
		used := float32(len(shown)-1) * gap
		for _, i := range shown {
			used += r.heights[i]
		}
		extra = max(0, rowH-used) / float32(len(shown))
	}
	y := float32(0)
	for _, i := range shown {
		o, h := l.rows[i], r.heights[i]+extra
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(rowW, h))
		r.objects = append(r.objects, o)
		y += h + gap
	}
	if len(pages) <= 1 {
		return
	}
	if l.more != nil {
		if len(shown) > 0 && r.heights[shown[0]] > rowH {
			r.objects = r.objects[:0] // not even one row fits above the button: the button alone
		}
		m := r.pagerOf(pagerKey{pages: len(l.rows), more: true}, func() fyne.CanvasObject { return l.more(len(l.rows)) })
		m.Move(fyne.NewPos(0, size.Height-pagerHeight+gap))
		m.Resize(fyne.NewSize(size.Width, pagerHeight-gap))
		r.objects = append(r.objects, m)
		return
	}
	var pager fyne.CanvasObject
	key := pagerKey{page: *l.page, pages: len(pages), side: l.side}
	if l.side {
		pager = r.pagerOf(key, func() fyne.CanvasObject { return l.k.vpager(*l.page, len(pages), l.turn) })
		pager.Move(fyne.NewPos(rowW+gap, 0))
		pager.Resize(fyne.NewSize(vpagerWidth, pager.MinSize().Height))
	} else {
		pager = r.pagerOf(key, func() fyne.CanvasObject { return l.k.pager(*l.page, len(pages), l.turn) })
		pager.Move(fyne.NewPos(0, size.Height-pagerHeight+gap))
		pager.Resize(fyne.NewSize(size.Width, pagerHeight-gap))
	}
	r.objects = append(r.objects, pager)
}

// measure returns the rows' heights at width w, measured once per width.
func (r *pagedRenderer) measure(w float32) []float32 {
	if hs, ok := r.byWidth[w]; ok {
		r.heights = hs
		return hs
	}
	if r.byWidth == nil {
		r.byWidth = map[float32][]float32{}
	}
	hs := make([]float32, len(r.l.rows))
	for i, o := range r.l.rows {
		hs[i] = heightAt(o, w)
	}
	r.byWidth[w], r.heights = hs, hs
	return hs
}

// paginate splits rows of the given heights into pages that each fit in
// h, keeping their order; a row taller than a page gets a page of its own.
// A page is the indices of its rows.
func paginate(heights []float32, h float32) [][]int {
	var pages [][]int
	var cur []int
	used := float32(0)
	for i, rh := range heights {
		if len(cur) > 0 && used+gap+rh > h {
			pages = append(pages, cur)
			cur, used = nil, 0
		}
		if len(cur) > 0 {
			used += gap
		}
		cur = append(cur, i)
		used += rh
	}
	if len(cur) > 0 || len(pages) == 0 {
		pages = append(pages, cur)
	}
	return pages
}

// pagerHeight is the room a pager takes below a list.
const pagerHeight = 72 + 2*gap

// vpagerWidth is the width of a pager beside a list.
const vpagerWidth = 3*minTarget + 2*gap + 16

// clampPage keeps a page number inside [0, pages).
func clampPage(page, pages int) int { return max(0, min(page, pages-1)) }

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
