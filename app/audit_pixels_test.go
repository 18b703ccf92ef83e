package app

import (
	"fmt"
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// The audit's checks of the drawn screen: what a resident sees, read off
// the captured pixels rather than the colours the code asked for, so a
// navy icon on the black of high contrast, or a white button on a white
// card, is found whatever drew it.

// placed is a laid-out object with its place in the window.
type placed struct {
	o   fyne.CanvasObject
	pos fyne.Position
}

// placedObjects walks the visible objects of a tree with their absolute
// positions.
func placedObjects(root fyne.CanvasObject) []placed {
	var out []placed
	var walk func(o fyne.CanvasObject, at fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position) {
		if o == nil || !o.Visible() {
			return
		}
		p := at.Add(o.Position())
		out = append(out, placed{o, p})
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child, p)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child, p)
			}
		}
	}
	walk(root, fyne.NewPos(0, 0))
	return out
}

// pixelAudit checks the drawn screen: every icon stands out from what is
// behind it by 4.5:1, and every tappable control's edge or face from what
// surrounds it by 3:1 (WCAG 1.4.11).
func (h *harness) pixelAudit(t *testing.T, name string) {
	t.Helper()
	img := h.capture()
	b := img.Bounds()
	at := func(x, y float32) (color.Color, bool) {
		px, py := int(x), int(y)
		if px < b.Min.X || py < b.Min.Y || px >= b.Max.X || py >= b.Max.Y {
			return nil, false
		}
		return img.At(px, py), true
	}
	// Layers above the screen (the idle warning, the help card) cover it:
	// only the top one showing is checked. Each fills the window from its
	// top left corner.
	var root fyne.CanvasObject = h.k.screen
	switch {
	case h.k.warn.layer.Visible():
		root = h.k.warn.layer
	case h.k.help.layer.Visible():
		root = h.k.help.layer
	}
	for _, p := range placedObjects(root) {
		switch o := p.o.(type) {
		case *canvas.Image:
			s := o.Size()
			if s.Width < 16 || s.Height < 16 || s.Width > 128 || s.Height > 128 {
				continue // an icon is small; pictures and QR codes are not icons
			}
			if c, ok := iconContrast(img, p.pos, s); ok && c < 4.5 {
				t.Errorf("%s: an icon at %v (%v) stands out from its background by %.2f:1, under 4.5:1", name, p.pos, s, c)
			}
		case *tile:
			if o.style == styleClear {
				continue
			}
			s := o.Size()
			if s.Width < 8 || s.Height < 8 {
				continue
			}
			// Each side: the tile's edge (its outline is drawn across the
			// border, half outside; the pixels from 1 px outside to 3 px
			// inside) or its face (8 px inside) against what is 6 px
			// outside it. A side at the window's edge is not checked.
			x, y, w, hgt := p.pos.X, p.pos.Y, s.Width, s.Height
			type probe struct{ x, y, dx, dy float32 } // a point on the border and the way in
			for _, pr := range []probe{{x + w/2, y, 0, 1}, {x + w/2, y + hgt, 0, -1}, {x, y + hgt/2, 1, 0}, {x + w, y + hgt/2, -1, 0}} {
				out, ok := at(pr.x-6*pr.dx, pr.y-6*pr.dy)
				if !ok {
					continue
				}
				best := float64(1)
				for d := float32(-1); d <= 8; d++ {
					if d > 3 && d < 8 {
						continue
					}
					if c, ok := at(pr.x+d*pr.dx, pr.y+d*pr.dy); ok {
						best = max(best, contrast(c, out))
					}
				}
				if best < 3 {
					t.Errorf("%s: the control %q stands out from what surrounds it by %.2f:1, under 3:1", name, texts(o.content), best)
					break
				}
			}
		}
	}
}

// iconContrast reads an icon off the screen: its background is the most
// common colour on the ring just outside it, its colour the most common
// of its own pixels that differ from that background. ok is false when
// the icon has no pixels of its own (not drawn yet).
func iconContrast(img image.Image, pos fyne.Position, s fyne.Size) (float64, bool) {
	x0, y0, x1, y1 := int(pos.X), int(pos.Y), int(pos.X+s.Width), int(pos.Y+s.Height)
	ring := map[color.NRGBA]int{}
	for x := x0 - 2; x <= x1+1; x++ {
		for _, y := range []int{y0 - 2, y1 + 1} {
			if (image.Point{x, y}).In(img.Bounds()) {
				ring[quantise(img.At(x, y))]++
			}
		}
	}
	for y := y0 - 2; y <= y1+1; y++ {
		for _, x := range []int{x0 - 2, x1 + 1} {
			if (image.Point{x, y}).In(img.Bounds()) {
				ring[quantise(img.At(x, y))]++
			}
		}
	}
	bg, _ := mostCommon(ring)
	own := map[color.NRGBA]int{}
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			c := quantise(img.At(x, y))
			if contrast(c, bg) > 1.3 {
				own[c]++
			}
		}
	}
	fg, n := mostCommon(own)
	if n < 8 {
		return 0, false
	}
	return contrast(fg, bg), true
}

func quantise(c color.Color) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return color.NRGBA{n.R &^ 7, n.G &^ 7, n.B &^ 7, 0xff}
}

func mostCommon(m map[color.NRGBA]int) (color.NRGBA, int) {
	var best color.NRGBA
	n := 0
	for c, k := range m {
		if k > n || (k == n && fmt.Sprint(c) < fmt.Sprint(best)) {
			best, n = c, k
		}
	}
	return best, n
}
