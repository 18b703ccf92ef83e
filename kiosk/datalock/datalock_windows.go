//go:build windows

package datalock

import (
	"errors"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

func take(dir string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, "kiosk.lock"), os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, err
	}
	// An exclusive lock on the file's first byte, refused at once when
	// another process holds it; Windows releases it when the process ends.
	var ol windows.Overlapped
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	if err != nil {
		f.Close()
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
			return nil, ErrHeld
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}
