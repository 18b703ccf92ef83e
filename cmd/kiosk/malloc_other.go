//go:build !linux || !cgo

package main

import "runtime/debug"

func tuneMalloc() {}

func freeMemory() { debug.FreeOSMemory() }
