// Package assets embeds the kiosk's default content pack and its own words
// (the user-interface translations), so the binary runs with nothing beside it.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed content i18n
var files embed.FS

// Content is the default content pack.
func Content() fs.FS { return sub("content") }

// I18n holds the kiosk's own words, one JSON file per language.
func I18n() fs.FS { return sub("i18n") }

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // the directory is embedded at build time; this cannot fail at run time
	}
	return f
}
