// Package sheet writes the install sheet: an A4 PDF with every QR target
// of a content pack, each with its code, what it should open and a box to
// tick, so that an installer scans them all with a real phone in one
// sitting. No program can check a target: the portal answers every
// address with a page, the wrong ones too.
package sheet

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"onestop/kiosk"
	"onestop/kiosk/content"
)

// Fonts are the TrueType faces the sheet is set in; they must draw every
// Vietnamese letter (PDF's standard fonts have none of them).
type Fonts struct {
	Regular, Bold []byte
}

// KindWords says in Vietnamese what a target of each kind should open, for
// the installer to compare with what the phone shows.
var KindWords = map[content.TargetKind]string{
	content.KindProcedurePage: "Trang của đúng thủ tục này",
	content.KindSubmit:        "Trang khai và nộp hồ sơ của thủ tục",
	content.KindSearch:        "Trang tìm kiếm có thủ tục này trong kết quả",
	content.KindApp:           "Trang của ứng dụng (mở hoặc cài đặt)",
	content.KindHome:          "Trang chủ của cổng",
}

// Page geometry, in millimetres: A4 portrait with 15 mm margins.
const (
	pageW, pageH = 210.0, 297.0
	margin       = 15.0
	codeSide     = 38.0 // a version 6 code (82 bytes) is 49 modules: 0.78 mm each
	minRowH      = codeSide + 6
	boxSide      = 7.0
)

// target is one address to scan, with every entry of the pack that shows
// it (VNeID's page is shown by a dozen procedures; it is scanned once).
type target struct {
	content.Link
	also []string // the other entries showing it
}

// targets are the pack's distinct addresses in pack order.
func targets(p *content.Pack) []target {
	var out []target
	at := map[string]int{}
	for _, l := range p.Links() {
		if i, ok := at[l.URL]; ok {
			out[i].also = append(out[i].also, shortOwner(l.Owner))
			continue
		}
		at[l.URL] = len(out)
		out = append(out, target{Link: l})
	}
	return out
}

// owner says in Vietnamese where a target is shown: "Thủ tục 1.001193
// Đăng ký khai sinh", "Bài học vneid".
func owner(o string) string {
	if rest, ok := strings.CutPrefix(o, "procedure "); ok {
		return "Thủ tục " + rest
	}
	if rest, ok := strings.CutPrefix(o, "tutorial "); ok {
		return "Bài học " + rest
	}
	return o
}

// shortOwner is a procedure's code or "bài học ID".
func shortOwner(o string) string {
	if rest, ok := strings.CutPrefix(o, "procedure "); ok {
		code, _, _ := strings.Cut(rest, " ")
		return code
	}
	if rest, ok := strings.CutPrefix(o, "tutorial "); ok {
		return "bài học " + rest
	}
	return o
}

