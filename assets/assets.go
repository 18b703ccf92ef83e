// Package assets embeds the kiosk's default content pack, its own words
// (the user-interface translations) and the font of its printed pages, so
// the binary runs with nothing beside it.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed content i18n fonts/NotoSans-Regular.ttf fonts/NotoSans-Bold.ttf
var files embed.FS

// Content is the default content pack.
func Content() fs.FS { return sub("content") }

// I18n holds the kiosk's own words, one JSON file per language.
func I18n() fs.FS { return sub("i18n") }

// FontRegular and FontBold are Noto Sans, which draws every Vietnamese
// letter: the install sheet and the residents' slips are set in it.
func FontRegular() []byte { return font("fonts/NotoSans-Regular.ttf") }

// FontBold is the bold face of FontRegular.
func FontBold() []byte { return font("fonts/NotoSans-Bold.ttf") }

func font(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic(err) // embedded at build time; this cannot fail at run time
	}
	return b
}

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // the directory is embedded at build time; this cannot fail at run time
	}
	return f
}
