// Package kiosktest holds what the kiosk's tests share: a clock the test
// moves and a real store in a temporary folder.
package kiosktest

import (
	"path/filepath"
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
