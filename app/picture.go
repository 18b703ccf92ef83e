package app

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // content pictures may be JPEG
	"image/png"
	"os"
	"path"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"onestop/kiosk/content"
)

// Pictures of the content pack are drawn once, at a fixed resolution, and
// kept in memory and in a disk cache in the data folder: Fyne would
// otherwise rasterise an SVG again at every resize and theme change, and a
// poster-sized SVG takes about half a second to draw on a kiosk without a GPU.
// The disk cache is keyed by the picture's bytes, so an edited picture is
// drawn afresh.

type pictureKey struct {
	name string
	px   int
}

// picture returns a pack image as a canvas image whose longest side was
// drawn at px pixels, shown at minSize and scaled to fit.
//
// A picture that is neither in memory nor in the disk cache is drawn in the
// background and appears when ready, so a first start or a new content pack
// never holds up a screen.
func (k *Kiosk) picture(name string, px int, minSize fyne.Size) fyne.CanvasObject {
	show := func(img image.Image) fyne.CanvasObject {
		if img == nil {
			r := canvas.NewRectangle(color.Transparent)
			r.SetMinSize(minSize)
			return r
		}
		ci := canvas.NewImageFromImage(img)
		ci.FillMode = canvas.ImageFillContain
		// OpenGL scales it to its size, not Fyne's CPU scaler: that cost
		// every new screen's icons ~7 ms of a tap (CPU profile of taps).
		ci.ScaleMode = canvas.ImageScaleFastest
		ci.SetMinSize(minSize)
		return ci
	}
	if !k.pictureReady(name, px) {
		slot := container.NewStack(show(nil))
		k.drawing.Add(1)
		go func() {
			defer k.drawing.Done()
			img := k.loadPicture(name, px)
			fyne.Do(func() {
				slot.Objects = []fyne.CanvasObject{show(img)}
				k.refresh(slot)
			})
		}()
		return slot
	}
	return show(k.loadPicture(name, px))
}

// pictureReady reports whether a picture can be had without drawing it.
func (k *Kiosk) pictureReady(name string, px int) bool {
	k.picMu.Lock()
	_, ok := k.pictures[pictureKey{name, px}]
	k.picMu.Unlock()
	if ok || !strings.EqualFold(path.Ext(name), ".svg") {
		return true
	}
	if k.cacheDir == "" {
		return false
	}
	b, err := k.packNow().ReadFile(name)
	if err != nil {
		return false
	}
	_, err = os.Stat(k.cacheFileOf(b, px))
	return err == nil
}

// cacheFileOf is where a picture of these bytes is kept on disk when drawn
// at px, named by their hash; "" without a cache folder.
func (k *Kiosk) cacheFileOf(b []byte, px int) string {
	if k.cacheDir == "" {
		return ""
	}
	sum := sha256.Sum256(b)
	return filepath.Join(k.cacheDir, fmt.Sprintf("%x-%d.png", sum[:12], px))
}

// loadPicture returns the drawn picture, from memory, the disk cache, or
// by drawing it. Safe to call from any goroutine; the drawing itself is done
// outside the lock, so a tap never waits for the background drawing of
// another picture. Small pictures stay in memory; large ones (posters) are
// read back from the disk cache when shown, so they do not all sit in memory.
func (k *Kiosk) loadPicture(name string, px int) image.Image {
	key := pictureKey{name, px}
	k.picMu.Lock()
	img, ok := k.pictures[key]
	k.picMu.Unlock()
	if ok {
		return img
	}
	img, err := k.drawPicture(name, px)
	if err != nil {
		k.log.Printf("content picture %s: %v", name, err)
	}
	if px <= iconPx || k.cacheDir == "" || err != nil {
		k.picMu.Lock()
		k.pictures[key] = img // a failure is remembered too, and logged once
		k.picMu.Unlock()
	}
	return img
}

func (k *Kiosk) drawPicture(name string, px int) (image.Image, error) {
	b, err := k.packNow().ReadFile(name)
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(path.Ext(name), ".svg") {
		img, _, err := image.Decode(bytes.NewReader(b))
		return img, err
	}
	cached := k.cacheFileOf(b, px)
	if cached != "" {
		if f, err := os.Open(cached); err == nil {
			img, err := png.Decode(f)
			f.Close()
			if err == nil {
				return img, nil
			}
		}
	}
	img, err := content.RasterSVG(b, px)
	if err == nil && cached != "" {
		if err := savePicture(cached, img); err != nil {
			k.log.Printf("picture cache: %v", err)
		}
	}
	return img, err
}

// savePicture writes a PNG whole or not at all (a temporary file renamed).
func savePicture(file string, img image.Image) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o750); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".picture-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := png.Encode(tmp, img); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

// prewarm draws the pictures the resident is likely to see next (the other
// posters and the home screen's icons) in the background, so no tap waits
// for a drawing.
func (k *Kiosk) prewarm() {
	for _, c := range k.pack.Categories {
		k.loadPicture(c.Icon, iconPx)
	}
	for _, t := range k.pack.Tutorials {
		k.loadPicture(t.Icon, iconPx)
	}
	for _, s := range k.pack.Slides() { // posters and the lesson previews
		k.loadPicture(s.Image, posterPx)
	}
	// Drawing leaves large garbage; give it back to the system now rather
	// than keep it as headroom for the rest of the day.
	k.freeMemory()
	close(k.prewarmed)
}

// The resolutions pictures are drawn at: a poster fills about half the
// screen (680 px at 1366×768, 930 px at 1920×1080); 720 px is sharp on the
// smaller screen and scales well enough for flat artwork on the larger, and
// its texture is 40 % of a 960 px one (make bench measured about 25 MB less
// memory). Icons show at 72 px, drawn at twice that for sharpness.
const (
	posterPx = 720
	iconPx   = 144
)
