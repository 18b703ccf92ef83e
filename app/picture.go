package app

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // content pictures may be JPEG
	_ "image/png"  // or PNG
	"path"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
)

// Pictures of the content pack are drawn once, at a fixed resolution, and
// kept: Fyne would otherwise rasterise an SVG again at every resize and
// theme change, which on a software-rendered kiosk costs more than the
// whole rest of a screen change.

type pictureKey struct {
	name string
	px   int
}

// picture returns a pack image as a canvas image whose longest side was
// drawn at px pixels, shown at minSize and scaled to fit.
func (k *Kiosk) picture(name string, px int, minSize fyne.Size) fyne.CanvasObject {
	key := pictureKey{name, px}
	img, ok := k.pictures[key]
	if !ok {
		var err error
		img, err = k.drawPicture(name, px)
		if err != nil {
			k.log.Printf("content picture %s: %v", name, err)
		}
		k.pictures[key] = img // a failure is remembered too, and logged once
	}
	if img == nil {
		return canvas.NewRectangle(nil)
	}
	ci := canvas.NewImageFromImage(img)
	ci.FillMode = canvas.ImageFillContain
	ci.SetMinSize(minSize)
	return ci
}

func (k *Kiosk) drawPicture(name string, px int) (image.Image, error) {
	b, err := k.pack.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(path.Ext(name), ".svg") {
		return rasterSVG(b, px)
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	return img, err
}

// rasterSVG draws an SVG with its longest side at px pixels.
func rasterSVG(b []byte, px int) (img image.Image, err error) {
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
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	scanner := rasterx.NewScannerGV(w, h, out, out.Bounds())
	defer func() {
		if r := recover(); r != nil { // the SVG library panics on some malformed paths
			img, err = nil, fmt.Errorf("cannot draw the SVG: %v", r)
		}
	}()
	icon.Draw(rasterx.NewDasher(w, h, scanner), 1)
	return out, nil
}
