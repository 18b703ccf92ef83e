package app

import (
	"strings"
	"testing"

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
	}
	for _, c := range cases {
		got := h.k.auditDetail(kiosk.AuditEntry{Action: c.action, Detail: c.detail})
		if got != c.want {
			t.Errorf("%s %q reads %q, want %q", c.action, c.detail, got, c.want)
		}
		for _, english := range []string{"admin", "staff", "idle", "timeout", "unknown", "disabled", "enabled"} {
			if strings.Contains(got, english) {
				t.Errorf("%s %q reads %q, with the English %q", c.action, c.detail, got, english)
			}
		}
	}
}
