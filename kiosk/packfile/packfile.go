// Package packfile makes and checks signed content packs: a zip of a
// content pack's files with a manifest (name, version, issue and expiry
// dates, the SHA-256 and size of every file) and a minisign signature of
// the manifest (Ed25519, read by aead.dev/minisign and by the minisign
// tool itself). A kiosk installs a pack only when every rule holds; else
// it keeps the pack it has and says which rule failed.
package packfile

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"aead.dev/minisign"
	"golang.org/x/text/unicode/norm"

	"onestop/kiosk"
	"onestop/kiosk/content"
)

// The manifest and its signature, at the zip's root.
const (
	ManifestName  = "manifest.json"
	SignatureName = "manifest.json.minisig"
)

// Limits on what a pack may unpack to, against zip bombs: a real pack is
// about 10 MB in some 200 files.
const (
	MaxFiles     = 2000
	MaxBytes     = 200 << 20 // all files together, unpacked
	MaxFileBytes = 50 << 20  // one file
)

// Manifest says what a pack is and what it holds.
type Manifest struct {
	Name    string `json:"name"`
	Version int    `json:"version"` // grows with every pack of the same name
	Issued  string `json:"issued"`  // YYYY-MM-DD
	Expires string `json:"expires"` // YYYY-MM-DD: a kiosk refuses the pack after this day
	Files   []File `json:"files"`
}

