//go:build unix

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"onestop/kiosk/watchdog"
)

// runNotifyRelay is the service's main process: it runs the session (cage
// and the kiosk in it) and passes systemd the kiosk's READY=1 and
// WATCHDOG=1 as its own, which systemd takes from no other process once
// the PAM session has moved them out of the service (see watchdog.Relay).
func runNotifyRelay(args []string) int {
	const help = "Usage: kiosk notify-relay [--socket PATH] PROGRAM [ARG...]\n\n" +
		"Runs PROGRAM with a notify socket of its own (PATH; default\n" +
		"$RUNTIME_DIRECTORY/notify) and passes what its processes send there to\n" +
		"systemd as this process's notices; exits with PROGRAM's exit status.\n" +
		"onestop-kiosk.service runs the session script through it.\n"
	sock := ""
	if len(args) > 0 && isHelp(args[0]) {
		fmt.Print(help)
		return 0
	}
	if len(args) > 1 && args[0] == "--socket" {
		sock, args = args[1], args[2:]
	}
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, "kiosk notify-relay: no PROGRAM\n\n"+help)
		return 2
	}
	if sock == "" {
		dir := os.Getenv("RUNTIME_DIRECTORY")
		if dir == "" {
			fmt.Fprint(os.Stderr, "kiosk notify-relay: no --socket, and RUNTIME_DIRECTORY is not set (RuntimeDirectory= in the unit)\n")
			return 2
		}
		sock = filepath.Join(dir, "notify")
	}
	// What an earlier session left running (a kiosk hung past the
	// watchdog, its cage) goes first: it holds the data folder.
	self, _ := os.Executable()
	left := watchdog.Leftovers(os.Getuid(), func(exe string, argv []string) bool {
		exe = strings.TrimSuffix(exe, " (deleted)") // an upgrade replaced it
		return filepath.Base(exe) == "cage" || (exe == self && len(argv) > 1 && argv[1] == "run")
	})
	if len(left) > 0 {
		var names []string
		for _, p := range left {
			names = append(names, fmt.Sprintf("%d %s", p.PID, strings.Join(p.Argv, " ")))
		}
		fmt.Fprintf(os.Stderr, "kiosk notify-relay: killing what an earlier session left running: %s\n", strings.Join(names, "; "))
		if still := watchdog.KillLeftovers(left, 5*time.Second); len(still) > 0 {
			fmt.Fprintf(os.Stderr, "kiosk notify-relay: %d of them still there after 5 s\n", len(still))
		}
	}
	code, err := watchdog.Relay(context.Background(), sock, watchdog.Systemd, args[0], args[1:]...)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kiosk notify-relay: %v\n", err)
	}
	return code
}
