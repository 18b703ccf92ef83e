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
	faces := bundledFaces(t)
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

// bundledFaces are the kiosk's regular and bold fonts, parsed.
func bundledFaces(t *testing.T) map[string]*font.Face {
	t.Helper()
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
	return faces
}

// TestBundledRangesAreDrawn: every printable character of the blocks the
// kiosk takes to be in its font is there, in regular and bold.
func TestBundledRangesAreDrawn(t *testing.T) {
	faces := bundledFaces(t)
	for _, b := range bundledRanges {
		for r := b[0]; r <= b[1]; r++ {
			if !unicode.IsPrint(r) {
				continue
			}
			for name, f := range faces {
				if _, ok := f.NominalGlyph(r); !ok {
					t.Errorf("%q (U+%04X) is in bundledRanges but not in the %s font", r, r, name)
				}
			}
		}
	}
}

// TestOutsideBundledFont: the default pack and words need no other font;
// a pack with a symbol the font lacks is noticed, so the kiosk keeps
// Fyne's search of the system's fonts for it.
func TestOutsideBundledFont(t *testing.T) {
	if odd := outsideBundledFont(defaultPack(t), assets.I18n()); len(odd) > 0 {
		t.Errorf("the default pack and words have characters outside the bundled font: %q", string(odd))
	}
	b, err := fs.ReadFile(assets.Content(), "posters.json")
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte(`"headline": "`))
	if i < 0 {
		t.Fatal("posters.json has no headline")
	}
	i += len(`"headline": "`)
	marked := append(append(append([]byte{}, b[:i]...), "✓ "...), b[i:]...)
	pack := withFiles(t, map[string][]byte{"posters.json": marked}, nil)
	if odd := outsideBundledFont(pack, assets.I18n()); string(odd) != "✓" {
		t.Errorf("a poster headline with ✓: outside the font %q, want \"✓\"", string(odd))
	}
}
