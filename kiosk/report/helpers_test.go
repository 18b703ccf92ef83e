package report

import (
	"path/filepath"
	"testing"
	"time"

	"onestop/kiosk/store"
)

// testClock is a clock the test moves.
type testClock struct{ now time.Time }

func (c *testClock) Now() time.Time      { return c.now }
func (c *testClock) Add(d time.Duration) { c.now = c.now.Add(d) }
func newTestClock() *testClock           { return &testClock{time.Date(2026, 10, 10, 8, 0, 0, 0, time.UTC)} }

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
