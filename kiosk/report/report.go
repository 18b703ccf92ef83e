package report

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"onestop/kiosk"
)

// ReportPeriod is the period of a periodic report: a month, a quarter or
// a year, in Vietnam's time zone.
type ReportPeriod struct {
	From, To time.Time // [From, To)
	Name     string    // "Tháng 10/2026", "Quý IV/2026", "Năm 2026"
	months   int       // 1, 3 or 12
}

// Unit is the kind of period in words: "tháng", "quý" or "năm".
func (p ReportPeriod) Unit() string {
	switch p.months {
	case 3:
		return "quý"
	case 12:
		return "năm"
	}
	return "tháng"
}

// Phrase names the period in a sentence: "tháng 10 năm 2026", "quý IV
// năm 2026", "năm 2026".
func (p ReportPeriod) Phrase() string {
	switch p.months {
	case 3:
		return fmt.Sprintf("quý %s năm %d", []string{"I", "II", "III", "IV"}[(p.From.Month()-1)/3], p.From.Year())
	case 12:
		return fmt.Sprintf("năm %d", p.From.Year())
	}
	return fmt.Sprintf("tháng %d năm %d", p.From.Month(), p.From.Year())
}

// Previous is the period of the same kind just before.
func (p ReportPeriod) Previous() ReportPeriod {
	m := max(p.months, 1)
	from := p.From.AddDate(0, -m, 0)
	q := ReportPeriod{From: from, To: p.From, months: m}
	switch m {
	case 3:
		q.Name = fmt.Sprintf("Quý %s/%d", []string{"I", "II", "III", "IV"}[(from.Month()-1)/3], from.Year())
	case 12:
		q.Name = fmt.Sprintf("Năm %d", from.Year())
	default:
		q.Name = fmt.Sprintf("Tháng %d/%d", from.Month(), from.Year())
	}
	return q
}

// ParseReportPeriod reads "2026-10" (a month), "2026-Q4" (a quarter) or
// "2026" (a year).
func ParseReportPeriod(s string) (ReportPeriod, error) {
	z := ReportZone
	var y, n int
	switch {
	case len(s) == 7 && s[4] == '-' && s[5] != 'Q':
		t, err := time.ParseInLocation("2006-01", s, z)
		if err != nil {
			break
		}
		return ReportPeriod{t, t.AddDate(0, 1, 0), fmt.Sprintf("Tháng %d/%d", t.Month(), t.Year()), 1}, nil
	case len(s) == 7 && s[4] == '-' && s[5] == 'Q':
		if _, err := fmt.Sscanf(s, "%4d-Q%1d", &y, &n); err != nil || n < 1 || n > 4 {
			break
		}
		from := time.Date(y, time.Month(3*(n-1)+1), 1, 0, 0, 0, 0, z)
		return ReportPeriod{from, from.AddDate(0, 3, 0), fmt.Sprintf("Quý %s/%d", []string{"I", "II", "III", "IV"}[n-1], y), 3}, nil
	case len(s) == 4:
		if y, err := strconv.Atoi(s); err == nil && y > 2000 {
			from := time.Date(y, 1, 1, 0, 0, 0, 0, z)
			return ReportPeriod{from, from.AddDate(1, 0, 0), fmt.Sprintf("Năm %d", y), 12}, nil
		}
	}
	return ReportPeriod{}, fmt.Errorf("%q is not a period: say 2026-10 (a month), 2026-Q4 (a quarter) or 2026 (a year)", s)
}

// reportLine is one indicator of the report: its name and how a session
// counts towards it (nil: the indicator is not counted from sessions).
type reportLine struct {
	name  string
	count func(kiosk.Session) bool
}

func helped(kinds ...string) func(kiosk.Session) bool {
	return func(s kiosk.Session) bool {
		for _, h := range s.Help {
			for _, k := range kinds {
				if h == k {
					return true
				}
			}
		}
		return false
	}
}

var reportLines = []reportLine{
	{"Lượt người dân được hướng dẫn sử dụng dịch vụ công trực tuyến", func(kiosk.Session) bool { return true }},
	{"Tài khoản VNeID được hỗ trợ đăng ký hoặc kích hoạt", helped("vneid_registered", "vneid_level2")},
	{"Hồ sơ được hỗ trợ nộp trực tuyến", helped("submitted")},
	{"Lượt được hỗ trợ thanh toán trực tuyến", helped("paid")},
	{"Lượt hỗ trợ hoàn thành (làm xong)", func(s kiosk.Session) bool { return s.Outcome == kiosk.OutcomeDone }},
}

