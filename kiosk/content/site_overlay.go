package content

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"time"
)

// SiteFile is a kiosk's own settings, kept in its data folder beside the
// content pack: what differs from kiosk to kiosk (its name, commune, id,
// hours, printer, report signer, the keys it trusts) while the pack, the
// same for a province's kiosks and signed by it, is replaced as a whole.
// Its fields are kiosk.json's; each one given replaces the pack's.
const SiteFile = "site.json"

// WithSite is the pack in fsys with site's settings over its kiosk.json:
// each top-level field of site replaces the pack's. The merged settings
// are checked as the pack's own are, when the pack is loaded.
func WithSite(fsys fs.FS, site []byte) (fs.FS, error) {
	var over map[string]json.RawMessage
	if err := json.Unmarshal(site, &over); err != nil {
		return nil, fmt.Errorf("%s: %w", SiteFile, err)
	}
	base, err := fs.ReadFile(fsys, SettingsFile)
	if err != nil {
		return nil, err
	}
	var merged map[string]json.RawMessage
	if err := json.Unmarshal(base, &merged); err != nil {
		return nil, fmt.Errorf("%s: %w", SettingsFile, err)
	}
	if merged == nil || over == nil {
		return nil, fmt.Errorf("%s and %s must each hold an object ({…})", SettingsFile, SiteFile)
	}
	for k, v := range over {
		merged[k] = v
	}
	b, err := json.Marshal(merged)
	if err != nil {
		return nil, err
	}
	return siteFS{FS: fsys, settings: b}, nil
}

// siteFS serves the merged settings in place of the pack's kiosk.json.
type siteFS struct {
	fs.FS
	settings []byte
}

func (s siteFS) Open(name string) (fs.File, error) {
	if name != SettingsFile {
		return s.FS.Open(name)
	}
	return &memFile{Reader: bytes.NewReader(s.settings), name: name, size: int64(len(s.settings))}, nil
}

func (s siteFS) ReadFile(name string) ([]byte, error) {
	if name == SettingsFile {
		return bytes.Clone(s.settings), nil
	}
	return fs.ReadFile(s.FS, name)
}

type memFile struct {
	*bytes.Reader
	name string
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f.name, f.size}, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

var _ io.ReaderAt = (*memFile)(nil)
