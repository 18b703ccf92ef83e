package report

import "onestop/kiosk/kiosktest"

// The shared test helpers, by the names these tests use.
type testClock = kiosktest.Clock

var (
	newTestClock = kiosktest.NewClock
	openStore    = kiosktest.OpenStore
)
