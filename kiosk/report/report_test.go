package report

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseReportPeriod(t *testing.T) {
	for in, want := range map[string]string{
		"2026-10": "Tháng 10/2026 2026-10-01 2026-11-01",
		"2026-Q4": "Quý IV/2026 2026-10-01 2027-01-01",
		"2026-Q1": "Quý I/2026 2026-01-01 2026-04-01",
		"2026":    "Năm 2026 2026-01-01 2027-01-01",
	} {
		p, err := ParseReportPeriod(in)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if got := p.Name + " " + p.From.Format("2006-01-02") + " " + p.To.Format("2006-01-02"); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
		if p.From.Location() != ReportZone {
			t.Errorf("%s is not in Vietnam's time", in)
		}
	}
	for _, bad := range []string{"", "10/2026", "2026-13", "2026-Q5", "26"} {
		if _, err := ParseReportPeriod(bad); err == nil {
			t.Errorf("%q taken", bad)
		}
	}
}

// The October report of the fixture, read back by LibreOffice, says what
// was counted by hand; a month with no record says "—", not 0.
func TestReport(t *testing.T) {
	ctx := context.Background()
	_, st := tallyFixture(t)
	write := func(period string) map[string][][]string {
		p, err := ParseReportPeriod(period)
		if err != nil {
			t.Fatal(err)
		}
		r, err := BuildReport(ctx, st, p, "Điểm hướng dẫn", "Xã Quỳnh Lưu", nil)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "bao-cao.xlsx")
		f, _ := os.Create(file)
		if err := r.WriteXLSX(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return soffice(t, file)
	}
	var rows [][]string
	for _, r := range write("2026-10") {
		rows = r
	}
	text := func() string {
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(strings.TrimRight(strings.Join(r, "|"), "|") + "\n")
		}
		return b.String()
	}()
	// A (31 Oct: submitted, done, elderly, rated 4) and C (15 Oct: VNeID,
	// corrected to not done) are October's; B (1 Nov) is not.
	for _, want := range []string{
		"Kỳ báo cáo: Tháng 10/2026 (từ 01/10/2026 đến 31/10/2026)",
		"1|Lượt người dân được hướng dẫn sử dụng dịch vụ công trực tuyến|2",
		"2|Tài khoản VNeID được hỗ trợ đăng ký hoặc kích hoạt|1",
		"3|Hồ sơ được hỗ trợ nộp trực tuyến|1",
		"4|Lượt được hỗ trợ thanh toán trực tuyến|0",
		"5|Lượt hỗ trợ hoàn thành (làm xong)|1",
		"7|Người dân hài lòng (đánh giá Tốt, Rất tốt)|100% (1/1 lượt đánh giá)",
		"Thôn 1|2|1|1|0|1",
		"Người cao tuổi|1|0|1|0|1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q:\n%s", want, text)
		}
	}
	for _, r := range write("2026-12") {
		rows = r
	}
	for _, r := range rows {
		if len(r) > 2 && r[0] == "1" && r[2] != "—" {
			t.Errorf("an empty month reports %q, not —", r[2])
		}
	}
}
