// Package datalock keeps a data folder to one process at a time, so that
// two kiosks, or a restore and a running kiosk, never share a database.
// The lock is the operating system's on DATA/kiosk.lock: it goes with the
// process, even one killed or cut off by a power cut.
package datalock

import "errors"

// ErrHeld is returned when another process holds the data folder.
var ErrHeld = errors.New("a kiosk is running on this data folder: stop it first")

// Take locks the data folder for this process until release is called or
// the process ends.
func Take(dir string) (release func(), err error) { return take(dir) }
