package report

import (
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"onestop/kiosk/content"
)

// poppler runs one of poppler's readers; make test installs them
// (KIOSK_TEST_ALL=1 makes their absence a failure).
func poppler(t *testing.T, name string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("KIOSK_TEST_ALL") != "" {
			t.Fatalf("%s is not installed: make test installs poppler-utils", name)
		}
		t.Skipf("%s is not installed", name)
	}
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v: %s", name, err, out)
	}
	return string(out)
}

// flat is a PDF's text with its spacing and line breaks made single
// spaces, in composed Unicode, for phrases that a justified line may
// spread or break.
func flat(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

var communeSettings = content.Settings{
	SiteName: "Điểm hướng dẫn Dịch vụ công trực tuyến", Commune: "Xã Quỳnh Lưu", Province: "Tỉnh Nghệ An",
	SiteKind: content.CommuneCounter, KioskID: "NA-QL-01",
	Report: content.ReportSettings{Signer: "Nguyễn Văn An"},
}

// writePDF builds the report of period from st and writes it as a PDF,
// returning the file and the text pdftotext reads from it.
func writePDF(t *testing.T, r *Report, d Document) (string, string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "bao-cao.pdf")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.WritePDF(f, d); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return file, poppler(t, "pdftotext", "-layout", file, "-")
}

