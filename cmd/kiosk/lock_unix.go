//go:build !windows

package main

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// errRunning is returned when another kiosk holds the data folder.
var errRunning = errors.New("a kiosk is running on this data folder: stop it first")

// lockData takes the data folder for this process, so that two kiosks, or
// a restore and a running kiosk, never share a database. The lock goes
// with the process, even when it is killed.
func lockData(dir string) (release func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, "kiosk.lock"), os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errRunning
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}
