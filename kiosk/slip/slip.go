// Package slip makes the slip a resident without a smartphone takes home:
// a procedure's name, what to bring, the fee, the time, where to go, the
// counter's hours and its QR code, printed on the counter's 58 or 80 mm
// thermal receipt printer. Printer fonts have no Vietnamese letters, so the
// whole slip is drawn here as one picture and sent as an ESC/POS raster
// image.
package slip

import (
	"fmt"
	"image"
	"image/draw"
	"strings"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"onestop/kiosk"
	"onestop/kiosk/content"
)

// Paper widths in printer dots at 203 dpi (8 dots a millimetre): the
// printable width of 58 mm and 80 mm rolls.
const (
	Dots58 = 384
	Dots80 = 576
)

// Slip is what one slip says.
type Slip struct {
	Title    string    // the procedure's name
	Code     string    // its national code
	Sections []Section // what to bring, fee, time, where, hours
	QR       string    // the address the code opens
	QRWords  string    // under the code: what it opens
	Footer   string    // the site and the date
}

// Section is a heading and its lines.
type Section struct {
	Heading string
	Lines   []string
}

// Fonts are the TrueType faces the slip is drawn in; they must draw every
// Vietnamese letter.
type Fonts struct {
	Regular, Bold []byte
}

// margin is the blank at each side of the paper, in dots.
const margin = 8

