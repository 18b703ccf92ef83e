//go:build unix

package watchdog

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The kiosk runs as a grandchild of its service's main process (the
// session script starts cage, cage starts the kiosk), and the service's
// PAM session (pam_systemd) moves them all out of the service's control
// group into the login session's scope. Systemd then takes notices only
// from the main process itself, and tells WATCHDOG_PID as the main
// process's: a kiosk that sent READY=1 itself would be ignored, and would
// not ping at all. Relay is that main process: it runs the session as its
// child, gives the child a notify socket of its own, and passes on what
// arrives there as its own notices.

// Relay runs name with args as its child, with NOTIFY_SOCKET set to a
// socket made at sock and WATCHDOG_USEC kept (WATCHDOG_PID dropped, as no
// child is the main process), and sends each notice that arrives to
// forward (Systemd outside tests), but for MAINPID, which would hand the
// service to another process. SIGTERM, SIGINT, SIGHUP and SIGABRT are
// passed to the child. It returns the child's exit status (128 + the
// signal's number for a child killed by one).
func Relay(ctx context.Context, sock string, forward Notifier, name string, args ...string) (int, error) {
	_ = os.Remove(sock)
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		return 1, fmt.Errorf("notify socket: %w", err)
	}
	defer os.Remove(sock)
	defer conn.Close()
	if err := os.Chmod(sock, 0o600); err != nil {
		return 1, err
	}

	cmd := exec.Command(name, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = childEnv(os.Environ(), sock)
	// Signals are caught before the child starts: one that comes between
	// is passed on as soon as it has.
	sig := make(chan os.Signal, 4)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP, syscall.SIGABRT)
	defer signal.Stop(sig)
	if err := cmd.Start(); err != nil {
		return 1, err
	}

	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := conn.Read(buf)
			if err != nil {
				return // closed when the child has ended
			}
			if state := Passed(string(buf[:n])); state != "" {
				_ = forward(state)
			}
		}
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for {
		select {
		case s := <-sig:
			_ = cmd.Process.Signal(s)
		case <-ctx.Done():
			_ = cmd.Process.Signal(syscall.SIGTERM)
			ctx = context.Background() // once
		case err := <-done:
			return exitStatus(err)
		}
	}
}

// Passed is what of a notice the relay passes on: its lines but MAINPID=.
func Passed(notice string) string {
	var keep []string
	for line := range strings.SplitSeq(notice, "\n") {
		if line != "" && !strings.HasPrefix(line, "MAINPID=") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

func childEnv(env []string, sock string) []string {
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		if !strings.HasPrefix(kv, "NOTIFY_SOCKET=") && !strings.HasPrefix(kv, "WATCHDOG_PID=") {
			out = append(out, kv)
		}
	}
	return append(out, "NOTIFY_SOCKET="+sock)
}

func exitStatus(err error) (int, error) {
	if err == nil {
		return 0, nil
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return 1, err
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal()), nil
	}
	return ee.ExitCode(), nil
}

// Leftover is a process left from an earlier session.
type Leftover struct {
	PID  int
	Argv []string
}

// Leftovers lists the processes of user uid (other than this one) that
// match: what an earlier session left running. The PAM session moves
// cage and the kiosk out of the service, so systemd's own kill of a
// stopped or failed service (after a watchdog timeout, say) does not reach
// them; a kiosk left that way holds its data folder, and every start
// after it fails until someone comes by.
func Leftovers(uid int, match func(exe string, argv []string) bool) []Leftover {
	entries, _ := os.ReadDir("/proc")
	var out []Leftover
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		dir := filepath.Join("/proc", e.Name())
		status, err := os.ReadFile(filepath.Join(dir, "status"))
		if err != nil || procUID(string(status)) != uid || strings.Contains(string(status), "State:\tZ") {
			continue
		}
		exe, _ := os.Readlink(filepath.Join(dir, "exe"))
		raw, _ := os.ReadFile(filepath.Join(dir, "cmdline"))
		argv := strings.Split(strings.TrimSuffix(string(raw), "\x00"), "\x00")
		if match(exe, argv) {
			out = append(out, Leftover{PID: pid, Argv: argv})
		}
	}
	return out
}

// procUID is the real user id in a /proc/PID/status text (-1 if none).
func procUID(status string) int {
	for line := range strings.SplitSeq(status, "\n") {
		if rest, ok := strings.CutPrefix(line, "Uid:"); ok {
			if f := strings.Fields(rest); len(f) > 0 {
				if n, err := strconv.Atoi(f[0]); err == nil {
					return n
				}
			}
		}
	}
	return -1
}

// KillLeftovers kills the processes with SIGKILL (a hung or stopped
// kiosk answers nothing else) and waits up to wait for them to be gone.
// It returns those still there.
func KillLeftovers(list []Leftover, wait time.Duration) []Leftover {
	for _, p := range list {
		_ = syscall.Kill(p.PID, syscall.SIGKILL)
	}
	deadline := time.Now().Add(wait)
	for {
		var left []Leftover
		for _, p := range list {
			status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.PID))
			if err == nil && !strings.Contains(string(status), "State:\tZ") {
				left = append(left, p)
			}
		}
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		time.Sleep(50 * time.Millisecond)
	}
}
