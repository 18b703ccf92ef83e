//go:build !windows

package datalock

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

func take(dir string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, "kiosk.lock"), os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrHeld
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}
