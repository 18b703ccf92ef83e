package content

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// RasterSVG draws a pack's SVG picture with its longest side at px pixels,
// on a transparent background: the kiosk's screens draw pictures this way,
// and the pack's tests read them as a phone's camera would.
func RasterSVG(b []byte, px int) (img image.Image, err error) {
	icon, err := oksvg.ReadIconStream(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	vw, vh := icon.ViewBox.W, icon.ViewBox.H
	if vw <= 0 || vh <= 0 {
		return nil, fmt.Errorf("the SVG has no viewBox size")
	}
	w, h := px, px
	if vw > vh {
		h = int(float64(px) * vh / vw)
	} else {
		w = int(float64(px) * vw / vh)
	}
	icon.SetTarget(0, 0, float64(w), float64(h))
	// RGBA, not NRGBA: the rasteriser has a fast path for solid fills on RGBA.
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	defer func() {
		if r := recover(); r != nil { // the SVG library panics on some malformed paths
			img, err = nil, fmt.Errorf("cannot draw the SVG: %v", r)
		}
	}()
	icon.Draw(rasterx.NewDasher(w, h, newExtentScanner(out)), 1)
	return out, nil
}

// extentScanner fills each path of a picture over the path's own extent.
// rasterx's own scanner fills every path over the whole picture: a
// 720 px poster of some fifty shapes took about 200 ms to draw that way,
// on the kiosk's first start, beside its first frame.
type extentScanner struct {
	r        vector.Rasterizer
	dst      *image.RGBA
	uniform  image.Uniform
	fn       funcImage
	src      image.Image
	clip     image.Rectangle
	path     []pathPoint
	min, max fixed.Point26_6
}

// floatMask is the vector rasteriser's largest mask side in fixed point.
const floatMask = 512

// pathPoint is a point of the path being built; start begins a new curve.
type pathPoint struct {
	p     fixed.Point26_6
	start bool
}

// funcImage is a gradient's colour function as an image.
type funcImage struct {
	image.Uniform
	at rasterx.ColorFunc
}

func (f *funcImage) At(x, y int) color.Color { return f.at(x, y) }

func newExtentScanner(dst *image.RGBA) *extentScanner {
	s := &extentScanner{dst: dst}
	s.uniform.C = color.Transparent
	s.src = &s.uniform
	s.Clear()
	return s
}

func (s *extentScanner) grow(p fixed.Point26_6) {
	s.min.X, s.min.Y = min(s.min.X, p.X), min(s.min.Y, p.Y)
	s.max.X, s.max.Y = max(s.max.X, p.X), max(s.max.Y, p.Y)
}

func (s *extentScanner) Start(a fixed.Point26_6) {
	s.grow(a)
	s.path = append(s.path, pathPoint{a, true})
}

func (s *extentScanner) Line(b fixed.Point26_6) {
	s.grow(b)
	s.path = append(s.path, pathPoint{b, false})
}

func (s *extentScanner) GetPathExtent() fixed.Rectangle26_6 {
	return fixed.Rectangle26_6{Min: s.min, Max: s.max}
}

// SetBounds is the picture's size, which the scanner takes from its
// destination.
func (s *extentScanner) SetBounds(w, h int) {}

func (s *extentScanner) SetColor(c interface{}) {
	switch c := c.(type) {
	case color.Color:
		s.uniform.C = c
		s.src = &s.uniform
	case rasterx.ColorFunc:
		s.fn.at = c
		s.src = &s.fn
	}
}

// SetWinding: like rasterx's own scanner, this one fills by non-zero
// winding only.
func (s *extentScanner) SetWinding(bool) {}

func (s *extentScanner) SetClip(rect image.Rectangle) { s.clip = rect }

func (s *extentScanner) Clear() {
	s.path = s.path[:0]
	s.min = fixed.Point26_6{X: math.MaxInt32, Y: math.MaxInt32}
	s.max = fixed.Point26_6{X: -math.MaxInt32, Y: -math.MaxInt32}
}

// Draw fills the path over its extent, a pixel wider on each side for the
// antialiased edge, within the picture and the clip.
func (s *extentScanner) Draw() {
	if len(s.path) == 0 {
		return
	}
	area := image.Rect(s.min.X.Floor()-1, s.min.Y.Floor()-1, s.max.X.Ceil()+1, s.max.Y.Ceil()+1).Intersect(s.dst.Bounds())
	if !s.clip.Empty() {
		area = area.Intersect(s.clip)
	}
	if area.Empty() {
		return
	}
	// The rasteriser works in floating point on a mask wider or taller
	// than 512 pixels and in fixed point below: a picture that large is
	// drawn in floating point for every path, small ones too, as the
	// whole-picture scanner does; fixed point moved edge pixels by up to
	// 29 levels of 255.
	w := area.Dx()
	if b := s.dst.Bounds(); (b.Dx() > floatMask || b.Dy() > floatMask) && w <= floatMask && area.Dy() <= floatMask {
		w = floatMask + 1
	}
	s.r.Reset(w, area.Dy())
	ox, oy := float32(area.Min.X), float32(area.Min.Y)
	for _, p := range s.path {
		x, y := float32(p.p.X)/64-ox, float32(p.p.Y)/64-oy
		if p.start {
			s.r.MoveTo(x, y)
		} else {
			s.r.LineTo(x, y)
		}
	}
	s.r.Draw(s.dst, area, s.src, area.Min)
}
