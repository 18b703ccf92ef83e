package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifbolditalic"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"github.com/go-pdf/fpdf"

	"onestop/kiosk"
	"onestop/kiosk/content"
)

// Document is what the PDF report needs beside its figures: who issues and
// signs it, who speaks in it, and when it is written.
type Document struct {
	Head     content.ReportSettings // with the site's defaults (Settings.Letterhead)
	Reporter string                 // who reports, in words: "Ủy ban nhân dân xã Quỳnh Lưu"
	Site     string                 // where residents were guided: the site's name
	KioskID  string
	// Recorder names what recorded the figures, in words; empty: "máy
	// hướng dẫn " and the kiosk's id. A province's report says how many.
	Recorder string
	Postal   bool // a postal point: its staff are "nhân viên", not "cán bộ"
	Written  time.Time
}

// DocumentFor is the document of a site as its settings describe it,
// written at the given time.
func DocumentFor(s content.Settings, written time.Time) Document {
	return Document{Head: s.Letterhead(), Reporter: s.Reporter(), Site: s.SiteName, KioskID: s.KioskID,
		Postal: s.SiteKind == content.PostalPoint, Written: written}
}

// The page of Decree 30/2020/NĐ-CP, Appendix I, in millimetres: A4
// portrait, margins 20 top and bottom, 30 left, 15 right.
const (
	a4W, a4H          = 210.0, 297.0
	marginTop         = 20.0
	marginBottom      = 20.0
	marginLeft        = 30.0
	marginRight       = 15.0
	textW             = a4W - marginLeft - marginRight
	bodyPt            = 14.0
	bodyLine          = 6.2 // 14 pt at 1.25 lines
	indent            = 10.0
	paraGap           = 2.1 // 6 pt
	tablePt           = 12.0
	tableLine         = 4.9
	face              = "LiberationSerif"
	ptMM              = 25.4 / 72
	signatureSpace    = 22.0 // for the signature and the seal
	headerLeftShare   = 0.4  // of the text width, for the issuing body
	titleRuleFraction = 0.4  // of the subject line, for the rule under it
)

// WritePDF writes the report in the administrative layout: the issuing
// body and the national heading side by side, the number and date lines,
// the title and subject, the figures in words, tables with the previous
// period and the change, a chart, then the recipients and the signature.
// The face is Liberation Serif (SIL Open Font License), metric-compatible
// with the Times New Roman the decree names, embedded whole for its
// Vietnamese letters.
func (r *Report) WritePDF(w io.Writer, d Document) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(true, marginBottom)
	pdf.AddUTF8FontFromBytes(face, "", liberationserifregular.TTF)
	pdf.AddUTF8FontFromBytes(face, "B", liberationserifbold.TTF)
	pdf.AddUTF8FontFromBytes(face, "I", liberationserifitalic.TTF)
	pdf.AddUTF8FontFromBytes(face, "BI", liberationserifbolditalic.TTF)
	pdf.SetTitle("Báo cáo "+r.subject(), true)
	pdf.SetAuthor(d.Reporter, true)
	pdf.SetCreator("kiosk report", true)
	pdf.SetCreationDate(d.Written.UTC())
	pdf.SetModificationDate(d.Written.UTC())
	// Page numbers in the top margin, centred, from page 2.
	pdf.SetHeaderFuncMode(func() {
		if n := pdf.PageNo(); n > 1 {
			pdf.SetFont(face, "", 13)
			pdf.SetXY(marginLeft, 8)
			pdf.CellFormat(textW, 6, fmt.Sprint(n), "", 0, "C", false, 0, "")
		}
	}, true)
	pdf.AddPage()
	p := &page{pdf: pdf}
	p.letterhead(d)
	p.title(r.subject())
	r.body(p, d)
	p.closing(d)
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

// page writes on the PDF with the report's faces and spacing.
type page struct {
	pdf *fpdf.Fpdf
}

// centred writes one line centred on x.
func (p *page) centred(x, y, size float64, style, s string) float64 {
	p.pdf.SetFont(face, style, size)
	w := p.pdf.GetStringWidth(s)
	p.pdf.Text(x-w/2, y, s)
	return w
}

