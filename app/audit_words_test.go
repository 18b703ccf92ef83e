package app

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
)

// TestAuditInWords: the audit screen reads every entry in the admin's
// language, with the roles and the reasons in words, never "admin" or
// "idle".
func TestAuditInWords(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	cases := []struct {
		action, detail, want string
	}{
		{kiosk.AuditLogin, "admin", "Quản trị viên"},
		{kiosk.AuditLogin, "staff", "Cán bộ"},
		{kiosk.AuditLogout, "idle", "máy để yên, tự thoát"},
		{kiosk.AuditLogout, "timeout", "quá 3 phút không dùng, tự thoát"},
		{kiosk.AuditWrongPIN, "unknown code", "mã cán bộ không có"},
		{kiosk.AuditWrongPIN, "2 of 5", "lần sai 2/5"},
		{kiosk.AuditWrongPIN, "disabled member tried to log in", "tài khoản đã tắt thử đăng nhập"},
		{kiosk.AuditStaffAdded, "mai Lê Thị Mai (admin)", "mai Lê Thị Mai (Quản trị viên)"},
		{kiosk.AuditStaffChange, "mai disabled", "mai: tắt"},
		{kiosk.AuditStaffChange, "mai enabled", "mai: bật lại"},
		// The details written in fixed sentences (kiosk.Detail...).
		{kiosk.AuditReplaced, fmt.Sprintf(kiosk.DetailReplaced, "kiosk-20261202-073000.db", 2, 1, "kiosk-2026-11-20.db", 3),
			"tệp hỏng được cất thành kiosk-20261202-073000.db; lấy lại 2 cán bộ, 1 cài đặt từ bản sao lưu kiosk-2026-11-20.db, và 3 mục từ chính tệp hỏng"},
		{kiosk.AuditReplaced, fmt.Sprintf(kiosk.DetailReplaced, "kiosk-20261202-073000.db", 0, 0, kiosk.DetailNoBackup, 4),
			"tệp hỏng được cất thành kiosk-20261202-073000.db; lấy lại 0 cán bộ, 0 cài đặt từ không có bản sao lưu nào, và 4 mục từ chính tệp hỏng"},
		{kiosk.AuditSettings, fmt.Sprintf(kiosk.DetailPack, "nghe-an", 7, "/media/usb/nghe-an.zip"), "cài gói nội dung nghe-an, phiên bản 7, từ /media/usb/nghe-an.zip"},
		{kiosk.AuditSettings, kiosk.DetailLeftKiosk, "ra khỏi chế độ kiosk"},
		{kiosk.AuditExport, fmt.Sprintf(kiosk.DetailReportPrinted, "tháng 11/2026", "bao-cao.pdf", "quay-1"), "báo cáo tháng 11/2026: in bao-cao.pdf trên máy in quay-1"},
		{kiosk.AuditExport, fmt.Sprintf(kiosk.DetailReportMade, "tháng 11/2026", 42, "bao-cao.pdf"), "báo cáo tháng 11/2026: 42 phiên, tệp bao-cao.pdf"},
		{kiosk.AuditExport, fmt.Sprintf(kiosk.DetailReportSaved, "tháng 11/2026", "bao-cao", "/media/usb"), "báo cáo tháng 11/2026: lưu bao-cao.pdf, .xlsx vào /media/usb"},
		{kiosk.AuditExport, fmt.Sprintf(kiosk.DetailExportSaved, "so-lieu", "/media/usb"), "lưu so-lieu (.csv, .xlsx) vào /media/usb"},
		{kiosk.AuditExport, fmt.Sprintf(kiosk.DetailExportMade, 12, "2026-11-01", "2026-11-30", "phien.csv"), "12 phiên, từ 2026-11-01 đến 2026-11-30, tệp phien.csv"},
		{kiosk.AuditImport, fmt.Sprintf(kiosk.DetailMerged, "may-2.zip", 10, 4), "may-2.zip: đọc 10, thêm 4"},
		{kiosk.AuditRestore, fmt.Sprintf(kiosk.DetailRecovered, 3447, "kiosk-20261202-073000.db"), "lấy lại 3447 bản ghi từ kiosk-20261202-073000.db"},
		// A sentence under another action is not read as one.
		{kiosk.AuditRestore, fmt.Sprintf(kiosk.DetailMerged, "may-2.zip", 10, 4), "may-2.zip: 10 read, 4 added"},
	}
	for _, c := range cases {
		got := h.k.auditDetail(kiosk.AuditEntry{Action: c.action, Detail: c.detail})
		if got != c.want {
			t.Errorf("%s %q reads %q, want %q", c.action, c.detail, got, c.want)
		}
		if c.action == kiosk.AuditRestore && strings.HasSuffix(c.want, "added") {
			continue // the detail as written, English and all
		}
		for _, english := range []string{"admin", "staff", "idle", "timeout", "unknown", "disabled", "enabled",
			"set aside", "installed", "left kiosk", "printed on", "sessions", " in /", " read,", "recovered", "backup"} {
			if strings.Contains(got, english) {
				t.Errorf("%s %q reads %q, with the English %q", c.action, c.detail, got, english)
			}
		}
	}
	h.k.visit.lang = "en"
	replaced := fmt.Sprintf(kiosk.DetailReplaced, "kiosk-20261202-073000.db", 2, 1, "kiosk-2026-11-20.db", 3)
	if got, want := h.k.auditDetail(kiosk.AuditEntry{Action: kiosk.AuditReplaced, Detail: replaced}),
		"the damaged file set aside as kiosk-20261202-073000.db; 2 staff, 1 settings from the backup kiosk-2026-11-20.db, and 3 from the damaged file itself"; got != want {
		t.Errorf("in English: %q, want %q", got, want)
	}
}

// The audit log on screen opens with the replacement of a damaged
// database, said in Vietnamese.
func TestAuditScreenShowsReplacement(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.addStaff("lan", "Nguyễn Thị Lan", kiosk.RoleAdmin, "4821")
	detail := fmt.Sprintf(kiosk.DetailReplaced, "kiosk-20261202-073000.db", 2, 1, "kiosk-2026-11-20.db", 3)
	if err := h.store.Audit(context.Background(), kiosk.AuditEntry{At: h.clock.Now(), Action: kiosk.AuditReplaced, Detail: detail}); err != nil {
		t.Fatal(err)
	}
	// Written by a machine on UTC: shown in Vietnam's time, the next morning.
	utc := time.Date(2026, 10, 8, 23, 30, 0, 0, time.UTC) // before the harness clock
	if err := h.store.Audit(context.Background(), kiosk.AuditEntry{At: utc, Action: kiosk.AuditRestore, Detail: "kiosk-2026-11-20.db"}); err != nil {
		t.Fatal(err)
	}
	h.k.Open(Route{Kind: "staff-pin", Arg: "lan"})
	h.k.login("lan", "4821")
	h.k.Open(Route{Kind: RouteAudit})
	txt := h.screenText()
	for _, want := range []string{h.k.t("audit_db_replaced"), "tệp hỏng được cất thành kiosk-20261202-073000.db", "09/10 06:30",
		// An entry no member made (the kiosk itself, a command on the machine).
		h.k.t("audit_system") + " · " + h.k.t("audit_db_replaced")} {
		if !strings.Contains(txt, want) {
			t.Errorf("the audit log lacks %q: %s", want, txt)
		}
	}
	if strings.Contains(txt, "set aside") {
		t.Errorf("the audit log speaks English: %s", txt)
	}
	if f := os.Getenv("AUDIT_SHOT"); f != "" {
		savePNG(t, h.capture(), f)
	}
}
