package app

import (
	_ "unsafe" // for go:linkname

	"github.com/go-text/typesetting/fontscan"
)

// Fyne adds to every text style a fallback font from the system, chosen
// for the locale (DejaVu Sans on Debian), after scanning the system's font
// folders: for the kiosk's regular and bold text that is two more fonts
// parsed whole at start-up (about 30 ms of the first frame on a two-core
// kiosk) and kept in memory (about 8 MB). The kiosk shows nothing its
// bundled Noto Sans lacks (TestGlyphsInBundledFont checks every word it
// can show, and the keypads type only Vietnamese letters), so it tells
// Fyne the system's fonts are already looked for, and none were found.
// Pinned to Fyne v2.7.1 like texture.go; TestNoSystemFonts checks these
// are Fyne's variables and that no system font is then read.

//go:linkname fyneFontsLooked fyne.io/fyne/v2/internal/painter.loaded
var fyneFontsLooked bool

//go:linkname fyneFontMap fyne.io/fyne/v2/internal/painter.fm
var fyneFontMap *fontscan.FontMap

// noSystemFonts keeps Fyne to the fonts it bundles. It must run before the
// first text is measured.
func noSystemFonts() {
	if !fyneFontsLooked {
		fyneFontsLooked, fyneFontMap = true, nil
	}
}
