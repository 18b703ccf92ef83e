package content

import (
	"bytes"
	"fmt"
	"image"

	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
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
	scanner := rasterx.NewScannerGV(w, h, out, out.Bounds())
	defer func() {
		if r := recover(); r != nil { // the SVG library panics on some malformed paths
			img, err = nil, fmt.Errorf("cannot draw the SVG: %v", r)
		}
	}()
	icon.Draw(rasterx.NewDasher(w, h, scanner), 1)
	return out, nil
}
