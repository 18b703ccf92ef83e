package collector

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"onestop/kiosk/report"
)

// The province's report counts what its kiosks' own reports count, added
// up; one site's is that site's kiosk's own; the PDF served reads back
// with the province as its author.
func TestProvinceReport(t *testing.T) {
	db, _ := openTestDB(t)
	_, hs := startServer(t, db)
	ctx := context.Background()
	p, err := report.ParseReportPeriod("2026-11")
	if err != nil {
		t.Fatal(err)
	}
	var own []*report.Report
	for i, id := range []string{"NA-QL-01", "NA-DC-02"} {
		st := demoKiosk(t, id, 250, 300, uint64(20+i))
		if _, err := pusher(t, db, hs.URL, st, id).Push(ctx); err != nil {
			t.Fatal(err)
		}
		r, err := report.BuildReport(ctx, st, p, "Xã "+id, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		own = append(own, r)
	}
	province, err := report.BuildReport(ctx, Counter{DB: db}, p, "", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	sum := func(f func(*report.Report) int) int { return f(own[0]) + f(own[1]) }
	for name, f := range map[string]func(*report.Report) int{
		"sessions": func(r *report.Report) int { return r.Sessions },
		"lessons":  func(r *report.Report) int { return r.Lessons },
		"slips":    func(r *report.Report) int { return r.Slips },
		"rated":    func(r *report.Report) int { return r.Rated },
		"pleased":  func(r *report.Report) int { return r.Pleased },
		"guided":   func(r *report.Report) int { return r.Totals[0] },
		"vneid":    func(r *report.Report) int { return r.Totals[1] },
		"done":     func(r *report.Report) int { return r.Totals[4] },
	} {
		if got, want := f(province), sum(f); got != want || want == 0 && name != "slips" {
			t.Errorf("%s: the province counts %d, its kiosks %d", name, got, want)
		}
	}
	one, err := report.BuildReport(ctx, Counter{DB: db, Site: "Xã NA-DC-02"}, p, "Xã NA-DC-02", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(one.Totals, own[1].Totals) || !reflect.DeepEqual(one.ByPlace, own[1].ByPlace) || !reflect.DeepEqual(one.ByGroup, own[1].ByGroup) {
		t.Errorf("one site's report: %v %v, its kiosk's %v %v", one.Totals, one.ByPlace, own[1].Totals, own[1].ByPlace)
	}

	// The PDF, as the endpoint serves it.
	s := &Server{DB: db, Head: ReportHead{Province: "Tỉnh Nghệ An"}}
	url := httptestServer(t, s)
	reader, _ := db.AddReader(ctx, "province")
	get := func(path string) (*http.Response, error) {
		req, _ := http.NewRequest(http.MethodGet, url+path, nil)
		req.Header.Set("Authorization", "Bearer "+reader)
		return http.DefaultClient.Do(req)
	}
	resp, err := get("/v1/report?month=2026-11")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.HasPrefix(string(data), "%PDF") {
		t.Fatalf("/v1/report: %d %.80q", resp.StatusCode, data)
	}
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("KIOSK_TEST_ALL") != "" {
			t.Fatal("pdftotext is missing: make test installs poppler-utils")
		}
		t.Skip("no pdftotext")
	}
	file := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(file, data, 0o644)
	out, err := exec.Command(tool, "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN", "Ủy ban nhân dân tỉnh Nghệ An báo cáo", "theo số liệu 2 máy hướng dẫn ghi lại", "Nghệ An, ngày"} {
		if !strings.Contains(text, want) {
			t.Errorf("the province's PDF lacks %q:\n%s", want, text)
		}
	}
	if resp, err := get("/v1/report?month=november"); err != nil || resp.StatusCode != 400 {
		t.Errorf("a bad period: %v %v", resp.StatusCode, err)
	}
}
