// Package removable finds the USB sticks plugged into the kiosk, where
// exports are offered first: their mount points on Linux (under /media and
// /run/media, where desktops mount them), their drive letters on Windows.
package removable

import (
	"os"
	"path/filepath"
	"sort"
)

// Drives lists the folders of the plugged-in removable drives, in a
// stable order; none gives an empty list.
func Drives() []string { return drives() }

// mountPoints lists the folders matching the patterns, sorted, without
// repeats.
func mountPoints(patterns []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range patterns {
		matches, _ := filepath.Glob(p)
		for _, m := range matches {
			if fi, err := os.Stat(m); err == nil && fi.IsDir() && !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
	}
	sort.Strings(out)
	return out
}