func buildReport(t *testing.T, period string, s content.Settings) *Report {
	t.Helper()
	_, st := tallyFixture(t)
	p, err := ParseReportPeriod(period)
	if err != nil {
		t.Fatal(err)
	}
	r, err := BuildReport(context.Background(), st, p, s.SiteName, s.Commune, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The figures of the hand-counted fixture, their previous period and the
// change, as the PDF says them: November (B only) against October (A, C).
func TestReportPDFFigures(t *testing.T) {
	written := time.Date(2026, 12, 5, 9, 0, 0, 0, ReportZone)
	r := buildReport(t, "2026-11", communeSettings)
	if got := r.Totals; got[0] != 1 || got[1] != 0 || got[2] != 0 || got[4] != 0 {
		t.Fatalf("November's totals %v, want [1 0 0 0 0]", got)
	}
	if got := r.Prev.Totals; got[0] != 2 || got[1] != 1 || got[2] != 1 || got[3] != 0 || got[4] != 1 {
		t.Fatalf("October's totals %v, want [2 1 1 0 1]", got)
	}
	_, text := writePDF(t, r, DocumentFor(communeSettings, written))
	got := flat(text)
	for _, want := range []string{
		// The heading, number and date lines of Decree 30/2020.
		"ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "XÃ QUỲNH LƯU", "Độc lập - Tự do - Hạnh phúc",
		"/BC-UBND", "Quỳnh Lưu, ngày 05 tháng 12 năm 2026",
		"BÁO CÁO", "Kết quả hướng dẫn người dân sử dụng dịch vụ công trực tuyến tháng 11 năm 2026",
		"(từ ngày 01/11/2026 đến ngày 30/11/2026)",
		// The figures in words, each with its change.
		"Trong tháng, cán bộ đã hướng dẫn 1 lượt người dân sử dụng dịch vụ công trực tuyến, giảm 50% so với tháng trước",
		"kích hoạt 0 tài khoản VNeID (giảm 100% so với tháng trước)",
		"thanh toán trực tuyến 0 lượt (bằng tháng trước)",
		// The table: this month, last month, the change.
		"Tháng 11/2026", "Tháng 10/2026",
		"Thôn 1 0 2 -100%", "Thôn 2 1 0 —",
		"Người cao tuổi 0 1 -100%",
		// The recipients and the signature.
		"Nơi nhận:", "- Ủy ban nhân dân tỉnh Nghệ An;", "- Lưu: VT.",
		"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
}

// A period that starts with no records before it: the changes are not
// made up.
func TestReportPDFNoPreviousPeriod(t *testing.T) {
	r := buildReport(t, "2026-10", communeSettings)
	if r.Prev.Sessions != 0 || r.Sessions != 2 {
		t.Fatalf("October %d sessions, September %d: want 2 and 0", r.Sessions, r.Prev.Sessions)
	}
	_, text := writePDF(t, r, DocumentFor(communeSettings, time.Date(2026, 11, 3, 9, 0, 0, 0, ReportZone)))
	got := flat(text)
	for _, want := range []string{
		"ngày 03 tháng 11 năm 2026",
		"đã hướng dẫn 2 lượt người dân sử dụng dịch vụ công trực tuyến, tháng trước chưa có số liệu",
		"Thôn 1 2 0 —",
		"100%", // one rating of 4 out of one
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(got, "tăng") {
		t.Errorf("a change is claimed against a month with no records:\n%s", text)
	}
}

// A period with no records says so in words, not in a table of dashes.
func TestReportPDFEmptyPeriod(t *testing.T) {
	r := buildReport(t, "2026-12", communeSettings)
	_, text := writePDF(t, r, DocumentFor(communeSettings, time.Date(2027, 1, 4, 9, 0, 0, 0, ReportZone)))
	got := flat(text)
	for _, want := range []string{
		"Trong tháng 12 năm 2026, máy hướng dẫn không ghi nhận lượt hướng dẫn nào. Tháng trước có 1 lượt.",
		"ngày 04 tháng 01 năm 2027",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(got, "Tăng, giảm") {
		t.Errorf("an empty month has a table:\n%s", text)
	}
}

// A postal point's report speaks of its site and staff and goes to its
// commune.
func TestReportPDFPostalPoint(t *testing.T) {
	s := communeSettings
	s.SiteKind, s.SiteName = content.PostalPoint, "Bưu điện văn hóa xã Quỳnh Lưu"
	s.Report = content.ReportSettings{Signer: "Trần Thị Bình"}
	r := buildReport(t, "2026-11", s)
	_, text := writePDF(t, r, DocumentFor(s, time.Date(2026, 12, 5, 9, 0, 0, 0, ReportZone)))
	got := flat(text)
	for _, want := range []string{
		"BƯU ĐIỆN TỈNH NGHỆ AN", "BƯU ĐIỆN VĂN HÓA XÃ", "QUỲNH LƯU", "/BC-BĐ",
		"Bưu điện văn hóa xã Quỳnh Lưu báo cáo kết quả",
		"nhân viên đã hướng dẫn 1 lượt",
		"- Ủy ban nhân dân xã Quỳnh Lưu;", "TRƯỞNG BƯU ĐIỆN", "Trần Thị Bình",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
	for _, wrong := range []string{"TM. ỦY BAN NHÂN DÂN", "cán bộ đã hướng dẫn"} {
		if strings.Contains(got, wrong) {
			t.Errorf("a postal point's report says %q", wrong)
		}
	}
}

// A month of 3,000 sessions fits one or two A4 pages, which poppler reads
// and draws; REPORT_PNG=FILE keeps page 1's picture (the README's).
func TestReportPDFMonthOnA4(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	end := time.Date(2026, 12, 1, 0, 0, 0, 0, ReportZone)
	if err := (&Demo{Store: st, Seed: 7, Site: "Xã Quỳnh Lưu", Places: []string{"Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5", "Xóm Đồng Tâm", "Xóm Tân Mỹ", "Tổ dân phố 1"}}).Fill(ctx, 6200, 61, 800, end, nil); err != nil {
		t.Fatal(err)
	}
	p, _ := ParseReportPeriod("2026-11")
	r, err := BuildReport(ctx, st, p, communeSettings.SiteName, communeSettings.Commune, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Sessions < 3000 || r.Prev.Sessions < 2500 {
		t.Fatalf("November %d sessions, October %d: the demo should give a month of 3,000 or more", r.Sessions, r.Prev.Sessions)
	}
	file, text := writePDF(t, r, DocumentFor(communeSettings, time.Date(2026, 12, 5, 9, 0, 0, 0, ReportZone)))
	if keep := os.Getenv("REPORT_PDF"); keep != "" {
		b, _ := os.ReadFile(file)
		os.WriteFile(keep, b, 0o644)
	}
	info := poppler(t, "pdfinfo", file)
	pages := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info)
	if pages == nil || (pages[1] != "1" && pages[1] != "2") {
		t.Errorf("the report of %d sessions is not one or two pages:\n%s", r.Sessions, info)
	}
	if !regexp.MustCompile(`(?m)^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)`).MatchString(info) {
		t.Errorf("the report is not A4 portrait:\n%s", info)
	}
	if got := flat(text); !strings.Contains(got, "1. Các chỉ tiêu") || !strings.Contains(got, "Xóm Đồng Tâm") {
		t.Errorf("the report lacks its tables:\n%s", text)
	}
	fonts := poppler(t, "pdffonts", file)
	if !strings.Contains(strings.ToLower(fonts), "liberationserif") {
		t.Errorf("the report is not set in Liberation Serif:\n%s", fonts)
	}
	for _, line := range strings.Split(fonts, "\n")[2:] {
		if f := strings.Fields(line); len(f) > 0 && !strings.Contains(line, " yes ") {
			t.Errorf("a font is not embedded: %s", line)
		}
	}
	out := filepath.Join(t.TempDir(), "page")
	poppler(t, "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", file, out)
	pngs, _ := filepath.Glob(out + "*.png")
	if len(pngs) != 1 {
		t.Fatalf("pdftoppm drew %d pictures of page 1", len(pngs))
	}
	f, err := os.Open(pngs[0])
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	dark := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				dark++
			}
		}
	}
	if dark < b.Dx()*b.Dy()/100 {
		t.Errorf("page 1 is nearly blank: %d dark pixels of %d", dark, b.Dx()*b.Dy())
	}
	if keep := os.Getenv("REPORT_PNG"); keep != "" {
		poppler(t, "pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", file, strings.TrimSuffix(keep, ".png"))
	}
}

func TestVietnameseFormats(t *testing.T) {
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 12, 5, 9, 0, 0, 0, ReportZone), "ngày 05 tháng 12 năm 2026"},
		{time.Date(2027, 2, 3, 9, 0, 0, 0, ReportZone), "ngày 03 tháng 02 năm 2027"},
		{time.Date(2027, 3, 19, 9, 0, 0, 0, ReportZone), "ngày 19 tháng 3 năm 2027"},
		// 20:00 UTC on 31 Dec is New Year's morning in Vietnam.
		{time.Date(2026, 12, 31, 20, 0, 0, 0, time.UTC), "ngày 01 tháng 01 năm 2027"},
	} {
		if got := vietDate(c.t); got != c.want {
			t.Errorf("vietDate(%v) = %q, want %q", c.t, got, c.want)
		}
	}
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1471: "1.471", 12305: "12.305", 1234567: "1.234.567", -1471: "-1.471"} {
		if got := number(n); got != want {
			t.Errorf("number(%d) = %q, want %q", n, got, want)
		}
	}
	for _, c := range []struct {
		now, before int
		cell, words string
	}{
		{1471, 1313, "+12%", "tăng 12% so với tháng trước"},
		{95, 100, "-5%", "giảm 5% so với tháng trước"},
		{100, 100, "0%", "bằng tháng trước"},
		{5, 0, "—", "tháng trước chưa có số liệu"},
		{0, 0, "0%", "bằng tháng trước"},
		{1, 8, "-88%", "giảm 88% so với tháng trước"}, // 87.5 rounds away from zero
		{1001, 1000, "+<1%", "tăng dưới 1% so với tháng trước"},
		{999, 1000, "-<1%", "giảm dưới 1% so với tháng trước"},
	} {
		ch := ChangeOf(c.now, c.before)
		if ch.cell() != c.cell || ch.words("tháng trước") != c.words {
			t.Errorf("%d against %d: %q, %q; want %q, %q", c.now, c.before, ch.cell(), ch.words("tháng trước"), c.cell, c.words)
		}
	}
	if got := satisfaction(&Report{Rated: 200, Pleased: 199}); got != "99%" {
		t.Errorf("199 pleased of 200 reads %s", got)
	}
	p, _ := ParseReportPeriod("2026-Q1")
	if q := p.Previous(); q.Name != "Quý IV/2025" || q.Phrase() != "quý IV năm 2025" || q.Unit() != "quý" {
		t.Errorf("the quarter before Q1 2026 is %q (%q)", q.Name, q.Phrase())
	}
	p, _ = ParseReportPeriod("2026-01")
	if q := p.Previous(); q.Name != "Tháng 12/2025" || !q.From.Equal(time.Date(2025, 12, 1, 0, 0, 0, 0, ReportZone)) {
		t.Errorf("the month before January 2026 is %q from %v", q.Name, q.From)
	}
}
