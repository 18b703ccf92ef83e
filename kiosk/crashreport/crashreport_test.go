package crashreport

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestMain lets the test binary be the program that crashes: with
// CRASH_INTO set it arms the report there, starts goroutines that wait,
// and panics deep in a call chain.
func TestMain(m *testing.M) {
	if dir := os.Getenv("CRASH_INTO"); dir != "" {
		if err := Arm(dir); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		var wg sync.WaitGroup
		for range 30 {
			wg.Go(func() { select {} })
		}
		deep(60)
	}
	os.Exit(m.Run())
}

//go:noinline
func deep(n int) {
	if n > 0 {
		deep(n - 1)
		return
	}
	var list []int
	_ = list[n+1] // an index out of range: an unrecovered panic
}

func crash(t *testing.T, dir string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CRASH_INTO="+dir)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the crashing program exited 0: %s", out)
	}
}

func TestACrashLeavesAShortReport(t *testing.T) {
	dir := t.TempDir()
	crash(t, dir)
	now := time.Date(2026, 12, 2, 7, 30, 0, 0, time.UTC)
	r, err := Collect(dir, now, "kiosk 1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	if r.Summary != "panic: runtime error: index out of range [1] with length 0" {
		t.Errorf("summary %q", r.Summary)
	}
	if filepath.Base(r.File) != "crash-20261202-073000.txt" {
		t.Errorf("report named %s", r.File)
	}
	short, err := os.ReadFile(r.File)
	if err != nil {
		t.Fatal(err)
	}
	full, err := os.ReadFile(r.Full)
	if err != nil {
		t.Fatal(err)
	}
	s := string(short)
	for _, want := range []string{"kiosk 1.2.3", "panic: runtime error: index out of range [1] with length 0", "crashreport.deep(", "more lines of this stack", "other goroutines are in the whole trace", filepath.Base(r.Full)} {
		if !strings.Contains(s, want) {
			t.Errorf("the report lacks %q:\n%s", want, s)
		}
	}
	if n := strings.Count(s, "\n"); n > maxLines+12 {
		t.Errorf("the report has %d lines", n)
	}
	// The whole trace has every goroutine; the short one has one.
	if strings.Count(string(full), "\ngoroutine ") < 30 || strings.Count(s, "\ngoroutine ") != 1 {
		t.Errorf("goroutines: %d in the trace, %d in the report", strings.Count(string(full), "\ngoroutine "), strings.Count(s, "\ngoroutine "))
	}

	// Collected once: the next start finds nothing.
	if r, err := Collect(dir, now.Add(time.Minute), "kiosk 1.2.3"); err != nil || r.File != "" {
		t.Errorf("a second collect: %+v, %v", r, err)
	}
}

func TestNoCrashNoReport(t *testing.T) {
	dir := t.TempDir()
	if r, err := Collect(dir, time.Now(), "v"); err != nil || r != (Report{}) {
		t.Errorf("no file: %+v %v", r, err)
	}
	if err := Arm(dir); err != nil { // an armed file left empty: a clean run
		t.Fatal(err)
	}
	if r, err := Collect(dir, time.Now(), "v"); err != nil || r != (Report{}) {
		t.Errorf("empty file: %+v %v", r, err)
	}
}

func TestOnlyTheNewestReportsAreKept(t *testing.T) {
	dir := t.TempDir()
	t0 := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	for i := range Keep + 3 {
		if err := os.WriteFile(filepath.Join(dir, pendingName), []byte("panic: number "+fmt.Sprint(i)+"\n\ngoroutine 1 [running]:\nmain.main()\n"), 0o640); err != nil {
			t.Fatal(err)
		}
		if _, err := Collect(dir, t0.Add(time.Duration(i)*time.Hour), "v"); err != nil {
			t.Fatal(err)
		}
	}
	shorts, _ := filepath.Glob(filepath.Join(dir, "crash-*.txt"))
	if len(shorts) != 2*Keep {
		t.Fatalf("%d files kept, want %d reports and their traces: %v", len(shorts), Keep, shorts)
	}
	if _, err := os.Stat(filepath.Join(dir, "crash-20261201-110000.txt")); err != nil {
		t.Errorf("the oldest kept report is missing: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "crash-20261201-100000-full.txt")); err == nil {
		t.Errorf("a report beyond %d was kept", Keep)
	}
}
