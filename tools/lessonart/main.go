// Command lessonart draws the pictures of the kiosk's lessons
// (assets/content/tutorials/<lesson>/NN.svg) from the descriptions in
// lessons.go: for each step, the screen the resident will see on their own
// phone, in the layout of the VNeID app or of the national portal in a phone
// browser, with its real labels, and a ring and a hand on the place to tap.
//
// The kiosk's SVG renderer draws no text elements, so the tool sets every
// label with the kiosk's own font and writes the letters as outlines.
// The pictures carry no QR code, real or decorative: where a step scans a
// code, the camera frames an empty box.
//
//	go run ./tools/lessonart            # rewrite the SVGs
//	go run ./tools/lessonart -png out/lessonart   # also draw PNGs to look at
//	go run ./tools/lessonart -check     # fail if a committed SVG is stale
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
)

func main() {
	out := flag.String("out", "assets/content/tutorials", "the folder of the lessons' pictures")
	pngDir := flag.String("png", "", "also draw every picture as a PNG into this folder")
	check := flag.Bool("check", false, "write nothing; fail if a picture on disk differs from what the descriptions draw")
	flag.Parse()
	if err := run(*out, *pngDir, *check); err != nil {
		fmt.Fprintln(os.Stderr, "lessonart:", err)
		os.Exit(1)
	}
}

func run(out, pngDir string, check bool) error {
	pics, err := drawAll()
	if err != nil {
		return err
	}
	var stale []string
	for _, name := range sortedKeys(pics) {
		file := filepath.Join(out, filepath.FromSlash(name))
		if check {
			old, err := os.ReadFile(file)
			if err != nil || !bytes.Equal(old, pics[name]) {
				stale = append(stale, name)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, pics[name], 0o644); err != nil {
			return err
		}
		if pngDir != "" {
			img, err := raster(pics[name], 720)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			pf := filepath.Join(pngDir, strings.ReplaceAll(strings.TrimSuffix(name, ".svg"), "/", "-")+".png")
			if err := os.MkdirAll(pngDir, 0o755); err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := png.Encode(&buf, img); err != nil {
				return err
			}
			if err := os.WriteFile(pf, buf.Bytes(), 0o644); err != nil {
				return err
			}
		}
	}
	if len(stale) > 0 {
		return fmt.Errorf("these pictures differ from their descriptions; run go run ./tools/lessonart: %s", strings.Join(stale, ", "))
	}
	return nil
}

// drawAll draws every step's picture, keyed by its name under the
// tutorials folder ("vneid/01.svg").
func drawAll() (map[string][]byte, error) {
	tf, err := loadTypeface()
	if err != nil {
		return nil, err
	}
	pics := map[string][]byte{}
	for _, s := range steps {
		name := fmt.Sprintf("%s/%02d.svg", s.lesson, s.n)
		if _, dup := pics[name]; dup {
			return nil, fmt.Errorf("%s is described twice", name)
		}
		c := newCanvas(tf)
		s.scene.draw(c)
		if len(c.overflow) > 0 {
			return nil, fmt.Errorf("%s: too wide for its place: %q", name, c.overflow)
		}
		pics[name] = c.svg()
	}
	if len(tf.missing) > 0 {
		var rs []string
		for r := range tf.missing {
			rs = append(rs, fmt.Sprintf("%q", r))
		}
		slices.Sort(rs)
		return nil, errors.New("the font has no letter for " + strings.Join(rs, " "))
	}
	return pics, nil
}

func sortedKeys(m map[string][]byte) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// raster draws an SVG as the kiosk does (app/picture.go), longest side px.
func raster(b []byte, px int) (img *image.RGBA, err error) {
	icon, err := oksvg.ReadIconStream(bytes.NewReader(b), oksvg.StrictErrorMode)
	if err != nil {
		return nil, err
	}
	w, h := px, px
	icon.SetTarget(0, 0, float64(w), float64(h))
	img = image.NewRGBA(image.Rect(0, 0, w, h))
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("cannot draw the SVG: %v", r)
		}
	}()
	icon.Draw(rasterx.NewDasher(w, h, rasterx.NewScannerGV(w, h, img, img.Bounds())), 1)
	return img, nil
}
