package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestLayoutMakesNothing: laying a screen out again at the size it has
// changes nothing in it. Fyne lays a container out again whenever a child's
// minimum size changes; a layout that makes new objects (the pager of a
// list once did) gives Fyne new children to measure, so it lays out again
// at the next frame, and the window is redrawn without end, a whole core
// busy while the screen shows.
func TestLayoutMakesNothing(t *testing.T) {
	for _, name := range []string{"1366x768", "1080x1920"} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, auditSizes[name])
			for _, sc := range append(residentScreens(h), staffScreens(h)...) {
				sc.open()
				h.k.drawing.Wait()
				root := h.win.Canvas().Content()
				before := map[fyne.CanvasObject]bool{}
				for _, p := range placedObjects(root) {
					before[p.o] = true
				}
				relayout(root)
				var made []string
				for _, p := range placedObjects(root) {
					if !before[p.o] {
						made = append(made, fmt.Sprintf("%T", p.o))
					}
				}
				if len(made) > 0 {
					t.Errorf("%s: laid out again at its size, the screen made %d new objects (%v)", sc.name, len(made), made[:min(len(made), 6)])
				}
			}
		})
	}
}

// relayout lays o and everything inside it out again at their sizes, as
// Fyne does when minimum sizes change.
func relayout(o fyne.CanvasObject) {
	switch v := o.(type) {
	case *fyne.Container:
		if v.Layout != nil {
			v.Layout.Layout(v.Objects, v.Size())
		}
		for _, c := range v.Objects {
			relayout(c)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(v)
		r.Layout(v.Size())
		for _, c := range r.Objects() {
			relayout(c)
		}
	}
}
