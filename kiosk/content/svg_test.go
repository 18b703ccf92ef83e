package content

import (
	"bytes"
	"image"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
)

// rasterWhole draws as rasterx's own scanner does, every path over the
// whole picture: what RasterSVG's pictures are held to.
func rasterWhole(t testing.TB, b []byte, px int) *image.RGBA {
	t.Helper()
	icon, err := oksvg.ReadIconStream(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	w, h := px, px
	if icon.ViewBox.W > icon.ViewBox.H {
		h = int(float64(px) * icon.ViewBox.H / icon.ViewBox.W)
	} else {
		w = int(float64(px) * icon.ViewBox.W / icon.ViewBox.H)
	}
	icon.SetTarget(0, 0, float64(w), float64(h))
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	icon.Draw(rasterx.NewDasher(w, h, rasterx.NewScannerGV(w, h, out, out.Bounds())), 1)
	return out
}

// differ reports the largest difference of one channel between two
// pictures, and how many channel values differ by more than 2.
func differ(t *testing.T, a *image.RGBA, b image.Image) (most, over2 int) {
	t.Helper()
	rb, ok := b.(*image.RGBA)
	if !ok || rb.Bounds() != a.Bounds() {
		t.Fatalf("picture %T of %v, want RGBA of %v", b, b.Bounds(), a.Bounds())
	}
	for i := range a.Pix {
		d := int(a.Pix[i]) - int(rb.Pix[i])
		d = max(d, -d)
		most = max(most, d)
		if d > 2 {
			over2++
		}
	}
	return most, over2
}

// TestRasterSVGDrawsAsTheWholePictureScanner: drawing each path over its
// own extent gives the picture drawing every path over the whole picture
// does, for every picture of the default pack at the sizes the kiosk uses,
// and for shapes the pack does not have (a gradient, a stroke and a path
// running off the picture).
func TestRasterSVGDrawsAsTheWholePictureScanner(t *testing.T) {
	files := map[string][]byte{}
	err := filepath.WalkDir("../../assets", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.EqualFold(filepath.Ext(p), ".svg") {
			files[p], err = os.ReadFile(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("%d SVG pictures found in the assets, want the pack's", len(files))
	}
	files["gradient and edges"] = []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#0B3D91"/><stop offset="1" stop-color="#F2A900"/></linearGradient></defs>
<rect x="40" y="30" width="300" height="200" rx="20" fill="url(#g)"/>
<circle cx="-20" cy="150" r="90" fill="#1E7B34" fill-opacity="0.6"/>
<path d="M350 -40 L460 320 L300 310 Z" fill="#C00000"/>
<path d="M20 280 C 120 180, 280 380, 390 260" fill="none" stroke="#000" stroke-width="9" stroke-dasharray="20 8"/>
</svg>`)
	names := slices.Sorted(maps.Keys(files))
	for i, name := range names {
		b := files[name]
		sizes := []int{144}
		// Drawing a whole picture the old way takes a fifth of a second
		// at 720 px: the posters, the odd shapes and every fifth lesson
		// picture are drawn at that size too.
		if strings.Contains(name, "poster") || !strings.HasSuffix(name, ".svg") || i%5 == 0 {
			sizes = append(sizes, 720)
		}
		for _, px := range sizes {
			got, err := RasterSVG(b, px)
			if err != nil {
				t.Fatalf("%s at %d: %v", name, px, err)
			}
			want := rasterWhole(t, b, px)
			most, over2 := differ(t, want, got)
			// The same sums in another order: the pack's pictures differ by
			// a level of 255 at most, the shapes it does not have by a few
			// levels on a few edge pixels.
			if most > 4 || over2 > len(want.Pix)/5000 {
				t.Errorf("%s at %d px: differs by up to %d levels, %d values by more than 2 (of %d)", name, px, most, over2, len(want.Pix))
			}
			var ink int
			for i := 3; i < len(want.Pix); i += 4 {
				if want.Pix[i] != 0 {
					ink++
				}
			}
			if ink == 0 {
				t.Errorf("%s at %d px: the reference drew nothing, so the comparison says nothing", name, px)
			}
		}
	}
}

// BenchmarkRasterSVG: a poster at the kiosk's poster size, over each path's
// extent (extent) and over the whole picture (whole).
func BenchmarkRasterSVG(b *testing.B) {
	svg, err := os.ReadFile("../../assets/content/images/poster-qr.svg")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("extent", func(b *testing.B) {
		for b.Loop() {
			if _, err := RasterSVG(svg, 720); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("whole", func(b *testing.B) {
		for b.Loop() {
			rasterWhole(b, svg, 720)
		}
	})
}
