package report

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

// ReportPeriod is the period of a periodic report: a month, a quarter or
// a year, in Vietnam's time zone.
type ReportPeriod struct {
	From, To time.Time // [From, To)
	Name     string    // "Tháng 10/2026", "Quý IV/2026", "Năm 2026"
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
		return ReportPeriod{t, t.AddDate(0, 1, 0), fmt.Sprintf("Tháng %d/%d", t.Month(), t.Year())}, nil
	case len(s) == 7 && s[4] == '-' && s[5] == 'Q':
		if _, err := fmt.Sscanf(s, "%4d-Q%1d", &y, &n); err != nil || n < 1 || n > 4 {
			break
		}
		from := time.Date(y, time.Month(3*(n-1)+1), 1, 0, 0, 0, 0, z)
		return ReportPeriod{from, from.AddDate(0, 3, 0), fmt.Sprintf("Quý %s/%d", []string{"I", "II", "III", "IV"}[n-1], y)}, nil
	case len(s) == 4:
		if y, err := strconv.Atoi(s); err == nil && y > 2000 {
			from := time.Date(y, 1, 1, 0, 0, 0, 0, z)
			return ReportPeriod{from, from.AddDate(1, 0, 0), fmt.Sprintf("Năm %d", y)}, nil
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
	Rated    int              // sessions with a rating
	Pleased  int              // of them, rated 3 or 4
	Sessions int
}

// BuildReport counts a period's figures as a commune reports them upward.
// progress, if not nil, is called with the sessions read so far.
func BuildReport(ctx context.Context, st *store.Store, p ReportPeriod, site, commune string, progress func(int)) (*Report, error) {
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
	rows, err := (&Tallies{Store: st}).Visits(ctx, LessonsFinished, p.From, p.To)
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		r.Lessons += row.Count
	}
	return r, nil
}

// groupNames are the groups as the report names them.
var groupNames = map[string]string{
	"elderly": "Người cao tuổi", "ethnic_minority": "Đồng bào dân tộc thiểu số",
	"disability": "Người khuyết tật", "poor_household": "Hộ nghèo",
}

// WriteXLSX writes the report as a one-sheet workbook in Vietnamese: the
// heading with the site and period, the figures, then the same figures by
// village and by resident group. A figure with no record is "—".
func (r *Report) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	const sh = "Báo cáo"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	row := 1
	put := func(style int, values ...any) {
		for i, v := range values {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			f.SetCellValue(sh, cell, v)
			if style != 0 {
				f.SetCellStyle(sh, cell, cell, style)
			}
		}
		row++
	}
	figure := func(n int, has bool) any {
		if !has {
			return "—"
		}
		return n
	}
	put(title, "BÁO CÁO KẾT QUẢ HƯỚNG DẪN NGƯỜI DÂN SỬ DỤNG DỊCH VỤ CÔNG TRỰC TUYẾN")
	put(0, "Kỳ báo cáo: "+r.Period.Name+" (từ "+r.Period.From.Format("02/01/2006")+" đến "+r.Period.To.AddDate(0, 0, -1).Format("02/01/2006")+")")
	put(0, "Đơn vị: "+r.Site+" · "+r.Commune)
	row++
	put(bold, "STT", "Chỉ tiêu", "Số lượng")
	has := r.Sessions > 0
	for i, l := range reportLines {
		put(0, i+1, l.name, figure(r.Totals[i], has))
	}
	put(0, len(reportLines)+1, "Bài học hướng dẫn được người dân xem hết", figure(r.Lessons, r.Lessons > 0 || has))
	satisfied := any("—")
	if r.Rated > 0 {
		satisfied = fmt.Sprintf("%.0f%% (%d/%d lượt đánh giá)", 100*float64(r.Pleased)/float64(r.Rated), r.Pleased, r.Rated)
	}
	put(0, len(reportLines)+2, "Người dân hài lòng (đánh giá Tốt, Rất tốt)", satisfied)
	row++
	table := func(heading, first string, keys []string, name func(string) string, data map[string][]int) {
		put(bold, heading)
		head := []any{first}
		for _, l := range reportLines {
			head = append(head, l.name)
		}
		put(bold, head...)
		if len(keys) == 0 {
			put(0, "Không có số liệu")
		}
		for _, k := range keys {
			line := []any{name(k)}
			for i := range reportLines {
				line = append(line, data[k][i])
			}
			put(0, line...)
		}
		row++
	}
	table("Theo thôn, xóm, tổ dân phố", "Nơi ở", r.Places, func(s string) string { return s }, r.ByPlace)
	var groups []string
	for _, g := range kiosk.Groups {
		if r.ByGroup[g] != nil {
			groups = append(groups, g)
		}
	}
	table("Theo nhóm (khi người dân đồng ý cho biết)", "Nhóm", groups, func(g string) string { return groupNames[g] }, r.ByGroup)
	f.SetColWidth(sh, "B", "B", 60)
	return f.Write(w)
}
