//go:build !unix

package main

import (
	"fmt"
	"os"
)

// runNotifyRelay is for systemd's service on Linux; elsewhere it says so.
func runNotifyRelay([]string) int {
	fmt.Fprintln(os.Stderr, "kiosk notify-relay: only for the Linux service (systemd)")
	return 2
}
