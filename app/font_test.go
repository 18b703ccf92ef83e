package app

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"onestop/assets"
)

// TestGlyphsInBundledFont checks that every character residents can see —
// the content pack and the kiosk's words — is in the font the kiosk ships
// with. The kiosk tells Fyne not to look for system fonts (fonts.go) and
// is built without Fyne's emoji font (make's TAGS): a missing character
// would be drawn as an empty box.
func TestGlyphsInBundledFont(t *testing.T) {
	faces := map[string]*font.Face{}
	for name, res := range map[string]fyne.Resource{
		"regular": theme.DefaultTextFont(),
		"bold":    theme.DefaultTextBoldFont(),
	} {
		f, err := font.ParseTTF(bytes.NewReader(res.Content()))
		if err != nil {
			t.Fatal(err)
		}
		faces[name] = f
	}
	var text strings.Builder
	for _, fsys := range []fs.FS{assets.Content(), assets.I18n()} {
		fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".json") {
				b, _ := fs.ReadFile(fsys, p)
				text.Write(b)
			}
			return nil
		})
	}
	// What the code itself draws besides the words files.
	text.WriteString(cursor + "0123456789/·")
	missing := map[rune]bool{}
	for _, r := range text.String() {
		if unicode.IsSpace(r) || missing[r] {
			continue
		}
		for name, f := range faces {
			if _, ok := f.NominalGlyph(r); !ok {
				missing[r] = true
				t.Errorf("%q (U+%04X) is not in the bundled %s font", r, r, name)
			}
		}
	}
}