// File is one file of a pack.
type File struct {
	Path   string `json:"path"` // slash-separated, relative
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Rule is a rule a pack broke; its message says which, for the admin.
type Rule struct {
	Name string // signature, hash, version, expiry, path, size, content…
	Msg  string
}

func (r *Rule) Error() string { return r.Name + ": " + r.Msg }

func broke(name, format string, args ...any) error {
	return &Rule{Name: name, Msg: fmt.Sprintf(format, args...)}
}

// Sign makes a pack of the content pack in dir: every regular file under
// it, listed with its hash and size, the manifest signed with key.
func Sign(dir string, m Manifest, key minisign.PrivateKey, w io.Writer) error {
	if _, err := content.LoadDir(dir); err != nil {
		return fmt.Errorf("the content pack does not pass its check: %w", err)
	}
	m.Files = nil
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file: a pack holds files only", p)
		}
		rel, _ := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(names)
	zw := zip.NewWriter(w)
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(n)))
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		m.Files = append(m.Files, File{Path: n, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(b))})
		f, err := zw.Create(n)
		if err != nil {
			return err
		}
		if _, err := f.Write(b); err != nil {
			return err
		}
	}
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	sig := minisign.SignWithComments(key, manifest, fmt.Sprintf("%s %d", m.Name, m.Version), "onestop content pack")
	for _, f := range []struct {
		name string
		data []byte
	}{{ManifestName, manifest}, {SignatureName, sig}} {
		fw, err := zw.Create(f.name)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// Check is what a pack is checked against: the keys the kiosk trusts,
// the pack installed now (nil for none) and the day.
type Check struct {
	Trusted   []minisign.PublicKey
	Installed *Manifest
	Now       time.Time
	// Seen is the highest version of each pack name ever installed here:
	// a kiosk whose installed pack went (back to the embedded one, a
	// folder copied by hand) still refuses an older signed pack.
	Seen map[string]int
}

// Verify checks a pack file against every rule and unpacks it into dir
// (which it creates; it must not exist), returning its manifest. On any
// broken rule dir is removed and the error is a *Rule.
func Verify(file, dir string, c Check) (m Manifest, err error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return m, broke("zip", "not a readable zip file: %v", err)
	}
	defer zr.Close()
	if len(zr.File) > MaxFiles+2 {
		return m, broke("size", "%d files, more than the %d a pack may hold", len(zr.File), MaxFiles)
	}
	entries := map[string]*zip.File{}
	folded := map[string]string{} // names as a case-blind disk sees them
	for _, f := range zr.File {
		name := f.Name
		if dir, ok := strings.CutSuffix(name, "/"); ok && f.Mode().IsDir() {
			if !filepath.IsLocal(filepath.FromSlash(dir)) || strings.Contains(dir, `\`) || f.UncompressedSize64 != 0 {
				return m, broke("path", "%q is not a plain, empty folder inside the pack", name)
			}
			continue
		}
		fold := strings.ToLower(norm.NFC.String(name))
		if other, ok := folded[fold]; ok {
			return m, broke("path", "%q and %q are the same file on a disk that ignores case", other, name)
		}
		folded[fold] = name
		switch {
		case strings.Contains(name, `\`) || !filepath.IsLocal(filepath.FromSlash(name)) || path.Clean(name) != name:
			return m, broke("path", "%q is not a plain path inside the pack", name)
		case !f.Mode().IsRegular():
			return m, broke("path", "%q is not a regular file (%v): links and devices are refused", name, f.Mode().Type())
		case entries[name] != nil:
			return m, broke("path", "%q is in the pack twice", name)
		}
		entries[name] = f
	}
	read := func(name string, limit int64) ([]byte, error) {
		f := entries[name]
		if f == nil {
			return nil, broke("manifest", "the pack has no %s", name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, broke("zip", "%s: %v", name, err)
		}
		defer rc.Close()
		// The sizes in the zip's headers are the packer's word: read
		// one byte past the limit to see it crossed.
		b, err := io.ReadAll(io.LimitReader(rc, limit+1))
		if err != nil {
			return nil, broke("zip", "%s: %v", name, err)
		}
		if int64(len(b)) > limit {
			return nil, broke("size", "%s unpacks to more than %d bytes", name, limit)
		}
		return b, nil
	}
	manifest, err := read(ManifestName, 1<<20)
	if err != nil {
		return m, err
	}
	sig, err := read(SignatureName, 4<<10)
	if err != nil {
		return m, err
	}
	if len(c.Trusted) == 0 {
		return m, broke("signature", "the kiosk trusts no key: add the province's public key to trusted_keys in site.json")
	}
	signed := false
	for _, k := range c.Trusted {
		if minisign.Verify(k, manifest, sig) {
			signed = true
			break
		}
	}
	if !signed {
		var s minisign.Signature
		by := "an unreadable signature"
		if s.UnmarshalText(sig) == nil {
			by = fmt.Sprintf("key %X", s.KeyID)
		}
		return m, broke("signature", "the manifest is not signed by a trusted key (signed with %s)", by)
	}
	dec := json.NewDecoder(bytes.NewReader(manifest))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return m, broke("manifest", "unreadable: %v", err)
	}
	issued, err1 := time.Parse(time.DateOnly, m.Issued)
	expires, err2 := time.Parse(time.DateOnly, m.Expires)
	// Dates are Vietnam's days (UTC+7, no daylight saving), whatever
	// zone the machine was set up in.
	today := c.Now.In(kiosk.Zone).Format(time.DateOnly)
	switch {
	case m.Name == "" || m.Version < 1:
		return m, broke("manifest", "a pack needs a name and a version from 1")
	case err1 != nil || err2 != nil:
		return m, broke("manifest", "issued and expires should be dates like 2026-12-31 (got %q, %q)", m.Issued, m.Expires)
	case expires.Before(issued):
		return m, broke("expiry", "expires %s before it was issued %s", m.Expires, m.Issued)
	case m.Expires < today:
		return m, broke("expiry", "the pack expired on %s: ask for a newer one", m.Expires)
	case m.Issued > today:
		return m, broke("expiry", "the pack is issued %s, after today %s: check the kiosk's clock", m.Issued, today)
	case c.Installed != nil && m.Name == c.Installed.Name && m.Version <= c.Installed.Version:
		return m, broke("version", "version %d is not newer than the installed %d", m.Version, c.Installed.Version)
	case m.Version <= c.Seen[m.Name]:
		return m, broke("version", "version %d is not newer than version %d of %s, installed here before", m.Version, c.Seen[m.Name], m.Name)
	}
	if len(m.Files) > MaxFiles {
		return m, broke("size", "%d files, more than the %d a pack may hold", len(m.Files), MaxFiles)
	}
	// Every file listed is there with its size and hash; nothing else is.
	listed := map[string]bool{ManifestName: true, SignatureName: true}
	var total int64
	if err := os.Mkdir(dir, 0o750); err != nil {
		return m, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	for _, f := range m.Files {
		if listed[f.Path] {
			return m, broke("manifest", "%q is listed twice", f.Path)
		}
		listed[f.Path] = true
		if f.Size < 0 || f.Size > MaxFileBytes {
			return m, broke("size", "%s is %d bytes, over the %d a file may have", f.Path, f.Size, MaxFileBytes)
		}
		if total += f.Size; total > MaxBytes {
			return m, broke("size", "the files unpack to more than %d bytes", MaxBytes)
		}
		b, err := read(f.Path, f.Size)
		if err != nil {
			var r *Rule
			switch {
			case errors.As(err, &r) && r.Name == "manifest":
				return m, broke("hash", "%s is listed but not in the pack", f.Path)
			case errors.As(err, &r) && r.Name == "size":
				// Longer than signed: never read past what was signed.
				return m, broke("hash", "%s is longer than the signed manifest says: changed after signing", f.Path)
			}
			return m, err
		}
		sum := sha256.Sum256(b)
		if int64(len(b)) != f.Size || hex.EncodeToString(sum[:]) != f.SHA256 {
			return m, broke("hash", "%s differs from the signed manifest: changed after signing", f.Path)
		}
		out := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(out), 0o750); err != nil {
			return m, err
		}
		// Each file reaches the disk before the pack is moved in: a power
		// cut after the move finds it whole.
		if err := kiosk.WriteFile(out, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
			return m, err
		}
	}
	for name := range entries {
		if !listed[name] {
			return m, broke("hash", "%s is in the pack but not in the signed manifest", name)
		}
	}
	if _, err := content.LoadDir(dir); err != nil {
		return m, broke("content", "%v", err)
	}
	return m, nil
}
