package assets

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
	qrencode "github.com/skip2/go-qrcode"

	"onestop/kiosk/content"
)

// A lesson picture shows the resident what their phone will show; it must
// not carry anything a phone would take for a QR code. Residents point their
// camera at whatever looks like one, and a code drawn as decoration either
// opens something nobody checked or opens nothing and teaches them that
// scanning does not work. So no lesson picture or poster may decode as a QR code, and
// none may even hold the three finder squares of one: a decorative code
// decodes to nothing but still makes a camera app try.
func TestPicturesCarryNoQRCode(t *testing.T) {
	if raceEnabled {
		t.Skip("drawn in the plain run: nothing concurrent to check, and slow under -race")
	}
	p, err := content.LoadAllSites(Content(), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	// The lessons' pictures and the attract loop's posters: a resident
	// aims a phone at either.
	var images []string
	for _, tut := range p.Tutorials {
		for _, s := range tut.Steps {
			images = append(images, s.Image)
		}
	}
	for _, ps := range p.Posters {
		images = append(images, ps.Image)
	}
	n := 0
	for _, image := range images {
		{
			if !strings.EqualFold(path.Ext(image), ".svg") {
				continue
			}
			n++
			t.Run(image, func(t *testing.T) {
				b, err := fs.ReadFile(Content(), image)
				if err != nil {
					t.Fatal(err)
				}
				// The poster size the kiosk draws at, and a small one, as a
				// phone sees the picture from across the counter.
				for _, px := range []int{720, 360} {
					img, err := rasterLesson(b, px)
					if err != nil {
						t.Fatalf("%d px: %v", px, err)
					}
					if msg := qrLike(img); msg != "" {
						t.Errorf("drawn at %d px, %s", px, msg)
					}
				}
			})
		}
	}
	if n == 0 {
		t.Fatal("no lesson pictures found")
	}
}

// qrLike says what a QR reader would make of img: "" when nothing.
func qrLike(img image.Image) string {
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return fmt.Sprintf("cannot be binarised: %v", err)
	}
	hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}
	if res, err := qrcode.NewQRCodeReader().Decode(bmp, hints); err == nil {
		return fmt.Sprintf("a QR code decodes from it: %q", res.GetText())
	}
	m, err := bmp.GetBlackMatrix()
	if err != nil {
		return fmt.Sprintf("cannot be binarised: %v", err)
	}
	if info, err := detector.NewFinderPatternFinder(m, nil).Find(hints); err == nil {
		var at []string
		for _, fp := range []*detector.FinderPattern{info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()} {
			at = append(at, fmt.Sprintf("(%.0f,%.0f)", fp.GetX(), fp.GetY()))
		}
		return "it holds the three finder patterns of a QR code at " + strings.Join(at, " ")
	}
	return ""
}

// rasterLesson draws an SVG as the kiosk does (content.RasterSVG), longest
// side px, on white: a camera sees the picture on the kiosk's light screen.
func rasterLesson(b []byte, px int) (image.Image, error) {
	pic, err := content.RasterSVG(b, px)
	if err != nil {
		return nil, err
	}
	out := image.NewRGBA(pic.Bounds())
	draw.Draw(out, out.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(out, out.Bounds(), pic, pic.Bounds().Min, draw.Over)
	return out, nil
}

// The check itself catches both kinds of code: a real one, and a
// decorative one that keeps a code's three corner squares but whose
// modules mean nothing.
func TestQRLikeCatchesCodes(t *testing.T) {
	q, err := qrencode.New("https://dichvucong.gov.vn", qrencode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	real := q.Bitmap() // with its quiet border of 4 modules
	n, b := len(real), 4
	fake := make([][]bool, n)
	for y := range fake {
		fake[y] = make([]bool, n)
		for x := range fake[y] {
			in := func(cx, cy int) bool { return x >= cx && x < cx+8 && y >= cy && y < cy+8 }
			switch {
			case in(b, b) || in(n-b-8, b) || in(b, n-b-8):
				fake[y][x] = real[y][x] // the corner squares
			case x >= b && y >= b && x < n-b && y < n-b:
				fake[y][x] = (x*7+y*3)%5 < 2 // a pattern, not data
			}
		}
	}
	blank := make([][]bool, n)
	for y := range blank {
		blank[y] = make([]bool, n)
	}
	for _, c := range []struct {
		name    string
		modules [][]bool
		want    string
	}{
		{"real", real, "decodes"},
		{"decorative", fake, "finder patterns"},
		{"blank", blank, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := qrLike(modules(c.modules, 8))
			if c.want == "" && got != "" || !strings.Contains(got, c.want) {
				t.Errorf("got %q, want it to say %q", got, c.want)
			}
		})
	}
}

// modules draws a code's modules, px pixels each, dark on white.
func modules(m [][]bool, px int) image.Image {
	img := image.NewGray(image.Rect(0, 0, len(m)*px, len(m)*px))
	for y, row := range m {
		for x, dark := range row {
			c := color.Gray{Y: 255}
			if dark {
				c = color.Gray{}
			}
			draw.Draw(img, image.Rect(x*px, y*px, (x+1)*px, (y+1)*px), image.NewUniform(c), image.Point{}, draw.Src)
		}
	}
	return img
}
