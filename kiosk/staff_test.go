package kiosk_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/kiosktest"
	"onestop/kiosk/store"
)

// The shared test helpers, by the names these tests use.
type testClock = kiosktest.Clock

var (
	newTestClock = kiosktest.NewClock
	openStore    = kiosktest.OpenStore
)

func auditActions(t *testing.T, s *store.Store) string {
	t.Helper()
	log, err := s.AuditLog(context.Background(), time.Time{}, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range log {
		out = append(out, e.Action)
	}
	return strings.Join(out, " ")
}

func TestStaffAddAndLogin(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	clock := newTestClock()
	staff := &kiosk.Roster{Store: st, Clock: clock}
	m, err := staff.Add(ctx, "", "lan", "Chị Lan", kiosk.RoleAdmin, "4821")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(m.PINHash, "4821") {
		t.Fatal("the PIN is stored as typed")
	}
	for _, bad := range []struct{ code, name, role, pin string }{
		{"x", "A", kiosk.RoleStaff, "1234"},       // code too short
		{"ab cd", "A", kiosk.RoleStaff, "1234"},   // space in code
		{"ab", "", kiosk.RoleStaff, "1234"},       // no name
		{"ab", "A", "boss", "1234"},               // unknown role
		{"ab", "A", kiosk.RoleStaff, "12"},        // short PIN
		{"lan", "Lan 2", kiosk.RoleStaff, "1234"}, // code taken
	} {
		if _, err := staff.Add(ctx, "", bad.code, bad.name, bad.role, bad.pin); err == nil {
			t.Errorf("added %+v", bad)
		}
	}
	got, err := staff.Login(ctx, "lan", "4821")
	if err != nil || got.ID != m.ID {
		t.Fatalf("login: %v", err)
	}
	if _, err := staff.Login(ctx, "lan", "1111"); !errors.Is(err, kiosk.ErrWrongLogin) {
		t.Errorf("wrong PIN: %v", err)
	}
	if _, err := staff.Login(ctx, "nobody", "4821"); !errors.Is(err, kiosk.ErrWrongLogin) {
		t.Errorf("unknown code: %v", err)
	}
	if err := st.SetStaffDisabled(ctx, m.ID, clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := staff.Login(ctx, "lan", "4821"); !errors.Is(err, kiosk.ErrDisabled) {
		t.Errorf("disabled member: %v", err)
	}
	if a := auditActions(t, st); a != "staff_added login wrong_pin wrong_pin wrong_pin" {
		t.Errorf("audit: %s", a)
	}
}

// Five wrong PINs lock a member out for a minute; each further lock-out
// before a good PIN doubles it; a good PIN clears the count.
func TestLockoutGrows(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	clock := newTestClock()
	staff := &kiosk.Roster{Store: st, Clock: clock}
	if _, err := staff.Add(ctx, "", "hung", "Anh Hùng", kiosk.RoleStaff, "135790"); err != nil {
		t.Fatal(err)
	}
	wrong := func(n int) error {
		var err error
		for range n {
			_, err = staff.Login(ctx, "hung", "000000")
		}
		return err
	}
	for i, want := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute} {
		if err := wrong(4); !errors.Is(err, kiosk.ErrWrongLogin) {
			t.Fatalf("round %d: 4 wrong PINs gave %v", i, err)
		}
		var locked *kiosk.LockedError
		if err := wrong(1); !errors.As(err, &locked) || !locked.Until.Equal(clock.Now().Add(want)) {
			t.Fatalf("round %d: the 5th wrong PIN gave %v, want a lock of %v", i, err, want)
		}
		// While locked even the right PIN is refused.
		clock.Add(want - time.Second)
		if _, err := staff.Login(ctx, "hung", "135790"); !errors.As(err, &locked) {
			t.Fatalf("round %d: logged in while locked: %v", i, err)
		}
		clock.Add(time.Second)
	}
	if _, err := staff.Login(ctx, "hung", "135790"); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
	// The good PIN cleared the history: the next lock-out is a minute again.
	var locked *kiosk.LockedError
	if err := wrong(5); !errors.As(err, &locked) || !locked.Until.Equal(clock.Now().Add(time.Minute)) {
		t.Errorf("after a good PIN: %v", err)
	}
	if n := strings.Count(auditActions(t, st), "lockout"); n != 4 {
		t.Errorf("%d lock-outs in the audit log, want 4", n)
	}
	// The cap, however many lock-outs came before (a doubling that went
	// on would overflow and lock no more).
	m, _ := st.StaffByCode(ctx, "hung")
	for _, n := range []int{20, 40, 70, 1000} {
		if err := st.SetPINState(ctx, m.ID, 4, n, time.Time{}); err != nil {
			t.Fatal(err)
		}
		if err := wrong(1); !errors.As(err, &locked) || !locked.Until.Equal(clock.Now().Add(kiosk.MaxLockout)) {
			t.Errorf("after %d lock-outs: %v, want %v", n, err, kiosk.MaxLockout)
		}
	}
}
