package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/canvas"

	"onestop/kiosk"
	"onestop/kiosk/report"
)

// "In báo cáo" on the numbers screen makes the month's report, shows its
// pages, prints it on the default printer and saves it to a USB stick,
// each audited; without a printer it says so to the admin and still
// saves.
func TestReportScreen(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	admin := h.addStaff("admin", "Trưởng bộ phận", kiosk.RoleAdmin, "9753")
	h.recordOn(harnessDay.Add(-2*24*time.Hour), admin.ID, "1.001193")
	h.recordOn(harnessDay.Add(-24*time.Hour), admin.ID, "1.004222")
	usb := h.plugStick()

	h.logIn("admin", "9753")
	h.tap(h.k.t("numbers_title"))
	h.tap(h.k.t("numbers_report"))
	if h.k.Route().Kind != RouteReport {
		t.Fatalf("the report button led to %v", h.k.Route())
	}
	txt := h.screenText()
	if !strings.Contains(txt, h.k.tf("report_title", "Tháng 10/2026")) || !strings.Contains(txt, h.k.tf("report_made", 2, "bao-cao-2026-10")) {
		t.Fatalf("the report screen: %s", txt)
	}
	pages := 0
	for _, o := range h.objects() {
		if img, ok := o.(*canvas.Image); ok && strings.HasSuffix(img.File, ".png") {
			if _, err := os.Stat(img.File); err != nil {
				t.Errorf("a preview page is not there: %v", err)
			}
			pages++
		}
	}
	if pages < 1 || pages > 2 {
		t.Errorf("%d preview pages shown, want 1 or 2", pages)
	}

	h.tap(h.k.tf("report_print", "Máy in văn phòng"))
	if len(h.printed) != 1 || filepath.Base(h.printed[0]) != "bao-cao-2026-10.pdf" {
		t.Fatalf("printed %v", h.printed)
	}
	if b, err := os.ReadFile(h.printed[0]); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("the printer was sent no PDF: %v", err)
	}
	if !strings.Contains(h.screenText(), h.k.tf("report_printed", "Máy in văn phòng")) {
		t.Errorf("printing is not confirmed: %s", h.screenText())
	}

	h.tap(h.k.t("report_save"))
	for _, name := range []string{"bao-cao-2026-10.pdf", "bao-cao-2026-10.xlsx"} {
		if _, err := os.Stat(filepath.Join(usb, name)); err != nil {
			t.Errorf("%s is not on the stick: %v", name, err)
		}
	}
	if !strings.Contains(h.screenText(), h.k.tf("report_saved", usb)) {
		t.Errorf("saving is not confirmed: %s", h.screenText())
	}
	log, _ := h.db().AuditLog(context.Background(), time.Time{}, h.clock.Now().Add(time.Hour))
	var details []string
	for _, e := range log {
		if e.Action == kiosk.AuditExport {
			details = append(details, e.Detail)
		}
	}
	if got := strings.Join(details, "\n"); !strings.Contains(got, "printed on Máy in văn phòng") || !strings.Contains(got, "bao-cao-2026-10.pdf, .xlsx in "+usb) {
		t.Errorf("the audit log: %s", got)
	}

	// No default printer: no print button; the admin is told, and saving
	// still works.
	h.k.reportDevices.defaultPrinter = func() (string, error) { return "", report.ErrNoPrinter }
	h.tap(h.k.t("back"))
	h.tap(h.k.t("numbers_report"))
	txt = h.screenText()
	if strings.Contains(txt, h.k.tf("report_print", "")) || !strings.Contains(txt, h.k.t("report_no_printer")) {
		t.Errorf("without a printer: %s", txt)
	}

	// A failing preview leaves the files: the admin can still save them.
	h.k.reportDevices.preview = func(string, string, int) ([]string, error) { return nil, errors.New("pdftoppm: not found") }
	h.tap(h.k.t("back"))
	h.tap(h.k.t("numbers_report"))
	if txt = h.screenText(); !strings.Contains(txt, "pdftoppm: not found") || !strings.Contains(txt, h.k.t("report_save")) {
		t.Errorf("without a preview: %s", txt)
	}
}

// Only a month, a quarter or a year has a report: a range of days does
// not offer one.
func TestReportPeriodsOnly(t *testing.T) {
	z := report.ReportZone
	for _, c := range []struct {
		from, to time.Time
		want     string
	}{
		{time.Date(2026, 10, 1, 0, 0, 0, 0, z), time.Date(2026, 11, 1, 0, 0, 0, 0, z), "Tháng 10/2026"},
		{time.Date(2026, 10, 1, 0, 0, 0, 0, z), time.Date(2027, 1, 1, 0, 0, 0, 0, z), "Quý IV/2026"},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, z), time.Date(2027, 1, 1, 0, 0, 0, 0, z), "Năm 2026"},
		{time.Date(2026, 10, 2, 0, 0, 0, 0, z), time.Date(2026, 11, 1, 0, 0, 0, 0, z), ""},
		{time.Date(2026, 11, 1, 0, 0, 0, 0, z), time.Date(2027, 2, 1, 0, 0, 0, 0, z), ""}, // three months, not a quarter
		{time.Date(2026, 10, 1, 0, 0, 0, 0, z), time.Date(2026, 10, 16, 0, 0, 0, 0, z), ""},
	} {
		p, ok := report.PeriodOf(c.from, c.to)
		if got := map[bool]string{true: p.Name, false: ""}[ok]; got != c.want {
			t.Errorf("%v–%v: %q, want %q", c.from, c.to, got, c.want)
		}
	}
}
