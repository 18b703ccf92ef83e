package main

import "errors"

var errRunning = errors.New("a kiosk is running on this data folder: stop it first")

// lockData does not lock on Windows yet: the kiosk there is started once
// by its shortcut.
func lockData(dir string) (release func(), err error) { return func() {}, nil }
