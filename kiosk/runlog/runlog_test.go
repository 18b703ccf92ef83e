package runlog

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestStartsAndStops(t *testing.T) {
	dir := t.TempDir()
	t0 := time.Date(2026, 12, 2, 7, 0, 0, 0, time.UTC)
	r, err := Begin(dir, t0)
	if err != nil || r.Previous != First || !r.Running {
		t.Fatalf("first start: %+v, %v", r, err)
	}
	if err := End(dir, r, t0.Add(10*time.Hour)); err != nil {
		t.Fatal(err)
	}
	r, err = Begin(dir, t0.Add(24*time.Hour))
	if err != nil || r.Previous != Clean || !r.PreviousEnd.Equal(t0.Add(10*time.Hour)) {
		t.Fatalf("after a clean stop: %+v, %v", r, err)
	}
	// No End: the power went.
	r, err = Begin(dir, t0.Add(25*time.Hour))
	if err != nil || r.Previous != Unclean || !r.PreviousEnd.IsZero() {
		t.Fatalf("after a power cut: %+v, %v", r, err)
	}
	got, err := Read(dir)
	if err != nil || !got.Started.Equal(t0.Add(25*time.Hour)) || !got.Running {
		t.Fatalf("read back: %+v, %v", got, err)
	}
	// A record cut in half by the power cut reads as an unclean end.
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(`{"started": "2026-`), 0o600); err != nil {
		t.Fatal(err)
	}
	if r, err = Begin(dir, t0.Add(26*time.Hour)); err != nil || r.Previous != Unclean {
		t.Fatalf("after a torn record: %+v, %v", r, err)
	}
}

func TestACrashIsNoted(t *testing.T) {
	dir := t.TempDir()
	t0 := time.Date(2026, 12, 2, 7, 0, 0, 0, time.UTC)
	if _, err := Begin(dir, t0); err != nil {
		t.Fatal(err)
	}
	r, err := Begin(dir, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NoteCrash(dir, r, "panic: boom", "/data/logs/crash-1.txt"); err != nil {
		t.Fatal(err)
	}
	got, err := Read(dir)
	if err != nil || got.Previous != Crash || got.Crash != "panic: boom" || got.CrashReport != "/data/logs/crash-1.txt" || !got.Running {
		t.Fatalf("read back: %+v, %v", got, err)
	}
	// The start after a clean stop forgets it.
	if err := End(dir, got, t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if r, err = Begin(dir, t0.Add(3*time.Hour)); err != nil || r.Previous != Clean || r.Crash != "" {
		t.Fatalf("after a clean stop: %+v, %v", r, err)
	}
}
