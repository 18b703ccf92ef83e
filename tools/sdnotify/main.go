// Command sdnotify stands in for systemd's side of the notify protocol in
// the package's test: it listens on a datagram socket, as systemd does for
// a service with NotifyAccess=, and prints each notice the kiosk sends with
// the milliseconds since it started listening, until it has seen COUNT
// notices of WANT or TIMEOUT has passed (exit 1 then).
//
//	sdnotify SOCKET WANT COUNT TIMEOUT
//	sdnotify /run/x/notify WATCHDOG=1 3 60s
package main

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	if len(os.Args) != 5 {
		fmt.Fprintln(os.Stderr, "usage: sdnotify SOCKET WANT COUNT TIMEOUT")
		os.Exit(2)
	}
	path, want := os.Args[1], os.Args[2]
	count, err1 := strconv.Atoi(os.Args[3])
	timeout, err2 := time.ParseDuration(os.Args[4])
	if err1 != nil || err2 != nil {
		fmt.Fprintln(os.Stderr, "sdnotify: COUNT is a number, TIMEOUT a duration (60s)")
		os.Exit(2)
	}
	os.Remove(path)
	c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		fmt.Fprintln(os.Stderr, "sdnotify:", err)
		os.Exit(1)
	}
	defer os.Remove(path)
	// The service's processes run as its own user.
	if err := os.Chmod(path, 0o666); err != nil {
		fmt.Fprintln(os.Stderr, "sdnotify:", err)
		os.Exit(1)
	}
	start := time.Now()
	c.SetReadDeadline(start.Add(timeout))
	buf := make([]byte, 4096)
	seen := 0
	for seen < count {
		n, err := c.Read(buf)
		if err != nil {
			fmt.Fprintf(os.Stderr, "sdnotify: %d of %d %s within %v: %v\n", seen, count, want, timeout, err)
			os.Exit(1)
		}
		for line := range strings.SplitSeq(strings.TrimSpace(string(buf[:n])), "\n") {
			fmt.Printf("%d %s\n", time.Since(start).Milliseconds(), line)
			if line == want {
				seen++
			}
		}
	}
}
