package content

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing/fstest"

	"onestop/kiosk"
)

// RecordChecked writes into the pack in dir that the QR targets with these
// addresses were scanned on a phone on date (2026-12-01) and opened the
// right page: their "checked". procedures.json and tutorials.json are
// written anew, each whole or not at all, and the pack must load before
// and after. It returns how many targets it marked; an address that is no
// target of the pack is an error and nothing is written.
func RecordChecked(dir, date string, urls []string) (int, error) {
	// Every entry, those of other kinds of site too: the files are
	// written back whole.
	root, err := os.OpenRoot(dir)
	if err != nil {
		return 0, fmt.Errorf("content folder %s: %w", dir, err)
	}
	defer root.Close()
	p, err := LoadAllSites(root.FS(), dir)
	if err != nil {
		return 0, err
	}
	known := map[string]bool{}
	for _, l := range p.Links() {
		known[l.URL] = true
	}
	for _, u := range urls {
		if !known[u] {
			return 0, fmt.Errorf("%s is not a QR target of the pack in %s (kiosk content links %s lists them)", u, dir, dir)
		}
	}
	n := 0
	mark := func(ts []Target) {
		for i := range ts {
			if slices.Contains(urls, ts[i].URL) {
				ts[i].Checked = date
				n++
			}
		}
	}
	for i := range p.Procedures {
		mark(p.Procedures[i].QR)
	}
	for i := range p.Tutorials {
		mark(p.Tutorials[i].QR)
	}
	files := map[string][]byte{}
	if files[ProceduresFile], err = encodeJSON(p.Procedures); err != nil {
		return 0, err
	}
	if len(p.Tutorials) > 0 {
		if files[TutorialsFile], err = encodeJSON(p.Tutorials); err != nil {
			return 0, err
		}
	}
	// The pack as it will be must load, and hold what it held but the
	// dates, before anything is written.
	over := fstest.MapFS{}
	for name, b := range files {
		over[name] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	q, err := LoadAllSites(overlay{over, root.FS()}, dir)
	if err != nil {
		return 0, fmt.Errorf("the pack would no longer load: %w", err)
	}
	if !reflect.DeepEqual(q.Procedures, p.Procedures) || !reflect.DeepEqual(q.Tutorials, p.Tutorials) {
		return 0, fmt.Errorf("the pack would change more than the dates: nothing written")
	}
	for _, name := range []string{ProceduresFile, TutorialsFile} {
		if b, ok := files[name]; ok {
			if err := kiosk.WriteFile(filepath.Join(dir, name), func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

// overlay is a file system whose files in top hide those of base.
type overlay struct {
	top  fstest.MapFS
	base fs.FS
}

func (o overlay) Open(name string) (fs.File, error) {
	if _, ok := o.top[name]; ok {
		return o.top.Open(name)
	}
	return o.base.Open(name)
}

func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // "&" stays "&" in an address
	enc.SetIndent("", "  ")
	err := enc.Encode(v)
	return b.Bytes(), err
}
