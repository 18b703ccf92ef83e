package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// idleWarning covers the screen when the kiosk has been quiet too long: a
// countdown and one big button to carry on. Any tap on it counts as input.
type idleWarning struct {
	k     *Kiosk
	layer *fyne.Container
	left  int
}

func newIdleWarning(k *Kiosk) *idleWarning {
	w := &idleWarning{k: k, layer: container.NewStack()}
	w.layer.Hide()
	return w
}

func (w *idleWarning) showing() bool { return w.layer.Visible() }

// show shows the warning with the seconds left.
func (w *idleWarning) show(left int) {
	if w.showing() && w.left == left {
		return
	}
	w.left = left
	k := w.k
	shade := canvas.NewRectangle(color.NRGBA{0, 0, 0, 0xb0})
	carryOn := newTile(vCenter(newText(k.t("idle_continue"), textOpts{size: sizeHeading, color: colorAccentText, bold: true, align: fyne.TextAlignCenter})),
		styleAccent, k.act(func() {}))
	carryOn.minSize = fyne.NewSize(520, 120)
	// In high contrast the card and the button share one yellow: the
	// outline keeps the button a button.
	carryOn.edge = colorWarnText
	card := container.NewVBox(
		newText(k.t("idle_title"), textOpts{size: sizeHeading, color: colorWarnText, bold: true, align: fyne.TextAlignCenter}),
		newText(k.tf("idle_countdown", left), textOpts{size: sizeLead, color: colorWarnText, align: fyne.TextAlignCenter, wrap: fyne.TextWrapWord}),
		newText(k.t("idle_forget"), textOpts{size: sizeBody, color: colorWarnText, align: fyne.TextAlignCenter, wrap: fyne.TextWrapWord}),
		carryOn,
	)
	bg := canvas.NewRectangle(theme.Color(colorWarn))
	bg.CornerRadius = 20
	bg.StrokeColor = theme.Color(colorTileEdge)
	bg.StrokeWidth = 4
	box := container.NewStack(bg, container.New(&insetLayout{32}, card))
	// The shade is a tile too, so a tap anywhere dismisses the warning.
	whole := newTile(container.NewStack(shade, container.NewCenter(container.New(&fixedWidthLayout{width: 760}, box))), styleClear, k.act(func() {}))
	w.layer.Objects = []fyne.CanvasObject{whole}
	w.layer.Show()
	w.k.refresh(w.layer)
}

func (w *idleWarning) hide() {
	if w.showing() {
		w.layer.Hide()
		w.layer.Objects = nil
		w.k.refresh(w.layer)
	}
}
