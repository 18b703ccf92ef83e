package app

import "fyne.io/fyne/v2"

// shape is what a screen's layout is chosen from: the size of the window
// it is drawn in, taken again whenever the window changes size. The
// kiosk's screens come in two shapes, landscape (the counter's 1366×768
// or 1920×1080 screen, a 1280×800 tablet) and portrait (the standing
// 1080×1920 kiosk, an 800×1280 tablet), and within a shape they fill
// the room they have.
type shape struct {
	size fyne.Size
}

// portrait is a screen taller than it is wide. There the top bar's
// buttons move to the foot of the screen, within reach of a seated or
// short resident on a tall standing kiosk, and side panels (the QR
// code) go under what they sat beside.
func (s shape) portrait() bool { return s.size.Height > s.size.Width }

// columns is how many tiles sit side by side in a grid of tiles: three
// where a tile keeps at least about 400 px, else two.
func (s shape) columns() int {
	if s.size.Width >= 1200 {
		return 3
	}
	return 2
}

// shape is the kiosk's shape now.
func (k *Kiosk) shape() shape { return shape{size: k.available()} }

// windowLayout stacks the kiosk's layers over the whole window and, when
// the window's size is not the one the screen showing was built for,
// builds it again first: a screen's layout is chosen for its size (the
// side of its QR code, the room for its facts, its bar), not only
// stretched to it.
type windowLayout struct{ k *Kiosk }

func (l *windowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	k := l.k
	if k.cur != nil && size.Width >= 100 && size.Height >= 100 && size != k.builtFor {
		k.builtFor = size
		k.screen.Objects = []fyne.CanvasObject{k.cur.view()}
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *windowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}
