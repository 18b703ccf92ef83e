//go:build unix

package watchdog

import (
	"context"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coreos/go-systemd/v22/daemon"
)

// relayChild is what the relayed child does, when this test binary runs as
// one (RELAY_CHILD set): "notify" sends three notices, the middle one
// with a MAINPID line, then waits for SIGTERM and exits 7; "die" kills
// itself. Either exits 5 when its environment is not the relay's.
func relayChild(mode string) {
	if os.Getenv("WATCHDOG_PID") != "" || os.Getenv("WATCHDOG_USEC") != "3000000" || filepath.Base(os.Getenv("NOTIFY_SOCKET")) != "notify" {
		os.Exit(5)
	}
	switch mode {
	case "notify":
		term := make(chan os.Signal, 1)
		signal.Notify(term, syscall.SIGTERM)
		for _, s := range []string{"READY=1", "MAINPID=1\nSTATUS=on the poster", daemon.SdNotifyWatchdog} {
			if ok, err := daemon.SdNotify(false, s); !ok || err != nil {
				os.Exit(6)
			}
		}
		<-term
		os.Exit(7)
	case "die":
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
	}
	os.Exit(8)
}

func TestMain(m *testing.M) {
	if mode := os.Getenv("RELAY_CHILD"); mode != "" {
		relayChild(mode)
	}
	os.Exit(m.Run())
}

// The relay passes its child's notices on as its own (MAINPID left out),
// gives it the watchdog's interval but not the main process's pid, passes
// SIGTERM to it, and exits with its status.
func TestRelayPassesNoticesAndSignals(t *testing.T) {
	t.Setenv("WATCHDOG_USEC", "3000000")
	t.Setenv("WATCHDOG_PID", "1")
	t.Setenv("NOTIFY_SOCKET", "/nonexistent/systemd")
	t.Setenv("RELAY_CHILD", "notify")
	got := make(chan string, 10)
	forward := func(s string) error { got <- s; return nil }
	type result struct {
		code int
		err  error
	}
	done := make(chan result, 1)
	go func() {
		code, err := Relay(context.Background(), filepath.Join(t.TempDir(), "notify"), forward, os.Args[0], "-test.run=^$")
		done <- result{code, err}
	}()
	want := []string{"READY=1", "STATUS=on the poster", "WATCHDOG=1"}
	for i, w := range want {
		select {
		case s := <-got:
			if s != w {
				t.Errorf("notice %d passed on as %q, want %q", i+1, s, w)
			}
		case r := <-done:
			t.Fatalf("the relay ended with %d (%v) after %d notices", r.code, r.err, i)
		case <-time.After(20 * time.Second):
			t.Fatalf("notice %d never came", i+1)
		}
	}
	// systemd's stop: SIGTERM to the relay, the main process.
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-done:
		if r.code != 7 || r.err != nil {
			t.Errorf("the relay exited %d (%v), want the child's 7 on SIGTERM", r.code, r.err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the relay did not end after SIGTERM")
	}
}

// A child killed by a signal: the relay exits 128 + its number, as a shell
// would say it.
func TestRelayExitStatusOfAKilledChild(t *testing.T) {
	t.Setenv("WATCHDOG_USEC", "3000000")
	t.Setenv("RELAY_CHILD", "die")
	code, err := Relay(context.Background(), filepath.Join(t.TempDir(), "notify"), func(string) error { return nil }, os.Args[0], "-test.run=^$")
	if code != 137 || err != nil {
		t.Errorf("exit %d (%v), want 137", code, err)
	}
}

func TestPassedLeavesMainPIDOut(t *testing.T) {
	for in, want := range map[string]string{
		"READY=1":                         "READY=1",
		"MAINPID=42":                      "",
		"READY=1\nMAINPID=42\nSTATUS=x\n": "READY=1\nSTATUS=x",
	} {
		if got := Passed(in); got != want {
			t.Errorf("Passed(%q) = %q, want %q", in, got, want)
		}
	}
}

// A process of this user left from an earlier session is found by what it
// runs, and killed; others are not.
func TestLeftoversAreFoundAndKilled(t *testing.T) {
	old := exec.Command("sleep", "61.5")
	other := exec.Command("sleep", "62.5")
	for _, c := range []*exec.Cmd{old, other} {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	defer other.Process.Kill()
	match := func(exe string, argv []string) bool {
		return filepath.Base(exe) == "sleep" && len(argv) > 1 && argv[1] == "61.5"
	}
	left := Leftovers(os.Getuid(), match)
	if len(left) != 1 || left[0].PID != old.Process.Pid {
		t.Fatalf("leftovers %+v, want the one sleep %d", left, old.Process.Pid)
	}
	if still := KillLeftovers(left, 5*time.Second); len(still) != 0 {
		t.Errorf("still there: %+v", still)
	}
	if err := old.Wait(); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Errorf("the leftover ended with %v, want killed", err)
	}
	if len(Leftovers(os.Getuid(), match)) != 0 {
		t.Error("the killed one is still listed")
	}
	if err := other.Process.Signal(syscall.Signal(0)); err != nil {
		t.Errorf("the other process was touched: %v", err)
	}
	if got := Leftovers(os.Getuid()+1, match); len(got) != 0 {
		t.Errorf("another user's processes listed: %+v", got)
	}
}
