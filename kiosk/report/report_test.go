package report

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	write := func(period string) map[string]string {
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
		out := map[string]string{}
		for name, rows := range soffice(t, file) {
			var b strings.Builder
			for _, r := range rows {
				b.WriteString(strings.TrimRight(strings.Join(r, "|"), "|") + "\n")
			}
			out[name] = b.String()
		}
		return out
	}
	// A (31 Oct: submitted, done, elderly, rated 4) and C (15 Oct: VNeID,
	// corrected to not done) are October's; B (1 Nov) is not; September
	// has nothing to compare with.
	oct := write("2026-10")
	for sheet, wants := range map[string][]string{
		"Báo cáo": {
			"Kỳ báo cáo: Tháng 10/2026 (từ 01/10/2026 đến 31/10/2026)",
			"STT|Chỉ tiêu|Tháng 10/2026|Tháng 9/2026|Tăng, giảm",
			"1|Lượt người dân được hướng dẫn sử dụng dịch vụ công trực tuyến|2|—|—",
			"2|Tài khoản VNeID được hỗ trợ đăng ký hoặc kích hoạt|1|—|—",
			"3|Hồ sơ được hỗ trợ nộp trực tuyến|1|—|—",
			"4|Lượt được hỗ trợ thanh toán trực tuyến|0|—|0%",
			"5|Lượt hỗ trợ hoàn thành (làm xong)|1|—|—",
			"8|Người dân hài lòng (đánh giá Tốt, Rất tốt)|100% (1/1 lượt đánh giá)|—|—",
		},
		"Theo thôn": {"Nơi ở|Lượt hướng dẫn|Tháng 9/2026|Tăng, giảm|Tài khoản VNeID|Hồ sơ nộp trực tuyến|Thanh toán trực tuyến|Làm xong", "Thôn 1|2|0|—|1|1|0|1"},
		"Theo nhóm": {"Người cao tuổi|1|0|—|0|1|0|1"},
	} {
		for _, want := range wants {
			if !strings.Contains(oct[sheet], want) {
				t.Errorf("sheet %s lacks %q:\n%s", sheet, want, oct[sheet])
			}
		}
	}
	// November against October: B only, against A and C.
	nov := write("2026-11")
	for sheet, want := range map[string]string{
		"Báo cáo":   "1|Lượt người dân được hướng dẫn sử dụng dịch vụ công trực tuyến|1|2|-50%",
		"Theo thôn": "Thôn 1|0|2|-100%|0|0|0|0",
	} {
		if !strings.Contains(nov[sheet], want) {
			t.Errorf("November's sheet %s lacks %q:\n%s", sheet, want, nov[sheet])
		}
	}
	dec := write("2026-12")
	if want := "1|Lượt người dân được hướng dẫn sử dụng dịch vụ công trực tuyến|—|1|—"; !strings.Contains(dec["Báo cáo"], want) {
		t.Errorf("an empty month after one session reads:\n%s", dec["Báo cáo"])
	}
}

// Printed by LibreOffice to PDF, each sheet of a month of 3,000 sessions
// is one page wide: its first and last column headers on the same page.
func TestReportXLSXPrintsOnePageWide(t *testing.T) {
	bin := sofficeBin(t)
	ctx := context.Background()
	st := openStore(t)
	places := []string{"Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5", "Xóm Đồng Tâm", "Xóm Tân Mỹ", "Tổ dân phố 1", "Thôn Bắc Sơn Thượng"}
	if err := (&Demo{Store: st, Seed: 3, Site: "Xã Quỳnh Lưu", Places: places}).Fill(ctx, 5600, 61, 0, time.Date(2026, 12, 1, 0, 0, 0, 0, ReportZone), nil); err != nil {
		t.Fatal(err)
	}
	p, _ := ParseReportPeriod("2026-11")
	r, err := BuildReport(ctx, st, p, "Điểm hướng dẫn Dịch vụ công trực tuyến", "Xã Quỳnh Lưu", nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "bao-cao.xlsx")
	f, _ := os.Create(file)
	if err := r.WriteXLSX(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	cmd := exec.Command(bin, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", dir, file)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	if said, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v: %s", err, said)
	}
	pdf := filepath.Join(dir, "bao-cao.pdf")
	info := poppler(t, "pdfinfo", pdf)
	if !strings.Contains(info, "Pages:           3") {
		t.Errorf("three sheets printed to other than three pages:\n%s", info)
	}
	for page, heads := range [][2]string{{"STT", "Tăng, giảm"}, {"Nơi ở", "Làm xong"}, {"Nhóm", "Làm xong"}} {
		n := fmt.Sprint(page + 1)
		text := flat(poppler(t, "pdftotext", "-f", n, "-l", n, pdf, "-"))
		for _, h := range heads {
			if !strings.Contains(text, h) {
				t.Errorf("page %s lacks its column %q: the sheet is not one page wide:\n%s", n, h, text)
			}
		}
	}
}
