package watchdog

import (
	"bytes"
	"context"
	"errors"
	"log"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// listen makes a notify socket as systemd does and points NOTIFY_SOCKET at it.
func listen(t *testing.T) *net.UnixConn {
	t.Helper()
	dir, err := os.MkdirTemp("", "wd") // a socket path must stay short
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "notify")
	c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	t.Setenv("NOTIFY_SOCKET", path)
	return c
}

// next reads the next notice, or "" when none comes within wait.
func next(t *testing.T, c *net.UnixConn, wait time.Duration) string {
	t.Helper()
	buf := make([]byte, 256)
	c.SetReadDeadline(time.Now().Add(wait))
	n, err := c.Read(buf)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(buf[:n])
}

// lockedBuffer is a log's output read by the test while Run writes it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// The UI loop here is the test itself: a question posted to it is
// answered only when the test runs the loop (answer), so a loop that
// stopped is one the test does not run.
func TestPingsStopWhileTheUILoopIsStuck(t *testing.T) {
	sock := listen(t)
	logged := &lockedBuffer{}
	queue := make(chan func(), 10)
	w := &Watchdog{Post: func(f func()) { queue <- f }, Notify: Systemd, Log: log.New(logged, "", 0)}
	answer := func() {
		for {
			select {
			case f := <-queue:
				f()
			default:
				return
			}
		}
	}
	t0 := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	// The ticks are handled here, one by one, as Run handles them.
	w.answered.Store(true)
	tick := func(s int) { w.check(at(s)) }

	// The loop runs: every tick pings.
	tick(0)
	if got := next(t, sock, 5*time.Second); got != "WATCHDOG=1" {
		t.Fatalf("first tick sent %q", got)
	}
	answer()
	tick(10)
	if got := next(t, sock, 5*time.Second); got != "WATCHDOG=1" {
		t.Fatalf("tick with the loop answering sent %q", got)
	}

	// The loop stops: the ticks after send nothing, and the silence is logged once.
	tick(20)
	tick(30)
	tick(40)
	if got := next(t, sock, 100*time.Millisecond); got != "" {
		t.Fatalf("a tick sent %q while the loop was stuck", got)
	}
	if n := strings.Count(logged.String(), "has not answered for 10s"); n != 1 {
		t.Errorf("the silence was logged %d times, want once: %q", n, logged.String())
	}

	// The loop answers again: the pings resume.
	answer()
	tick(50)
	if got := next(t, sock, 5*time.Second); got != "WATCHDOG=1" {
		t.Fatalf("tick after the loop came back sent %q", got)
	}
	if !strings.Contains(logged.String(), "answers again") {
		t.Errorf("the recovery was not logged: %q", logged.String())
	}
}

// Run pings at each tick it is given, until its context ends.
func TestRunPingsAtEachTick(t *testing.T) {
	sock := listen(t)
	w := &Watchdog{Post: func(f func()) { f() }, Notify: Systemd}
	ticks := make(chan time.Time)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx, ticks); close(done) }()
	for i := range 3 {
		ticks <- time.Now()
		if got := next(t, sock, 5*time.Second); got != "WATCHDOG=1" {
			t.Fatalf("tick %d sent %q", i, got)
		}
	}
	cancel()
	<-done
}

func TestInterval(t *testing.T) {
	t.Setenv("WATCHDOG_USEC", "30000000")
	t.Setenv("WATCHDOG_PID", "")
	if got := Interval(); got != 10*time.Second {
		t.Errorf("WatchdogSec=30: ping every %v, want 10s", got)
	}
	t.Setenv("WATCHDOG_USEC", "")
	if got := Interval(); got != 0 {
		t.Errorf("no watchdog asked: %v", got)
	}
	// A watchdog meant for another process (WATCHDOG_PID) is not ours.
	t.Setenv("WATCHDOG_USEC", "30000000")
	t.Setenv("WATCHDOG_PID", "1")
	if got := Interval(); got != 0 {
		t.Errorf("WATCHDOG_PID of another process: %v", got)
	}
}

func TestNoSocketNoError(t *testing.T) {
	t.Setenv("NOTIFY_SOCKET", "")
	if err := Systemd("READY=1"); err != nil {
		t.Errorf("outside a service: %v", err)
	}
}
