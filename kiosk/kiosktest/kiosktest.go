// Package kiosktest holds what the kiosk's tests share: a clock the test
// moves, a real store in a temporary folder, and the kiosk's font.
package kiosktest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"onestop/kiosk/store"
)

// Clock is a clock the test moves.
type Clock struct{ T time.Time }

// NewClock is a clock at 08:00 UTC on 10 October 2026.
func NewClock() *Clock { return &Clock{time.Date(2026, 10, 10, 8, 0, 0, 0, time.UTC)} }

func (c *Clock) Now() time.Time      { return c.T }
func (c *Clock) Add(d time.Duration) { c.T = c.T.Add(d) }

// OpenStore opens a new database in the test's temporary folder, closed
// when the test ends.
func OpenStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// NotoSans returns the regular and bold Noto Sans faces the kiosk draws
// with, read from the Fyne module the build already has: the kiosk passes
// the same bytes from Fyne's theme, which the domain does not import.
func NotoSans(t testing.TB) (regular, bold []byte) {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "theme", "font")
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	return read("NotoSans-Regular.ttf"), read("NotoSans-Bold.ttf")
}