// Render draws the slip black on white, width dots wide.
func Render(s Slip, width int, f Fonts) (*image.Gray, error) {
	if width < 200 {
		return nil, fmt.Errorf("a slip %d dots wide is too narrow", width)
	}
	scale := float64(width) / Dots58 // an 80 mm roll takes larger letters
	faces := map[string]font.Face{}
	for _, x := range []struct {
		key  string
		data []byte
		size float64
	}{{"title", f.Bold, 26}, {"head", f.Bold, 22}, {"text", f.Regular, 21}, {"small", f.Regular, 17}} {
		ft, err := opentype.Parse(x.data)
		if err != nil {
			return nil, fmt.Errorf("slip font: %w", err)
		}
		face, err := opentype.NewFace(ft, &opentype.FaceOptions{Size: x.size * scale, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return nil, err
		}
		defer face.Close()
		faces[x.key] = face
	}

	q, err := content.QR(s.QR)
	if err != nil {
		return nil, err
	}
	bits := q.Bitmap() // with its quiet zone
	module := max(2, (width-2*margin)*2/3/len(bits))

	// Lay out first, to know the height; then draw.
	type op struct {
		face string
		text string
		y    int
	}
	var ops []op
	y := margin
	text := func(face, s string) {
		fc := faces[face]
		h := fc.Metrics().Height.Ceil()
		for _, l := range wrap(fc, s, width-2*margin) {
			y += h
			ops = append(ops, op{face, l, y})
		}
	}
	gap := func(n int) { y += n }

	text("title", s.Title)
	if s.Code != "" {
		text("small", "Mã thủ tục "+s.Code)
	}
	for _, sec := range s.Sections {
		gap(10)
		text("head", sec.Heading)
		for _, l := range sec.Lines {
			text("text", l)
		}
	}
	gap(14)
	qrTop := y
	qrSide := module * len(bits)
	y += qrSide
	if s.QRWords != "" {
		text("small", s.QRWords)
	}
	text("small", readable(s.QR))
	if s.Footer != "" {
		gap(10)
		text("small", s.Footer)
	}
	y += margin + faces["text"].Metrics().Height.Ceil()

	img := image.NewGray(image.Rect(0, 0, width, y))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	for _, o := range ops {
		d := font.Drawer{Dst: img, Src: image.Black, Face: faces[o.face],
			Dot: fixed.P(margin, o.y-faces[o.face].Metrics().Descent.Ceil())}
		d.DrawString(o.text)
	}
	left := (width - qrSide) / 2
	for r, row := range bits {
		for c, dark := range row {
			if dark {
				draw.Draw(img, image.Rect(left+c*module, qrTop+r*module, left+(c+1)*module, qrTop+(r+1)*module), image.Black, image.Point{}, draw.Src)
			}
		}
	}
	// Thermal dots are on or off: no grey from the letters' smoothing.
	for i, v := range img.Pix {
		if v < 128 {
			img.Pix[i] = 0
		} else {
			img.Pix[i] = 255
		}
	}
	return img, nil
}

// wrap breaks s into lines no wider than w, at spaces; a word wider than
// a line is cut.
func wrap(f font.Face, s string, w int) []string {
	var out []string
	limit := fixed.I(w)
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if font.MeasureString(f, try) <= limit {
				line = try
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			for font.MeasureString(f, word) > limit { // an address, say
				n := len(word)
				for n > 1 && font.MeasureString(f, word[:n]) > limit {
					n--
				}
				out = append(out, word[:n])
				word = word[n:]
			}
			line = word
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// readable is an address without its scheme.
func readable(u string) string { return strings.TrimPrefix(u, "https://") }

// ESCPOS is the byte stream that prints img on an ESC/POS printer: reset,
// the picture as raster bit images (GS v 0) in bands of at most 255 rows,
// a feed to the cutter and a partial cut. A dot prints where the picture
// is darker than mid-grey.
func ESCPOS(img *image.Gray) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	bytesPerRow := (w + 7) / 8
	out := []byte{0x1b, 0x40} // ESC @: reset
	for top := 0; top < h; top += 255 {
		rows := min(255, h-top)
		out = append(out, 0x1d, 0x76, 0x30, 0x00, // GS v 0, normal density
			byte(bytesPerRow), byte(bytesPerRow>>8), byte(rows), byte(rows>>8))
		for y := top; y < top+rows; y++ {
			for xb := 0; xb < bytesPerRow; xb++ {
				var v byte
				for bit := 0; bit < 8; bit++ {
					x := xb*8 + bit
					if x < w && img.GrayAt(b.Min.X+x, b.Min.Y+y).Y < 128 {
						v |= 0x80 >> bit
					}
				}
				out = append(out, v)
			}
		}
	}
	out = append(out, 0x1b, 0x64, 4) // ESC d 4: feed four lines past the cutter
	out = append(out, 0x1d, 0x56, 66, 0)
	return out
}

// Site is what a slip says about the site that printed it, in Vietnamese:
// its name, where its staff are, its hours and its telephone lines.
type Site struct {
	Name     string
	Place    string   // where the staff are; "" leaves it out
	Ask      string   // the heading over Place; "" is "Hỏi cán bộ"
	Hours    []string // one line a run of days
	Hotlines []string // "Tổng đài ...: 1800 1096"
}

// ForProcedure is the slip of a procedure with the target t's code: what
// to bring, the fee, the time, where to go and whom to ask at this site.
// opens says in words what the code opens; printed is the day on it.
func ForProcedure(p content.Procedure, t content.Target, opens string, site Site, printed time.Time) Slip {
	s := Slip{Title: p.Name, Code: p.Code, QR: t.URL, QRWords: "Quét mã: " + opens}
	var papers []string
	for _, x := range p.Papers {
		papers = append(papers, "- "+x)
	}
	s.Sections = append(s.Sections,
		Section{"Cần mang", papers},
		Section{"Lệ phí", []string{p.Fee}},
		Section{"Thời gian", []string{p.Time}},
		Section{"Nộp ở đâu", []string{p.Where}})
	s.Sections = append(s.Sections, site.sections()...)
	s.Footer = site.footer(printed)
	return s
}

// ForLesson is the slip at the end of a lesson: its steps, numbered, to
// follow again at home, and the target t's code.
func ForLesson(l content.Tutorial, t content.Target, opens string, site Site, printed time.Time) Slip {
	s := Slip{Title: l.Title.VI, QR: t.URL, QRWords: "Quét mã: " + opens}
	var steps []string
	for i, st := range l.Steps {
		steps = append(steps, fmt.Sprintf("%d. %s", i+1, strings.Join(strings.Fields(st.Caption), " ")))
	}
	s.Sections = append(s.Sections, Section{"Các bước", steps})
	s.Sections = append(s.Sections, site.sections()...)
	s.Footer = site.footer(printed)
	return s
}

// sections are whom to ask, the hours and the hotlines, those given.
func (site Site) sections() []Section {
	var out []Section
	if site.Place != "" {
		ask := site.Ask
		if ask == "" {
			ask = "Hỏi cán bộ"
		}
		out = append(out, Section{ask, []string{site.Place}})
	}
	if len(site.Hours) > 0 {
		out = append(out, Section{"Giờ làm việc", site.Hours})
	}
	if len(site.Hotlines) > 0 {
		out = append(out, Section{"Gọi điện hỏi", site.Hotlines})
	}
	return out
}

func (site Site) footer(printed time.Time) string {
	return strings.TrimSpace(site.Name + " · in ngày " + printed.In(kiosk.Zone).Format("02/01/2006"))
}
