package kiosk_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

// A backup made while records are written holds them; daily backups keep
// the newest Keep; a restore brings the records of the backup back and
// keeps the replaced database aside.
func TestBackupsRotateAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(dir, store.FileName)
	st, err := store.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	clock := newTestClock()
	staff := &kiosk.Roster{Store: st, Clock: clock}
	m, err := staff.Add(ctx, "", "lan", "Chị Lan", kiosk.RoleAdmin, "4821")
	if err != nil {
		t.Fatal(err)
	}
	desk := &kiosk.Desk{Store: st, KioskID: "K1", Site: "Xã", Clock: clock}
	b := &kiosk.Backups{Store: st, Dir: filepath.Join(dir, "backups"), Keep: 3, Clock: clock}
	var first string
	for day := range 5 {
		s, err := desk.Open(ctx, m.ID, "counter")
		if err != nil {
			t.Fatal(err)
		}
		made, err := b.Daily(ctx)
		if err != nil || made == "" {
			t.Fatalf("day %d: %q %v", day, made, err)
		}
		if again, err := b.Daily(ctx); err != nil || again != "" {
			t.Errorf("day %d: a second daily backup %q %v", day, again, err)
		}
		if day == 0 {
			first = s.ID
		}
		clock.Add(24 * time.Hour)
	}
	list, _ := b.List()
	if len(list) != 3 || !strings.HasSuffix(list[0], "kiosk-2026-10-14.db") || !strings.HasSuffix(list[2], "kiosk-2026-10-12.db") {
		t.Fatalf("kept %v", list)
	}
	// The oldest kept backup (12 Oct) holds the sessions of 10, 11 and 12 Oct.
	oldest := list[2]
	clock.Add(time.Hour)
	later, _ := desk.Open(ctx, m.ID, "counter")
	st.Close()

	if err := store.Restore(ctx, oldest, file); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(file + ".before-restore"); err != nil {
		t.Errorf("the replaced database was not kept: %v", err)
	}
	st, err = store.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.CurrentSession(ctx, first); err != nil {
		t.Errorf("the first session is not in the restored database: %v", err)
	}
	if _, err := st.CurrentSession(ctx, later.ID); err == nil {
		t.Error("a session made after the backup is in the restored database")
	}
	all, _ := st.Sessions(ctx, time.Time{}, clock.Now().Add(time.Hour), "")
	if len(all) != 3 {
		t.Errorf("%d sessions restored, want 3", len(all))
	}
	// A damaged file is refused and the database left as it is.
	bad := filepath.Join(dir, "bad.db")
	os.WriteFile(bad, []byte(strings.Repeat("not a database ", 500)), 0o644)
	st.Close()
	if err := store.Restore(ctx, bad, file); err == nil {
		t.Error("a damaged backup was restored")
	}
	st2, err := store.Open(file)
	if err != nil {
		t.Fatalf("the database after a refused restore: %v", err)
	}
	st2.Close()
}