// Report is what a periodic report says.
type Report struct {
	Period   ReportPeriod
	Site     string
	Commune  string
	Totals   []int            // per reportLines
	ByPlace  map[string][]int // per place, per reportLines
	ByGroup  map[string][]int // per group, per reportLines
	Places   []string         // in the order seen
	Lessons  int              // lessons played to their end by residents
	Slips    int              // slips printed for residents to take home
	Rated    int              // sessions with a rating
	Pleased  int              // of them, rated 3 or 4
	Sessions int
	Prev     *Report // the period before, for the changes (nil inside it)
}

// subject is the report's subject line.
func (r *Report) subject() string {
	return "Kết quả hướng dẫn người dân sử dụng dịch vụ công trực tuyến " + r.Period.Phrase()
}

// Source is where a report's records come from: a kiosk's store, or the
// province's collector (all its kiosks, or one site's).
type Source interface {
	Counter
	EachSession(ctx context.Context, from, to time.Time, f func(kiosk.Session) error) error
}

// BuildReport counts a period's figures as a commune reports them upward,
// with the period before for comparison (Report.Prev). progress, if not
// nil, is called with the sessions read so far.
func BuildReport(ctx context.Context, st Source, p ReportPeriod, site, commune string, progress func(int)) (*Report, error) {
	r, err := countPeriod(ctx, st, p, site, commune, progress)
	if err != nil {
		return nil, err
	}
	if r.Prev, err = countPeriod(ctx, st, p.Previous(), site, commune, nil); err != nil {
		return nil, err
	}
	return r, nil
}

// countPeriod counts one period's figures.
func countPeriod(ctx context.Context, st Source, p ReportPeriod, site, commune string, progress func(int)) (*Report, error) {
	read := 0
	r := &Report{Period: p, Site: site, Commune: commune, Totals: make([]int, len(reportLines)),
		ByPlace: map[string][]int{}, ByGroup: map[string][]int{}}
	add := func(m map[string][]int, key string, s kiosk.Session) {
		if m[key] == nil {
			m[key] = make([]int, len(reportLines))
		}
		for i, l := range reportLines {
			if l.count(s) {
				m[key][i]++
			}
		}
	}
	err := st.EachSession(ctx, p.From, p.To, func(s kiosk.Session) error {
		read++
		if progress != nil && read%10000 == 0 {
			progress(read)
		}
		if s.Status != kiosk.SessionClosed {
			return ctx.Err()
		}
		r.Sessions++
		for i, l := range reportLines {
			if l.count(s) {
				r.Totals[i]++
			}
		}
		place := s.Place
		if place == "" {
			place = "Không rõ"
		}
		if r.ByPlace[place] == nil {
			r.Places = append(r.Places, place)
		}
		add(r.ByPlace, place, s)
		for _, g := range s.Groups {
			add(r.ByGroup, g, s)
		}
		if s.Rating > 0 {
			r.Rated++
			if s.Rating >= 3 {
				r.Pleased++
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(r.Places)
	rows, err := (&Tallies{Counter: st}).Visits(ctx, LessonsFinished, p.From, p.To)
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		r.Lessons += row.Count
	}
	if rows, err = (&Tallies{Counter: st}).Visits(ctx, SlipsPrinted, p.From, p.To); err != nil {
		return nil, err
	}
	for _, row := range rows {
		r.Slips += row.Count
	}
	return r, nil
}

// groupNames are the groups as the report names them.
var groupNames = map[string]string{
	"elderly": "Người cao tuổi", "ethnic_minority": "Đồng bào dân tộc thiểu số",
	"disability": "Người khuyết tật", "poor_household": "Hộ nghèo",
}

// WriteXLSX writes the report as the data behind the signed PDF, in
// Vietnamese: a sheet of the indicators with the previous period and the
// change, one by village and one by resident group. A figure with no
// record is "—". Each sheet prints on A4 portrait, one page wide, its
// header row repeated on every page, its columns as wide as their longest
// value and its headers wrapped.
func (r *Report) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	prev := r.Prev
	if prev == nil {
		prev = &Report{Period: r.Period.Previous(), Totals: make([]int, len(reportLines))}
	}
	has, hadBefore := r.Sessions > 0, prev.Sessions > 0
	figure := func(n int, has bool) any {
		if !has {
			return "—"
		}
		return n
	}
	change := func(now, before int) string {
		if !has {
			return "—"
		}
		return ChangeOf(now, before).cell()
	}
	rows := [][]any{}
	for i, l := range reportLines {
		rows = append(rows, []any{i + 1, l.name, figure(r.Totals[i], has), figure(prev.Totals[i], hadBefore), change(r.Totals[i], prev.Totals[i])})
	}
	n := len(reportLines)
	rows = append(rows,
		[]any{n + 1, "Bài học hướng dẫn được người dân xem hết", figure(r.Lessons, r.Lessons > 0 || has), figure(prev.Lessons, prev.Lessons > 0 || hadBefore), change(r.Lessons, prev.Lessons)},
		[]any{n + 2, "Phiếu hướng dẫn in cho người dân mang về", figure(r.Slips, r.Slips > 0 || has), figure(prev.Slips, prev.Slips > 0 || hadBefore), change(r.Slips, prev.Slips)},
		[]any{n + 3, "Người dân hài lòng (đánh giá Tốt, Rất tốt)", rated(r), rated(prev), "—"},
	)
	last := r.Period.To.AddDate(0, 0, -1)
	heading := [][]any{
		{"BÁO CÁO KẾT QUẢ HƯỚNG DẪN NGƯỜI DÂN SỬ DỤNG DỊCH VỤ CÔNG TRỰC TUYẾN"},
		{"Kỳ báo cáo: " + r.Period.Name + " (từ " + r.Period.From.Format("02/01/2006") + " đến " + last.Format("02/01/2006") + ")"},
		{"Đơn vị: " + r.Site + " · " + r.Commune},
		{},
	}
	sheets := []xlsxTable{{
		name: "Báo cáo", heading: heading,
		head: []string{"STT", "Chỉ tiêu", r.Period.Name, prev.Period.Name, "Tăng, giảm"},
		rows: rows, text: []bool{false, true, false, false, false},
	}}
	split := func(name, first string, keys []string, label func(string) string, now, before map[string][]int) xlsxTable {
		t := xlsxTable{name: name,
			head: []string{first, "Lượt hướng dẫn", prev.Period.Name, "Tăng, giảm", "Tài khoản VNeID", "Hồ sơ nộp trực tuyến", "Thanh toán trực tuyến", "Làm xong"},
			text: []bool{true, false, false, false, false, false, false, false}}
		for _, k := range keys {
			a, b := figuresOf(now, k), figuresOf(before, k)
			t.rows = append(t.rows, []any{label(k), a[0], b[0], ChangeOf(a[0], b[0]).cell(), a[1], a[2], a[3], a[4]})
		}
		if len(keys) == 0 {
			t.rows = append(t.rows, []any{"Không có số liệu"})
		}
		return t
	}
	sheets = append(sheets, split("Theo thôn", "Nơi ở", unionKeys(r.Places, prev.Places), func(s string) string { return s }, r.ByPlace, prev.ByPlace))
	var groups []string
	for _, g := range kiosk.Groups {
		if r.ByGroup[g] != nil || prev.ByGroup[g] != nil {
			groups = append(groups, g)
		}
	}
	sheets = append(sheets, split("Theo nhóm", "Nhóm", groups, func(g string) string { return groupNames[g] }, r.ByGroup, prev.ByGroup))
	for i, t := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", t.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(t.name); err != nil {
			return err
		}
		if err := t.write(f); err != nil {
			return err
		}
	}
	return f.Write(w)
}

