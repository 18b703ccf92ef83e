// Package kiosk is the kiosk's domain, free of any user-interface code:
// its records (sessions, staff, the audit log, visits) and their rules,
// the services over them and the interfaces a store implements for them,
// where its data lives, the resident visit recorder, the lesson player's
// rule and the idle reset. Sub-packages hold the content pack (content),
// procedure search (search), the tallies, reports, exports, merge and demo
// data (report), sound (sound) and the SQLite store (store).
package kiosk

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// Name is the folder name of the kiosk's data.
const Name = "onestop-kiosk"

// Clock tells the time; tests inject their own.
type Clock interface {
	Now() time.Time
}

// Zone is Vietnam's time, UTC+7 all year, in which the kiosk shows every
// time and counts every day, whatever zone the machine was set up in (a
// Raspberry Pi image starts in London's).
var Zone = time.FixedZone("ICT", ZoneOffset)

// ZoneOffset is Zone's offset from UTC, in seconds.
const ZoneOffset = 7 * 3600

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns the current time, with its monotonic reading.
func (SystemClock) Now() time.Time { return time.Now() }

// SystemDataDir, set when the kiosk is built for a system package
// (-ldflags "-X onestop/kiosk.SystemDataDir=/var/lib/onestop-kiosk"), is the
// data folder of every command that is not given one: the service's and
// the admin's commands then share it.
var SystemDataDir string

// DataDir returns the folder for the database, logs and backups: dir when
// given, else SystemDataDir when the build sets it, else the user's data folder ($XDG_DATA_HOME or ~/.local/share on
// Linux, %AppData% on Windows, ~/Library/Application Support on macOS).
func DataDir(dir string) (string, error) {
	if dir != "" {
		return filepath.Abs(dir)
	}
	if SystemDataDir != "" {
		return SystemDataDir, nil
	}
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("AppData"); d != "" {
			return filepath.Join(d, Name), nil
		}
		return "", errors.New("%AppData% is not set: give the data folder with --data")
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no home folder (%v): give the data folder with --data", err)
		}
		return filepath.Join(home, "Library", "Application Support", Name), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, Name), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no home folder (%v): give the data folder with --data", err)
	}
	return filepath.Join(home, ".local", "share", Name), nil
}

// PrepareDataDir makes the data folder and its logs and backups folders.
func PrepareDataDir(dir string) error {
	for _, d := range []string{dir, filepath.Join(dir, "logs"), filepath.Join(dir, "backups")} {
		if err := os.MkdirAll(d, 0o750); err != nil {
			return fmt.Errorf("cannot create the data folder: %w", err)
		}
	}
	return nil
}