// rule draws a centred horizontal line of width w under a line at y.
func (p *page) rule(x, y, w float64) {
	p.pdf.SetLineWidth(0.3)
	p.pdf.Line(x-w/2, y, x+w/2, y)
}

// fit splits s into lines no wider than w at the given face.
func (p *page) fit(s string, w, size float64, style string) []string {
	p.pdf.SetFont(face, style, size)
	return p.pdf.SplitText(s, w)
}

// letterhead writes the issuing body beside the national heading, then
// the number beside the place and date (Appendix I, boxes 1–4).
func (p *page) letterhead(d Document) {
	h := d.Head
	leftW := textW * headerLeftShare
	lx := marginLeft + leftW/2
	rx := marginLeft + leftW + (textW-leftW)/2
	top := marginTop + 4
	line := 13 * ptMM * 1.25

	// Left: the parent body (not bold), then the issuer in bold, a rule
	// under it a third of its width or more.
	y := top
	if h.Parent != "" {
		for _, s := range p.fit(h.Parent, leftW, 12, "") {
			p.centred(lx, y, 12, "", s)
			y += line
		}
	}
	widest := 0.0
	for _, name := range h.Issuer {
		for _, s := range p.fit(name, leftW, 13, "B") {
			widest = math.Max(widest, p.centred(lx, y, 13, "B", s))
			y += line
		}
	}
	p.rule(lx, y-line+2, widest*0.4)
	leftEnd := y

	// Right: the national heading, the motto, a rule as long as it.
	y = top
	p.centred(rx, y, 12, "B", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
	y += line
	motto := p.centred(rx, y, 13, "B", "Độc lập - Tự do - Hạnh phúc")
	p.rule(rx, y+2, motto)
	y += line

	y = math.Max(y, leftEnd) + 3
	p.centred(lx, y, 13, "", "Số:        /"+h.Symbol)
	date := fmt.Sprintf("%s, %s", h.Place, vietDate(d.Written))
	p.centred(rx, y, 13, "I", date)
	p.pdf.SetY(y + 10)
}

// title writes "BÁO CÁO" and the subject under it, with a rule.
func (p *page) title(subject string) {
	y := p.pdf.GetY() + 4
	p.centred(a4W/2+(marginLeft-marginRight)/2, y, 14, "B", "BÁO CÁO")
	y += bodyLine
	x := marginLeft + textW/2
	widest := 0.0
	for _, s := range p.fit(subject, textW*0.85, 14, "B") {
		widest = math.Max(widest, p.centred(x, y, 14, "B", s))
		y += bodyLine
	}
	p.rule(x, y-bodyLine+2, widest*titleRuleFraction)
	p.pdf.SetY(y + 4)
}

// para writes a justified paragraph in the body face with the first line
// indented; bold for the report's own headings.
func (p *page) para(style, s string, first float64) {
	p.pdf.SetFont(face, style, bodyPt)
	space := p.pdf.GetStringWidth(" ")
	words := strings.Fields(s)
	lines := [][]string{}
	var cur []string
	curW := 0.0
	avail := textW - first
	for _, wd := range words {
		ww := p.pdf.GetStringWidth(wd)
		if len(cur) > 0 && curW+space+ww > avail {
			lines = append(lines, cur)
			cur, curW, avail = nil, 0, textW
		}
		if len(cur) > 0 {
			curW += space
		}
		cur = append(cur, wd)
		curW += ww
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	for i, ln := range lines {
		p.need(bodyLine)
		x := marginLeft
		width := textW
		if i == 0 {
			x += first
			width -= first
		}
		gap := space
		if i < len(lines)-1 && len(ln) > 1 {
			sum := 0.0
			for _, wd := range ln {
				sum += p.pdf.GetStringWidth(wd)
			}
			gap = (width - sum) / float64(len(ln)-1)
		}
		y := p.pdf.GetY() + bodyPt*ptMM
		for _, wd := range ln {
			p.pdf.Text(x, y, wd)
			x += p.pdf.GetStringWidth(wd) + gap
		}
		p.pdf.SetY(p.pdf.GetY() + bodyLine)
	}
	p.pdf.SetY(p.pdf.GetY() + paraGap)
}

// need starts a new page when h millimetres do not fit on this one.
func (p *page) need(h float64) bool {
	if p.pdf.GetY()+h > a4H-marginBottom {
		p.pdf.AddPage()
		return true
	}
	return false
}

// table writes a table in the table face: a bold header row repeated on a
// new page, cells wrapped to their width; align has an L (left) or C
// (centred) for each column's body cells, the header being centred.
func (p *page) table(widths []float64, align string, head []string, rows [][]string) {
	rowH := func(cells []string, style string) (float64, [][]string) {
		lines := make([][]string, len(cells))
		n := 1
		for i, c := range cells {
			lines[i] = p.fit(c, widths[i]-2, tablePt, style)
			n = max(n, len(lines[i]))
		}
		return float64(n)*tableLine + 1.4, lines
	}
	draw := func(cells []string, style string) {
		h, lines := rowH(cells, style)
		x, y := marginLeft, p.pdf.GetY()
		p.pdf.SetFont(face, style, tablePt)
		p.pdf.SetLineWidth(0.2)
		for i, w := range widths {
			p.pdf.Rect(x, y, w, h, "D")
			top := y + 0.7 + (h-1.4-float64(len(lines[i]))*tableLine)/2
			for j, s := range lines[i] {
				ly := top + float64(j)*tableLine + tableLine*0.75
				if style == "" && align[i] == 'L' {
					p.pdf.Text(x+1.2, ly, s)
				} else {
					p.pdf.Text(x+(w-p.pdf.GetStringWidth(s))/2, ly, s)
				}
			}
			x += w
		}
		p.pdf.SetY(y + h)
	}
	hh, _ := rowH(head, "B")
	first := tableLine + 1.6
	if len(rows) > 0 {
		first, _ = rowH(rows[0], "")
	}
	p.need(hh + first)
	draw(head, "B")
	for _, row := range rows {
		h, _ := rowH(row, "")
		if p.need(h) {
			draw(head, "B")
		}
		draw(row, "")
	}
	p.pdf.SetY(p.pdf.GetY() + 3)
}

// chart draws each indicator as two bars, the period's dark and the
// previous period's light, with their figures; in shades of grey, for the
// office's black-and-white printer.
func (p *page) chart(labels []string, now, before []int, nowName, beforeName string) {
	const (
		labelW = 52.0
		barH   = 3.2
		gap    = 2.2
	)
	most := 1
	for i := range now {
		most = max(most, now[i], before[i])
	}
	h := float64(len(labels))*(2*barH+gap) + 9
	p.need(h)
	y := p.pdf.GetY()
	// The legend.
	p.pdf.SetFont(face, "", 11)
	x := marginLeft + labelW
	for _, l := range []struct {
		grey int
		name string
	}{{60, nowName}, {185, beforeName}} {
		p.pdf.SetFillColor(l.grey, l.grey, l.grey)
		p.pdf.Rect(x, y, 4, 3.2, "F")
		p.pdf.Text(x+5.5, y+3, l.name)
		x += 5.5 + p.pdf.GetStringWidth(l.name) + 8
	}
	y += 6
	barMax := textW - labelW - 16
	for i, label := range labels {
		p.pdf.SetFont(face, "", 11)
		ls := p.fit(label, labelW-3, 11, "")
		for j, s := range ls {
			p.pdf.Text(marginLeft, y+3.4+float64(j)*4.4, s)
		}
		for k, v := range []int{now[i], before[i]} {
			grey := 60
			if k == 1 {
				grey = 185
			}
			by := y + float64(k)*barH
			w := barMax * float64(v) / float64(most)
			p.pdf.SetFillColor(grey, grey, grey)
			if w > 0 {
				p.pdf.Rect(marginLeft+labelW, by, w, barH-0.6, "F")
			}
			p.pdf.SetFont(face, "", 10)
			p.pdf.Text(marginLeft+labelW+w+1.5, by+barH-1.3, number(v))
		}
		y += 2*barH + gap
	}
	p.pdf.SetFillColor(255, 255, 255)
	p.pdf.SetY(y + 2)
}

// closing writes the recipients on the left and the signature on the
// right, at the same height, kept together on one page.
func (p *page) closing(d Document) {
	h := d.Head
	recipients := append(slices.Clone(h.Recipients), "Lưu: VT")
	titles := []string{}
	for _, s := range []string{h.SignFor, h.SignAs, h.SignerTitle} {
		if s != "" {
			titles = append(titles, s)
		}
	}
	leftW := textW * 0.45
	rightW := textW - leftW
	// Both columns wrapped first, to keep them together on one page.
	var rlines [][]string
	n := 0
	for i, rcp := range recipients {
		end := ";"
		if i == len(recipients)-1 {
			end = "."
		}
		ls := p.fit("- "+rcp+end, leftW, 11, "")
		rlines = append(rlines, ls)
		n += len(ls)
	}
	var tlines []string
	for _, s := range titles {
		tlines = append(tlines, p.fit(s, rightW, 14, "B")...)
	}
	leftH := 6 + float64(n)*4.6
	rightH := float64(len(tlines))*bodyLine + signatureSpace + bodyLine
	p.need(math.Max(leftH, rightH) + 4)
	y := p.pdf.GetY() + 4
	// Recipients, 12 pt bold italic then 11 pt items, each ending ";",
	// the last ".".
	p.pdf.SetFont(face, "BI", 12)
	p.pdf.Text(marginLeft, y+4, "Nơi nhận:")
	ry := y + 4
	for _, ls := range rlines {
		p.pdf.SetFont(face, "", 11)
		for j, s := range ls {
			ry += 4.6
			if j > 0 {
				s = "  " + s
			}
			p.pdf.Text(marginLeft, ry, s)
		}
	}
	// The signature: the titles in bold capitals, room for the signature
	// and seal, then the name in bold.
	rx := marginLeft + leftW + (textW-leftW)/2
	sy := y + 4
	for _, s := range tlines {
		p.centred(rx, sy, 14, "B", s)
		sy += bodyLine
	}
	sy += signatureSpace
	if d.Head.Signer != "" {
		p.centred(rx, sy, 14, "B", d.Head.Signer)
	}
	p.pdf.SetY(math.Max(ry, sy) + 4)
}

// vietDate is "ngày 05 tháng 12 năm 2026": the day with two digits, the
// month with two for January and February only (Decree 30/2020, Appendix I).
func vietDate(t time.Time) string {
	t = t.In(ReportZone)
	month := fmt.Sprint(int(t.Month()))
	if t.Month() <= time.February {
		month = fmt.Sprintf("%02d", int(t.Month()))
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
}

// number writes n the Vietnamese way: 1.471, 12.305.
func number(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Change is how a figure moved from one period to the next, in whole
// percent rounded half away from zero; Known is false when the earlier
// period had none to compare with.
type Change struct {
	Percent int
	Known   bool
	Sign    int // -1, 0 or +1: the direction, kept when Percent rounds to 0
}

// ChangeOf compares now with before.
func ChangeOf(now, before int) Change {
	if before == 0 {
		return Change{Known: now == 0}
	}
	sign := 0
	switch {
	case now > before:
		sign = 1
	case now < before:
		sign = -1
	}
	return Change{Percent: int(math.Round(100 * float64(now-before) / float64(before))), Known: true, Sign: sign}
}

// cell is the change in a table: "+12%", "-5%", "0%", or "—" with no base.
func (c Change) cell() string {
	switch {
	case !c.Known:
		return "—"
	case c.Percent > 0:
		return fmt.Sprintf("+%d%%", c.Percent)
	case c.Percent == 0 && c.Sign > 0:
		return "+<1%"
	case c.Percent == 0 && c.Sign < 0:
		return "-<1%"
	}
	return fmt.Sprintf("%d%%", c.Percent)
}

// words is the change in a sentence: "tăng 12% so với tháng trước".
func (c Change) words(before string) string {
	switch {
	case !c.Known:
		return before + " chưa có số liệu"
	case c.Percent > 0:
		return fmt.Sprintf("tăng %d%% so với %s", c.Percent, before)
	case c.Percent < 0:
		return fmt.Sprintf("giảm %d%% so với %s", -c.Percent, before)
	case c.Sign > 0:
		return "tăng dưới 1% so với " + before
	case c.Sign < 0:
		return "giảm dưới 1% so với " + before
	}
	return "bằng " + before
}

// body writes the content of the report: the opening, the figures in
// words, the tables and the chart, and the closing sentence.
func (r *Report) body(p *page, d Document) {
	period := r.Period
	unit := period.Unit()
	before := unit + " trước"
	prev := r.Prev
	if prev == nil {
		prev = &Report{Period: period.Previous(), Totals: make([]int, len(reportLines)), ByPlace: map[string][]int{}, ByGroup: map[string][]int{}}
	}
	last := period.To.AddDate(0, 0, -1)
	recorder := d.Recorder
	if recorder == "" {
		recorder = "máy hướng dẫn " + d.KioskID
	}
	p.para("", fmt.Sprintf("%s báo cáo kết quả hướng dẫn người dân sử dụng dịch vụ công trực tuyến tại %s %s (từ ngày %s đến ngày %s), theo số liệu %s ghi lại, như sau:",
		d.Reporter, d.Site, period.Phrase(), period.From.Format("02/01/2006"), last.Format("02/01/2006"), recorder), indent)

	p.para("B", "I. KẾT QUẢ HƯỚNG DẪN", 0)
	if r.Sessions == 0 {
		s := fmt.Sprintf("Trong %s, máy hướng dẫn không ghi nhận lượt hướng dẫn nào.", period.Phrase())
		if prev.Sessions > 0 {
			s += fmt.Sprintf(" %s có %s lượt.", capitalise(before), number(prev.Sessions))
		}
		if r.Lessons > 0 || r.Slips > 0 {
			s += fmt.Sprintf(" Người dân tự xem hết %s bài học hướng dẫn trên máy; %s phiếu hướng dẫn được in cho người dân mang về.", number(r.Lessons), number(r.Slips))
		}
		p.para("", s, indent)
	} else {
		p.para("", r.inWords(prev, d, before), indent)

		p.para("B", "1. Các chỉ tiêu", 0)
		rows := [][]string{}
		for i, l := range reportLines {
			rows = append(rows, []string{fmt.Sprint(i + 1), l.name, number(r.Totals[i]), number(prev.Totals[i]), ChangeOf(r.Totals[i], prev.Totals[i]).cell()})
		}
		n := len(reportLines)
		rows = append(rows,
			[]string{fmt.Sprint(n + 1), "Bài học hướng dẫn được người dân xem hết", number(r.Lessons), number(prev.Lessons), ChangeOf(r.Lessons, prev.Lessons).cell()},
			[]string{fmt.Sprint(n + 2), "Phiếu hướng dẫn in cho người dân mang về", number(r.Slips), number(prev.Slips), ChangeOf(r.Slips, prev.Slips).cell()},
			[]string{fmt.Sprint(n + 3), "Người dân hài lòng (đánh giá Tốt, Rất tốt)", satisfaction(r), satisfaction(prev), "—"},
		)
		p.table([]float64{13, 80, 24, 24, 24}, "CLCCC", []string{"STT", "Chỉ tiêu", period.Name, prev.Period.Name, "Tăng, giảm"}, rows)

		labels := []string{"Lượt hướng dẫn", "Tài khoản VNeID", "Hồ sơ nộp trực tuyến", "Thanh toán trực tuyến", "Làm xong"}
		p.chart(labels, r.Totals, prev.Totals, period.Name, prev.Period.Name)

		places := unionKeys(r.Places, prev.Places)
		p.para("B", "2. Theo thôn, xóm, tổ dân phố", 0)
		p.table(splitWidths, splitAlign, splitHead("Nơi ở", before), splitRows(places, func(s string) string { return s }, r.ByPlace, prev.ByPlace))

		var groups []string
		for _, g := range kiosk.Groups {
			if r.ByGroup[g] != nil || prev.ByGroup[g] != nil {
				groups = append(groups, g)
			}
		}
		p.para("B", "3. Theo nhóm người dân (khi người dân đồng ý cho biết)", 0)
		if len(groups) == 0 {
			p.para("", "Không có lượt nào người dân cho biết thuộc nhóm người cao tuổi, đồng bào dân tộc thiểu số, người khuyết tật hay hộ nghèo.", indent)
		} else {
			p.table(splitWidths, splitAlign, splitHead("Nhóm", before), splitRows(groups, func(g string) string { return groupNames[g] }, r.ByGroup, prev.ByGroup))
		}
	}
	p.para("", fmt.Sprintf("Trên đây là báo cáo kết quả hướng dẫn người dân sử dụng dịch vụ công trực tuyến %s của %s./.", period.Phrase(), d.Reporter), indent)
}

// The tables by village and by group: the people guided this period, the
// period before and the change, then this period's accounts, dossiers and
// payments.
var (
	splitWidths = []float64{41, 24, 21, 19, 20, 20, 20}
	splitAlign  = "LCCCCCC"
)

func splitHead(first, before string) []string {
	return []string{first, "Lượt hướng dẫn", capitalise(before), "Tăng, giảm", "Tài khoản VNeID", "Hồ sơ nộp", "Thanh toán"}
}

func splitRows(keys []string, name func(string) string, now, before map[string][]int) [][]string {
	var rows [][]string
	for _, k := range keys {
		n, b := figuresOf(now, k), figuresOf(before, k)
		rows = append(rows, []string{name(k), number(n[0]), number(b[0]), ChangeOf(n[0], b[0]).cell(), number(n[1]), number(n[2]), number(n[3])})
	}
	return rows
}

// inWords says the period's figures in a paragraph, each with its change.
func (r *Report) inWords(prev *Report, d Document, before string) string {
	who := "cán bộ"
	if d.Postal {
		who = "nhân viên"
	}
	t, b := r.Totals, prev.Totals
	var s strings.Builder
	fmt.Fprintf(&s, "Trong %s, %s đã hướng dẫn %s lượt người dân sử dụng dịch vụ công trực tuyến, %s; ",
		r.Period.Unit(), who, number(t[0]), ChangeOf(t[0], b[0]).words(before))
	fmt.Fprintf(&s, "hỗ trợ đăng ký, kích hoạt %s tài khoản VNeID (%s); ", number(t[1]), ChangeOf(t[1], b[1]).words(before))
	fmt.Fprintf(&s, "hỗ trợ nộp trực tuyến %s hồ sơ (%s) và thanh toán trực tuyến %s lượt (%s). ",
		number(t[2]), ChangeOf(t[2], b[2]).words(before), number(t[3]), ChangeOf(t[3], b[3]).words(before))
	fmt.Fprintf(&s, "%s lượt hỗ trợ đã làm xong thủ tục. ", number(t[4]))
	fmt.Fprintf(&s, "Người dân tự xem hết %s bài học hướng dẫn trên máy; %s phiếu hướng dẫn được in cho người dân mang về.", number(r.Lessons), number(r.Slips))
	if r.Rated > 0 {
		fmt.Fprintf(&s, " Trong %s lượt người dân đánh giá, %d%% hài lòng.", number(r.Rated), pleasedPercent(r))
	}
	return s.String()
}

func satisfaction(r *Report) string {
	if r.Rated == 0 {
		return "—"
	}
	return fmt.Sprintf("%d%%", pleasedPercent(r))
}

// pleasedPercent is the share of ratings that were pleased, rounded, but
// never to 100 when one was not.
func pleasedPercent(r *Report) int {
	p := int(math.Round(100 * float64(r.Pleased) / float64(r.Rated)))
	if p == 100 && r.Pleased < r.Rated {
		p = 99
	}
	return p
}

// unionKeys is a and b merged, sorted, each once.
func unionKeys(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

// capitalise raises the first letter: "Tháng trước".
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return strings.ToUpper(string(r)) + s[n:]
}

// figuresOf is key's figures in m, zeros when m has none.
func figuresOf(m map[string][]int, key string) []int {
	if f := m[key]; f != nil {
		return f
	}
	return make([]int, len(reportLines))
}
