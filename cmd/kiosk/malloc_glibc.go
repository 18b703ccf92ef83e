//go:build linux && cgo

package main

/*
#include <malloc.h>

static void kiosk_tune_malloc(void) {
	// Two arenas, not eight per core: Fyne calls into OpenGL from
	// whichever thread Go runs it on, and each arena keeps its own free
	// memory. Blocks of 128 KiB and more (textures of text and pictures)
	// are mapped on their own and returned when freed, rather than left
	// in the heap when glibc raises its threshold after the first frees.
	mallopt(M_ARENA_MAX, 2);
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}
*/
import "C"

import "runtime/debug"

// tuneMalloc sets how the C allocator used by OpenGL (Mesa's software
// renderer keeps every texture in the process) keeps memory.
func tuneMalloc() { C.kiosk_tune_malloc() }

// freeMemory hands back what Go and glibc hold unused: Go's free pages,
// and glibc's free pages in the middle of its heap, which it keeps until
// asked (a lesson's text textures are freed in no particular order).
func freeMemory() {
	debug.FreeOSMemory()
	C.malloc_trim(0)
}