// Write writes the sheet of every distinct QR target of p, in pack order,
// to w. site names the place it is installed at; printed is the date on it.
func Write(w io.Writer, p *content.Pack, site string, printed time.Time, f Fonts) error {
	links := targets(p)
	if len(links) == 0 {
		return fmt.Errorf("the pack has no QR target")
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, margin)
	pdf.AddUTF8FontFromBytes("sheet", "", f.Regular)
	pdf.AddUTF8FontFromBytes("sheet", "B", f.Bold)
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("install sheet fonts: %w", err)
	}
	pdf.SetTitle("Phiếu kiểm tra mã QR", true)
	pdf.SetCreator("kiosk content sheet", true)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(pageH - margin + 4)
		pdf.SetFont("sheet", "", 9)
		pdf.CellFormat(0, 5, fmt.Sprintf("%s · %s · in ngày %s · trang %d/{nb}", site, p.Source, printed.In(kiosk.Zone).Format("02/01/2006"), pdf.PageNo()),
			"", 0, "C", false, 0, "")
	})

	header := func(first bool) float64 {
		pdf.AddPage()
		y := margin
		if first {
			pdf.SetFont("sheet", "B", 15)
			pdf.SetXY(margin, y)
			pdf.CellFormat(0, 8, "Phiếu kiểm tra mã QR khi lắp đặt", "", 1, "L", false, 0, "")
			pdf.SetFont("sheet", "", 10)
			pdf.SetX(margin)
			pdf.MultiCell(pageW-2*margin, 5, fmt.Sprintf(
				"%s. %d mã. Quét từng mã bằng điện thoại thật (Zalo hoặc máy ảnh), xem trang mở ra có đúng như dòng «Phải mở» không, rồi đánh dấu ô. "+
					"Mã nào sai: ghi lại và báo người soạn nội dung. Ghi kết quả vào nội dung bằng: kiosk content check --checked NGÀY ĐỊA_CHỈ…",
				site, len(links)), "", "L", false)
			y = pdf.GetY() + 3
		}
		return y
	}

	y := header(true)
	for i, l := range links {
		h := rowHeight(pdf, i, l)
		if y+h > pageH-margin-6 { // the footer's line
			y = header(false)
		}
		if err := row(pdf, i, l, y, h); err != nil {
			return err
		}
		y += h
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

// lines is one target's words beside its code: font style, size, line
// height and text.
type line struct {
	style string
	size  float64
	h     float64
	text  string
}

func words(i int, l target) []line {
	opens, ok := KindWords[l.Kind]
	if !ok {
		opens = "(nội dung không ghi mã này mở gì)"
	}
	out := []line{
		{"B", 11, 5, fmt.Sprintf("%d. %s", i+1, owner(l.Owner))},
		{"", 10, 5, "Nhãn trên màn hình: " + l.Label},
		{"B", 10, 5, "Phải mở: " + opens},
		{"", 8, 4, l.URL},
	}
	if len(l.also) > 0 {
		out = append(out, line{"", 8, 4, "Cũng hiện ở: " + strings.Join(l.also, ", ")})
	}
	return out
}

// textWidth is the width of the words beside the code.
const textWidth = pageW - 2*margin - codeSide - 4 - boxSide - 4

// rowHeight is the height one target takes: its code, or its words when
// they wrap to more.
func rowHeight(pdf *fpdf.Fpdf, i int, l target) float64 {
	h := 4.0
	for _, w := range words(i, l) {
		pdf.SetFont("sheet", w.style, w.size)
		h += float64(len(pdf.SplitText(w.text, textWidth))) * w.h
	}
	return max(minRowH, h)
}

// row draws one target at y, h high: its QR code on the left, then the
// procedure, the label, what it must open and its address, and the box
// to tick.
func row(pdf *fpdf.Fpdf, i int, l target, y, h float64) error {
	q, err := content.QR(l.URL)
	if err != nil {
		return fmt.Errorf("%s: %w", l.URL, err)
	}
	png, err := q.PNG(-6) // six pixels a module: sharp when printed at codeSide
	if err != nil {
		return err
	}
	name := fmt.Sprintf("qr%d", i)
	pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	pdf.ImageOptions(name, margin, y+2, codeSide, codeSide, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")

	x := margin + codeSide + 4
	pdf.SetXY(x, y+2)
	for _, w := range words(i, l) {
		pdf.SetFont("sheet", w.style, w.size)
		pdf.SetX(x)
		pdf.MultiCell(textWidth, w.h, w.text, "", "L", false)
	}

	bx := pageW - margin - boxSide
	pdf.Rect(bx, y+4, boxSide, boxSide, "D")
	pdf.SetFont("sheet", "", 7)
	pdf.SetXY(bx-3, y+4+boxSide+1)
	pdf.CellFormat(boxSide+6, 3, "Mở đúng", "", 0, "C", false, 0, "")

	pdf.SetDrawColor(180, 180, 180)
	pdf.Line(margin, y+h, pageW-margin, y+h)
	pdf.SetDrawColor(0, 0, 0)
	return nil
}
