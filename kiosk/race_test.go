//go:build race

package kiosk_test

// raceEnabled: the tests run under the race detector (make race). The
// crash and power-cut tests kill or freeze a writer process at random
// moments; built with -race it starts and writes so slowly that they
// measure the detector, not the store. The plain run (make test, make
// crashtest) runs them.
const raceEnabled = true
