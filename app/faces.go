package app

import (
	"fmt"
	"image"
	"strings"
	"sync"

	"fyne.io/fyne/v2"

	"onestop/kiosk/content"
)

// faceIcon is one of the four rating faces, 1 (unhappy) to 4 (very happy):
// drawn, not typed, so a resident who reads poorly can rate too, and no
// emoji font is needed. Their colours stand out from the tile by at least
// 4.5:1: deep on the standard theme's white, bright (with dark features)
// on high contrast's black.
func faceIcon(r int, highContrast bool) fyne.Resource {
	colours := map[int]string{1: "#B71C1C", 2: "#A84300", 3: "#33691E", 4: "#1B5E20"}
	feature := "#FFFFFF"
	if highContrast {
		colours = map[int]string{1: "#FF6B6B", 2: "#FFA726", 3: "#C5E1A5", 4: "#66BB6A"}
		feature = "#000000"
	}
	// The mouth: a frown for 1, flat for 2, a smile for 3, a wide smile for 4.
	mouths := map[int]string{
		1: `<path d="M40 84 Q64 66 88 84" fill="none" stroke="FEATURE" stroke-width="8" stroke-linecap="round"/>`,
		2: `<path d="M42 80 L86 80" fill="none" stroke="FEATURE" stroke-width="8" stroke-linecap="round"/>`,
		3: `<path d="M40 76 Q64 96 88 76" fill="none" stroke="FEATURE" stroke-width="8" stroke-linecap="round"/>`,
		4: `<path d="M36 72 Q64 108 92 72 Z" fill="FEATURE"/>`,
	}
	svg := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="128" height="128">`+
		`<circle cx="64" cy="64" r="60" fill="%s"/><circle cx="44" cy="50" r="8" fill="FEATURE"/><circle cx="84" cy="50" r="8" fill="FEATURE"/>%s</svg>`,
		colours[r], mouths[r])
	svg = strings.ReplaceAll(svg, "FEATURE", feature)
	return fyne.NewStaticResource(fmt.Sprintf("face-%d-%v.svg", r, highContrast), []byte(svg))
}

// faceImages holds the faces drawn once, by rating and theme: an SVG
// resource on a canvas image is rasterised again at every layout, and the
// four faces cost about 45 ms each time a session ended (a CPU profile of
// Kết thúc phiên).
var faceImages sync.Map // faceKey -> image.Image

type faceKey struct {
	r  int
	hc bool
}

// faceImage is a rating face drawn at px pixels, kept for the next time.
func faceImage(r int, highContrast bool, px int) image.Image {
	key := faceKey{r, highContrast}
	if img, ok := faceImages.Load(key); ok {
		return img.(image.Image)
	}
	img, err := content.RasterSVG(faceIcon(r, highContrast).Content(), px)
	if err != nil {
		return nil
	}
	faceImages.Store(key, img)
	return img
}
