package kiosk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
)

// The admin's settings replace the defaults, survive a restart, refuse
// values the screen never offers, and every change is in the audit log
// with who made it and the value before.
func TestLocalSettings(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	clock := newTestClock()
	admin, err := (&kiosk.Roster{Store: st, Clock: clock}).Add(ctx, "", "hoa", "Chị Hoa", kiosk.RoleAdmin, "2468")
	if err != nil {
		t.Fatal(err)
	}
	defaults := kiosk.DefaultLocal(90*time.Second, "counter")
	s := &kiosk.Settings{Store: st, Clock: clock}
	got, err := s.Load(ctx, defaults)
	if err != nil || got != defaults {
		t.Fatalf("nothing set: %+v %v", got, err)
	}
	for _, c := range [][2]string{{kiosk.SettingIdle, "120"}, {kiosk.SettingVolume, "1"}, {kiosk.SettingChannel, "postal_point"}, {kiosk.SettingIdle, "180"}, {kiosk.SettingIdle, "180"},
		{kiosk.SettingQRIdle, "300"}, {kiosk.SettingPause, "0"}} {
		if err := s.Set(ctx, admin.ID, c[0], c[1]); err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range [][2]string{{kiosk.SettingIdle, "5"}, {kiosk.SettingVolume, "3"}, {kiosk.SettingChannel, "phone"}, {"colour", "red"}, {kiosk.SettingIdle, "abc"},
		{kiosk.SettingQRIdle, "30"}, {kiosk.SettingPause, "60"}, {kiosk.SettingPause, "-1"}} {
		if err := s.Set(ctx, admin.ID, bad[0], bad[1]); err == nil {
			t.Errorf("%s = %q was taken", bad[0], bad[1])
		}
	}
	got, err = (&kiosk.Settings{Store: st, Clock: clock}).Load(ctx, defaults)
	want := kiosk.LocalSettings{Idle: 180 * time.Second, QRIdle: 300 * time.Second, Volume: 1, Pause: 0, Channel: "postal_point"}
	if err != nil || got != want {
		t.Errorf("loaded %+v %v, want %+v", got, err, want)
	}
	log, _ := st.AuditLog(ctx, time.Time{}, clock.Now().Add(time.Hour))
	var changes []string
	for _, e := range log {
		if e.Action == kiosk.AuditSettings {
			if e.StaffID != admin.ID {
				t.Errorf("change by %q", e.StaffID)
			}
			changes = append(changes, e.Detail)
		}
	}
	// Setting 180 twice logs it once.
	if got := strings.Join(changes, "; "); got != "idle_seconds:  → 120; volume:  → 1; channel:  → postal_point; idle_seconds: 120 → 180; qr_idle_seconds:  → 300; lesson_pause_seconds:  → 0" {
		t.Errorf("audit: %s", got)
	}
}