func rated(r *Report) string {
	if r.Rated == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f%% (%d/%d lượt đánh giá)", 100*float64(r.Pleased)/float64(r.Rated), r.Pleased, r.Rated)
}

// xlsxTable is one sheet of the report: heading lines, then a table whose
// header row repeats on every printed page.
type xlsxTable struct {
	name    string
	heading [][]any
	head    []string
	rows    [][]any
	text    []bool // per column: text (left, wrapped) or figures (centred)
}

func (t xlsxTable) write(f *excelize.File) error {
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"},
		{Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	if err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	figure, err := f.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	if err != nil {
		return err
	}
	row := 1
	for _, line := range t.heading {
		for i, v := range line {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			f.SetCellValue(t.name, cell, v)
			f.SetCellStyle(t.name, cell, cell, title)
		}
		row++
	}
	headRow := row
	widths := make([]int, len(t.head))
	for i, h := range t.head {
		cell, _ := excelize.CoordinatesToCellName(i+1, row)
		f.SetCellValue(t.name, cell, h)
		f.SetCellStyle(t.name, cell, cell, head)
		// A header wraps: its longest word sets its least width.
		for _, w := range strings.Fields(h) {
			widths[i] = max(widths[i], utf8.RuneCountInString(w))
		}
	}
	row++
	for _, line := range t.rows {
		for i := range t.head {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			style := figure
			if t.text[i] {
				style = text
			}
			if i < len(line) {
				f.SetCellValue(t.name, cell, line[i])
				widths[i] = max(widths[i], utf8.RuneCountInString(fmt.Sprint(line[i])))
			}
			f.SetCellStyle(t.name, cell, cell, style)
		}
		row++
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		// About a character's width per character, with a margin; a
		// long text column wraps past 50.
		width := float64(min(w, 50))*1.15 + 3
		if err := f.SetColWidth(t.name, col, col, width); err != nil {
			return err
		}
	}
	a4, portrait, wide, tall := 9, "portrait", 1, 0
	if err := f.SetPageLayout(t.name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &portrait, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(t.name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: t.name,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", t.name, headRow, headRow)})
}
