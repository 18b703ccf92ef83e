package app

import (
	"time"

	"fyne.io/fyne/v2"
)

// visit is everything that belongs to one resident's use of the kiosk:
// their choices of language, text size, contrast and sound, where they
// have been, what they typed. The idle reset replaces it whole, so nothing
// one resident chose can reach the next.
type visit struct {
	lang         string
	textStep     int
	highContrast bool
	muted        bool
	volumeStep   int     // index into volumes
	history      []Route // the screens to go back to
	query        string  // the search typed
	alphabetical bool    // the keypad's letters in the alphabet's order
	secret       []time.Time
}

// newVisit is a visit as a new resident finds the kiosk: Vietnamese, the
// first text size, normal contrast and the admin's starting volume.
func newVisit(volume int) *visit {
	return &visit{lang: "vi", volumeStep: volume}
}

// screen is one screen on show: a small value that owns its state (its
// page, its selection, what was typed) and is thrown away when left.
type screen interface {
	// view builds what the screen shows for the window, text size,
	// contrast and language as they are now. It is called again after any
	// of those change, so it records nothing.
	view() fyne.CanvasObject
}

// Screens may also implement these.
type (
	// entered is called once when the resident (or staff) arrives on the
	// screen: what was chosen is recorded here, never in view.
	entered interface{ enter() }
	// left is called once when the screen is left.
	left interface{ leave() }
	// ticking is called twice a second while the screen shows.
	ticking interface{ tick(now time.Time) }
	// awake reports a screen that holds the idle reset off (a lesson
	// playing).
	awake interface{ awake() bool }
	// qrShowing reports a screen showing a QR code: the resident may be
	// busy with their phone, so the idle reset waits longer.
	qrShowing interface{ showsQR() bool }
)
