package app

import (
	"os"
	"time"
	_ "unsafe" // for go:linkname
)

// Fyne keeps the texture of everything it has drawn, and the renderer of
// every widget, for a minute after it was last drawn (its internal cache's
// ValidDuration). Without a GPU a texture lives in the process's own
// memory, and a lesson's steps each bring new text in large letters: a
// resident who steps quickly through the lessons leaves tens of megabytes
// of textures of screens no longer shown. Fyne reads the time from
// FYNE_CACHE before main runs, so the kiosk sets the variable itself.
// It is pinned to Fyne v2.7.1 (make vet checks the version), and
// TestTextureLife checks these are Fyne's variables.

//go:linkname fyneCacheLife fyne.io/fyne/v2/internal/cache.ValidDuration
var fyneCacheLife time.Duration

//go:linkname fyneCleanEvery fyne.io/fyne/v2/internal/cache.cleanTaskInterval
var fyneCleanEvery time.Duration

// setTextureLife makes Fyne free what was not drawn for d; FYNE_CACHE, if
// set, wins.
func setTextureLife(d time.Duration) {
	if d <= 0 || os.Getenv("FYNE_CACHE") != "" {
		return
	}
	fyneCacheLife, fyneCleanEvery = d, d/2
}
