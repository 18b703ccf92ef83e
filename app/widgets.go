package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// minTarget is the smallest tappable size, in px: well above WCAG's 44 px,
// as elderly fingers need.
const minTarget = 64

// tileInset is the margin inside a tile, around its content.
const tileInset = 14

// tileStyle picks a tile's colours.
type tileStyle int

const (
	styleTile   tileStyle = iota // light card with an outline
	styleAccent                  // the main action of a screen
	styleBar                     // a button of the top bar
	styleClear                   // no card: a tappable area over other drawing
)

// tile is the kiosk's one tappable thing: a card with any content that
// reacts to the whole of its area, darkens under the finger, and is never
// smaller than minTarget.
type tile struct {
	widget.BaseWidget
	content  fyne.CanvasObject
	onTap    func()
	style    tileStyle
	minSize  fyne.Size
	disabled bool
	pressed  bool
	bg       *canvas.Rectangle
	// edge, when set, outlines the tile thickly in that colour: a button
	// on a card of its own colour still looks like a button.
	edge fyne.ThemeColorName
	// inset, when set, is the margin inside the tile instead of tileInset
	// (a form's chips, many to a screen).
	inset float32
}

var (
	_ fyne.Tappable     = (*tile)(nil)
	_ desktop.Mouseable = (*tile)(nil)
)

// choiceTile is one of several choices, in the accent colour when it is
// the one chosen (or one of those chosen).
func choiceTile(label string, on bool, onTap func()) *tile {
	style, c := styleTile, colorTileText
	if on {
		style, c = styleAccent, colorAccentText
	}
	return newTile(vCenter(newText(label, textOpts{size: sizeChrome, bold: true, color: c, wrap: fyne.TextWrapWord})), style, onTap)
}

func newTile(content fyne.CanvasObject, style tileStyle, onTap func()) *tile {
	t := &tile{content: content, onTap: onTap, style: style, minSize: fyne.NewSquareSize(minTarget)}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tile) CreateRenderer() fyne.WidgetRenderer {
	t.bg = canvas.NewRectangle(color.Transparent)
	t.bg.CornerRadius = 14
	t.paint()
	pad := float32(tileInset)
	if t.inset > 0 {
		pad = t.inset
	}
	if t.style == styleClear {
		pad = 0
	}
	inner := container.New(&insetLayout{pad}, t.content)
	return &tileRenderer{t: t, stack: container.NewStack(t.bg, inner)}
}

type tileRenderer struct {
	t     *tile
	stack *fyne.Container
}

func (r *tileRenderer) Destroy()                     {}
func (r *tileRenderer) Layout(s fyne.Size)           { r.stack.Resize(s) }
func (r *tileRenderer) MinSize() fyne.Size           { return r.stack.MinSize() }
func (r *tileRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.stack} }

func (r *tileRenderer) Refresh() {
	r.t.paint()
	r.stack.Refresh()
}

func (t *tile) paint() {
	if t.bg == nil {
		return
	}
	bg, edge := colorTile, colorTileEdge
	switch t.style {
	case styleAccent:
		bg, edge = colorAccent, colorAccent
	case styleBar:
		bg, edge = colorBar, colorBarText
	}
	if t.style == styleClear {
		t.bg.FillColor, t.bg.StrokeColor = color.Transparent, color.Transparent
		t.bg.Refresh()
		return
	}
	if t.pressed && !t.disabled {
		bg = colorPressed
	}
	t.bg.FillColor = theme.Color(bg)
	t.bg.StrokeColor = theme.Color(edge)
	t.bg.StrokeWidth = 2
	if t.edge != "" {
		t.bg.StrokeColor, t.bg.StrokeWidth = theme.Color(t.edge), 4
	}
	if t.disabled {
		t.bg.StrokeColor = theme.Color(theme.ColorNameDisabled)
	}
	t.bg.Refresh()
}

func (t *tile) MinSize() fyne.Size {
	return t.BaseWidget.MinSize().Max(t.minSize)
}

func (t *tile) Tapped(*fyne.PointEvent) {
	t.setPressed(false)
	if !t.disabled && t.onTap != nil {
		t.onTap()
	}
}

func (t *tile) MouseDown(*desktop.MouseEvent) { t.setPressed(true) }
func (t *tile) MouseUp(*desktop.MouseEvent)   { t.setPressed(false) }

func (t *tile) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (t *tile) setPressed(p bool) {
	if t.pressed != p {
		t.pressed = p
		t.paint()
	}
}

func (t *tile) setDisabled(d bool) {
	t.disabled = d
	t.paint()
}

// insetLayout places its one object inside a margin.
type insetLayout struct{ pad float32 }

func (l *insetLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(l.pad, l.pad))
		o.Resize(size.SubtractWidthHeight(2*l.pad, 2*l.pad).Max(fyne.NewSize(0, 0)))
	}
}

func (l *insetLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m.AddWidthHeight(2*l.pad, 2*l.pad)
}

// textOpts describe a run of text.
type textOpts struct {
	size  fyne.ThemeSizeName
	color fyne.ThemeColorName
	bold  bool
	wrap  fyne.TextWrap
	align fyne.TextAlign
}

// newText makes a wrapping text in one of the kiosk's sizes and colours.
func newText(s string, o textOpts) *widget.RichText {
	if o.size == "" {
		o.size = sizeBody
	}
	if o.color == "" {
		o.color = theme.ColorNameForeground
	}
	rt := widget.NewRichText(&widget.TextSegment{
		Text: s,
		Style: widget.RichTextStyle{
			Alignment: o.align,
			ColorName: o.color,
			SizeName:  o.size,
			TextStyle: fyne.TextStyle{Bold: o.bold},
		},
	})
	rt.Wrapping = o.wrap
	return rt
}

// tileText is the text of a tile: a title and an optional second line.
func tileText(title, sub string, style tileStyle, titleSize fyne.ThemeSizeName) fyne.CanvasObject {
	main, second := colorTileText, colorTileSub
	switch style {
	case styleAccent:
		main, second = colorAccentText, colorAccentText
	case styleBar:
		main, second = colorBarText, colorBarText
	}
	parts := []fyne.CanvasObject{newText(title, textOpts{size: titleSize, color: main, bold: true, wrap: fyne.TextWrapWord})}
	if sub != "" {
		parts = append(parts, newText(sub, textOpts{size: sizeBody, color: second, wrap: fyne.TextWrapWord}))
	}
	return container.NewVBox(parts...)
}

// iconBox shows an icon at a fixed size.
func iconBox(res fyne.Resource, side float32) fyne.CanvasObject {
	img := canvas.NewImageFromResource(res)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSquareSize(side))
	return img
}

// withIcon puts an icon to the left of a tile's text, centred vertically.
func withIcon(icon fyne.CanvasObject, text fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, container.NewCenter(icon), nil, vCenter(text))
}

// vCenter centres an object vertically at its minimum height, using the
// full width (so wrapped text wraps at the width it is given).
func vCenter(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(vCenterLayout{}, o)
}

type vCenterLayout struct{}

func (vCenterLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		h := o.MinSize().Height // wrapped text knows its height once it has its width
		o.Resize(fyne.NewSize(size.Width, h))
		o.Move(fyne.NewPos(0, (size.Height-h)/2))
	}
}

func (vCenterLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}
