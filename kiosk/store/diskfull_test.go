package store

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
)

// On a full disk a record is refused with ErrDiskFull (a message that says
// what to do), nothing of it is written, every record before it is kept,
// the database passes integrity_check, and recording works again once
// there is room. The disk is a 1 MiB tmpfs the test mounts (as root).
func TestDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root (make test runs as root on CI)")
	}
	mnt := filepath.Join(t.TempDir(), "small")
	if err := os.Mkdir(mnt, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", mnt).Run() })
	// Most of the room is taken by a file that is removed later.
	filler := filepath.Join(mnt, "filler")
	if err := os.WriteFile(filler, make([]byte, 600<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := Open(filepath.Join(mnt, FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 10, 10, 8, 0, 0, 0, time.UTC)
	m, err := s.AddStaff(ctx, kiosk.Staff{Code: "lan", Name: "Lan", Role: kiosk.RoleStaff, PINHash: "x", Created: now})
	if err != nil {
		t.Fatal(err)
	}
	record := func(i int) (string, error) {
		v := kiosk.Session{ID: kiosk.NewID(now), Version: 1, Status: kiosk.SessionOpen, RecordedAt: now, RecordedBy: m.ID,
			KioskID: "K1", Site: "Xã", StaffID: m.ID, Started: now.Add(time.Duration(i) * time.Second), Channel: "counter",
			Note: strings.Repeat("ghi chú dài ", 15)}
		return v.ID, s.AddSessionVersion(ctx, v)
	}
	var kept []string
	var full error
	var lost string
	for i := 0; i < 100000; i++ {
		id, err := record(i)
		if err != nil {
			full, lost = err, id
			break
		}
		kept = append(kept, id)
	}
	if !errors.Is(full, kiosk.ErrDiskFull) {
		t.Fatalf("after %d records the error is %v, want kiosk.ErrDiskFull", len(kept), full)
	}
	if !strings.Contains(full.Error(), "the disk is full: the record was not saved") {
		t.Errorf("message: %v", full)
	}
	if _, err := s.CurrentSession(ctx, lost); !errors.Is(err, kiosk.ErrNotFound) {
		t.Errorf("the refused record is in the database: %v", err)
	}
	for _, id := range kept {
		if _, err := s.CurrentSession(ctx, id); err != nil {
			t.Fatalf("record %s written before the disk filled is gone: %v", id, err)
		}
	}
	if err := s.Integrity(ctx); err != nil {
		t.Errorf("integrity_check on the full disk: %v", err)
	}
	// Room again: recording goes on.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if _, err := record(len(kept) + 1); err != nil {
		t.Errorf("with room again: %v", err)
	}
	t.Logf("%d records, then: %v", len(kept), full)
}

// A database another program holds locked refuses a record, after the
// busy timeout, with kiosk.ErrBusy — a message that says what to do — and takes
// it once the lock is gone.
func TestLockedDatabase(t *testing.T) {
	s, file := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 10, 10, 8, 0, 0, 0, time.UTC)
	m, err := s.AddStaff(ctx, kiosk.Staff{Code: "lan", Name: "Lan", Role: kiosk.RoleStaff, PINHash: "x", Created: now})
	if err != nil {
		t.Fatal(err)
	}
	other, err := Open(file) // another program on the same file
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	v := kiosk.Session{ID: kiosk.NewID(now), Version: 1, Status: kiosk.SessionOpen, RecordedAt: now, RecordedBy: m.ID,
		KioskID: "K1", Site: "Xã", StaffID: m.ID, Started: now, Channel: "counter"}
	err = s.AddSessionVersion(ctx, v)
	if !errors.Is(err, kiosk.ErrBusy) || !strings.Contains(err.Error(), "locked by another program") {
		t.Fatalf("under a lock: %v", err)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	if err := s.AddSessionVersion(ctx, v); err != nil {
		t.Errorf("after the lock: %v", err)
	}
}
