//go:build !windows

package removable

// Desktops mount a stick at /media/USER/LABEL (Debian, Ubuntu) or
// /run/media/USER/LABEL (Fedora, openSUSE); a kiosk without a user
// session may mount at /media/LABEL.
var patterns = []string{"/media/*/*", "/run/media/*/*"}

func drives() []string { return mountPoints(patterns) }
