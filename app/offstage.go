package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// offstage holds objects that are drawn clipped to nothing. Fyne's
// painter makes their textures (the lines of a text, an image) as it
// would for the screen, but not one pixel of them reaches the window: they
// lie just below offstage's own bounds, and the painter clips offstage to
// its bounds. A lesson puts its next step there while the resident reads,
// so the frame that answers "Bước sau" finds that step's textures made and
// only draws. Without a GPU, making them in that frame cost 5–38 ms.
type offstage struct {
	widget.BaseWidget
	objects []fyne.CanvasObject
}

func newOffstage(objects ...fyne.CanvasObject) *offstage {
	o := &offstage{objects: objects}
	o.ExtendBaseWidget(o)
	return o
}

// Scrolled does nothing. It is here because Fyne clips the drawing of
// every fyne.Scrollable to its bounds, and offstage needs that clip.
func (o *offstage) Scrolled(*fyne.ScrollEvent) {}

// swap puts in in out's place, laid out below the bounds.
func (o *offstage) swap(in, out fyne.CanvasObject) {
	for i, obj := range o.objects {
		if obj == out {
			o.objects[i] = in
		}
	}
	in.Move(fyne.NewPos(0, o.Size().Height+1))
}

func (o *offstage) CreateRenderer() fyne.WidgetRenderer { return &offstageRenderer{o: o} }

type offstageRenderer struct{ o *offstage }

func (r *offstageRenderer) Destroy() {}

// Layout moves the objects below offstage's bounds; each keeps the size
// its owner gave it, the size it has on stage.
func (r *offstageRenderer) Layout(s fyne.Size) {
	for _, obj := range r.o.objects {
		obj.Move(fyne.NewPos(0, s.Height+1))
	}
}

func (r *offstageRenderer) MinSize() fyne.Size { return fyne.Size{} }

func (r *offstageRenderer) Objects() []fyne.CanvasObject { return r.o.objects }

func (r *offstageRenderer) Refresh() { r.Layout(r.o.Size()) }
