package app

import (
	"io/fs"
	"path"
	"unicode"
	_ "unsafe" // for go:linkname

	"github.com/go-text/typesetting/fontscan"

	"onestop/kiosk/content"
)

// Fyne adds to every text style a fallback font from the system, chosen
// for the locale (DejaVu Sans on Debian), after scanning the system's font
// folders: for the kiosk's regular and bold text that is two more fonts
// parsed whole at start-up (about 40 ms of CPU a start, in profiles of five
// starts) and kept in memory (several megabytes). When every character the
// content pack and the kiosk's words hold is one the bundled Noto Sans
// draws, the kiosk tells Fyne the system's fonts were already looked for
// and none were found. A pack with other characters (a symbol, an emoji)
// keeps Fyne's fallback, and the log says which. The keypads type only
// letters the bundled font has.
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

// bundledRanges are blocks of characters that Fyne's Noto Sans draws whole,
// in regular and bold (TestBundledRangesAreDrawn): Latin with Vietnamese,
// combining marks, Cyrillic, punctuation and letter-like symbols.
var bundledRanges = [][2]rune{
	{0x20, 0x7e}, {0xa0, 0x24f}, {0x300, 0x36f}, {0x400, 0x4ff},
	{0x1e00, 0x1eff}, {0x2000, 0x206f}, {0x2100, 0x214f},
}

func bundled(r rune) bool {
	if unicode.IsSpace(r) || unicode.IsControl(r) {
		return true
	}
	for _, b := range bundledRanges {
		if b[0] <= r && r <= b[1] {
			return true
		}
	}
	return false
}

// outsideBundledFont lists the characters of the pack's texts and of the
// kiosk's words that the bundled font may not draw, each once.
func outsideBundledFont(pack *content.Pack, words fs.FS) []rune {
	var texts [][]byte
	for _, name := range []string{content.SettingsFile, content.CategoriesFile, content.ProceduresFile, content.TutorialsFile, content.PostersFile} {
		if b, err := pack.ReadFile(name); err == nil {
			texts = append(texts, b)
		}
	}
	if words != nil {
		_ = fs.WalkDir(words, ".", func(name string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && path.Ext(name) == ".json" {
				if b, err := fs.ReadFile(words, name); err == nil {
					texts = append(texts, b)
				}
			}
			return nil
		})
	}
	seen := map[rune]bool{}
	var odd []rune
	for _, b := range texts {
		for _, r := range string(b) {
			if !bundled(r) && !seen[r] {
				seen[r] = true
				odd = append(odd, r)
			}
		}
	}
	return odd
}
