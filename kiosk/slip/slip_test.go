package slip_test

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"onestop/assets"
	"onestop/kiosk/content"
	"onestop/kiosk/slip"
)

// fonts are the faces the kiosk prints with.
var fonts = slip.Fonts{Regular: assets.FontRegular(), Bold: assets.FontBold()}

// decodeESCPOS reads a slip's byte stream back as a printer would: the
// raster images (GS v 0) one under the other, a set bit a black dot. Any
// other command but reset, feed and cut is an error.
func decodeESCPOS(t *testing.T, b []byte) *image.Gray {
	t.Helper()
	var rows [][]byte
	width := 0
	cut := false
	for i := 0; i < len(b); {
		switch {
		case bytes.HasPrefix(b[i:], []byte{0x1b, 0x40}):
			i += 2
		case bytes.HasPrefix(b[i:], []byte{0x1b, 0x64}):
			i += 3
		case bytes.HasPrefix(b[i:], []byte{0x1d, 0x56, 66}):
			cut = true
			i += 4
		case bytes.HasPrefix(b[i:], []byte{0x1d, 0x76, 0x30}):
			if i+8 > len(b) {
				t.Fatal("a raster header cut short")
			}
			xb := int(b[i+4]) | int(b[i+5])<<8
			n := int(b[i+6]) | int(b[i+7])<<8
			i += 8
			if i+xb*n > len(b) {
				t.Fatalf("a raster band of %dx%d cut short", xb, n)
			}
			if width != 0 && width != xb*8 {
				t.Fatalf("bands of different widths: %d and %d", width, xb*8)
			}
			width = xb * 8
			for r := 0; r < n; r++ {
				rows = append(rows, b[i+r*xb:i+(r+1)*xb])
			}
			i += xb * n
		default:
			t.Fatalf("unexpected byte 0x%02x at %d", b[i], i)
		}
	}
	if !cut {
		t.Error("the slip is not cut")
	}
	img := image.NewGray(image.Rect(0, 0, width, len(rows)))
	for y, row := range rows {
		for x := 0; x < width; x++ {
			if row[x/8]&(0x80>>(x%8)) == 0 {
				img.Pix[y*img.Stride+x] = 255
			}
		}
	}
	return img
}

// The slip of a procedure, sent as ESC/POS to a fake printer device, reads
// back as the picture drawn, and the QR code on it decodes to the
// procedure's address, on 58 and 80 mm paper.
func TestSlipPrintsAndScans(t *testing.T) {
	if _, err := exec.LookPath("zbarimg"); err != nil {
		t.Fatal("zbarimg is missing: run scripts/deps.sh test")
	}
	p, err := content.Load(assets.Content(), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	pr, _ := p.Procedure("1.001193")
	site := slip.Site{Name: p.Settings.SiteName, Place: "Quầy số 1",
		Hours: []string{"Thứ Hai – Thứ Sáu: 7:00–11:30, 13:30–17:00"}, Hotlines: []string{"Tổng đài Cổng Dịch vụ công quốc gia: 1800 1096"}}
	day := time.Date(2026, 12, 2, 9, 0, 0, 0, time.Local)
	s := slip.ForProcedure(pr, pr.QR[0], "Mở trang của thủ tục này", site, day)
	if !strings.Contains(s.Footer, "02/12/2026") || len(s.Sections) != 7 || s.Sections[0].Heading != "Cần mang" ||
		s.Sections[5].Heading != "Giờ làm việc" || s.Sections[6].Lines[0] != site.Hotlines[0] {
		t.Fatalf("slip: %+v", s)
	}
	lesson, _ := p.Tutorial("khai-sinh")
	end := p.EndTargets(lesson)
	ls := slip.ForLesson(lesson, end[0], "Mở trang của thủ tục này", site, day)
	if ls.Title != lesson.Title.VI || len(ls.Sections[0].Lines) != len(lesson.Steps) || !strings.HasPrefix(ls.Sections[0].Lines[1], "2. ") ||
		strings.Contains(ls.Sections[0].Lines[0], "\n") {
		t.Fatalf("lesson slip: %+v", ls)
	}
	for _, c := range []struct {
		name string
		s    slip.Slip
		url  string
	}{{"procedure", s, pr.QR[0].URL}, {"lesson", ls, end[0].URL}} {
		testPrint(t, c.name, c.s, c.url)
	}
}

// testPrint prints a slip on both paper widths to a fake printer device,
// reads the bytes sent back into a picture and scans its code.
func testPrint(t *testing.T, name string, s slip.Slip, url string) {
	t.Helper()
	for _, width := range []int{slip.Dots58, slip.Dots80} {
		img, err := slip.Render(s, width, fonts)
		if err != nil {
			t.Fatal(err)
		}
		if img.Bounds().Dx() != width || img.Bounds().Dy() < 600 {
			t.Fatalf("%s, %d dots: a slip of %v", name, width, img.Bounds())
		}
		dev := filepath.Join(t.TempDir(), "lp0") // stands for /dev/usb/lp0
		if err := os.WriteFile(dev, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		printer, err := slip.OpenPrinter(dev)
		if err != nil || printer.Ready() != nil {
			t.Fatalf("printer %s: %v", dev, err)
		}
		if err := printer.Print(slip.ESCPOS(img)); err != nil {
			t.Fatal(err)
		}
		sent, _ := os.ReadFile(dev)
		back := decodeESCPOS(t, sent)
		if !back.Bounds().Eq(img.Bounds()) || !bytes.Equal(back.Pix, img.Pix) {
			t.Fatalf("%d dots: the printed picture differs from the one drawn (%v, %v)", width, back.Bounds(), img.Bounds())
		}
		file := filepath.Join(t.TempDir(), "slip.png")
		var b bytes.Buffer
		if err := png.Encode(&b, back); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(file, b.Bytes(), 0o644)
		if os.Getenv("SLIP_PNG") != "" {
			os.WriteFile(strings.Replace(os.Getenv("SLIP_PNG"), ".png", "-"+name+"-"+map[int]string{slip.Dots58: "58", slip.Dots80: "80"}[width]+".png", 1), b.Bytes(), 0o644)
		}
		out, err := exec.Command("zbarimg", "--quiet", "--raw", file).Output()
		if got := strings.TrimSpace(string(out)); err != nil || got != url {
			t.Errorf("%s, %d dots: the printed code reads %q (%v), want %s", name, width, got, err, url)
		}
	}
}

// A printer that is not there says so before anything is printed.
func TestPrinterSettings(t *testing.T) {
	for _, c := range []struct {
		setting string
		ok      bool
	}{{"", true}, {"/dev/usb/lp0", true}, {"cups:receipt", true}, {"cups:", false}, {"cups:a b", false}, {"lp0", false}} {
		_, err := slip.OpenPrinter(c.setting)
		if (err == nil) != c.ok {
			t.Errorf("%q: %v", c.setting, err)
		}
	}
	p, _ := slip.OpenPrinter(filepath.Join(t.TempDir(), "no-printer"))
	if err := p.Ready(); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing device is ready: %v", err)
	}
}
