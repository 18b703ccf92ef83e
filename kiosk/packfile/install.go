package packfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"aead.dev/minisign"

	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/datalock"
)

// The data folder's content: the pack in use, the one it replaced, and
// where a new one is unpacked and checked before it replaces it.
const (
	ContentDir   = "content"
	PreviousDir  = "content.prev"
	incomingDir  = "content.incoming"
	installedMan = ".manifest.json" // the installed pack's manifest, inside ContentDir
)

// TrustedKeys reads the public keys a kiosk trusts from its site file
// (site.json's trusted_keys).
func TrustedKeys(dataDir string) ([]minisign.PublicKey, error) {
	b, err := os.ReadFile(filepath.Join(dataDir, content.SiteFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var site struct {
		TrustedKeys []string `json:"trusted_keys"`
	}
	if err := json.Unmarshal(b, &site); err != nil {
		return nil, fmt.Errorf("%s: %w", content.SiteFile, err)
	}
	var keys []minisign.PublicKey
	for _, s := range site.TrustedKeys {
		var k minisign.PublicKey
		if err := k.UnmarshalText([]byte(s)); err != nil {
			return nil, fmt.Errorf("%s: trusted key %q: %w", content.SiteFile, s, err)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// Installed is the manifest of the pack installed in dataDir; nil when the
// kiosk runs on its embedded pack or on a folder copied by hand.
func Installed(dataDir string) (*Manifest, error) {
	return readManifest(filepath.Join(dataDir, ContentDir))
}

// Previous is the manifest of the pack the installed one replaced, if any.
func Previous(dataDir string) (*Manifest, error) {
	return readManifest(filepath.Join(dataDir, PreviousDir))
}

func readManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, installedMan))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("the manifest in %s: %w", dir, err)
	}
	return &m, nil
}

// Install checks a pack file against every rule and the kiosk's site
// settings, and only then makes it the kiosk's content: the pack in use
// moves to content.prev. A refused pack leaves the kiosk's content as it
// was; the error says which rule it broke.
func Install(file, dataDir string, now time.Time) (Manifest, error) {
	// One install at a time, from the admin's screen or the command line.
	lockDir := filepath.Join(dataDir, ".content-lock")
	if err := os.MkdirAll(lockDir, 0o750); err != nil {
		return Manifest{}, err
	}
	release, err := datalock.Take(lockDir)
	if errors.Is(err, datalock.ErrHeld) {
		return Manifest{}, broke("busy", "another content pack is being installed: try again when it has finished")
	}
	if err != nil {
		return Manifest{}, err
	}
	defer release()
	if err := Recover(dataDir); err != nil {
		return Manifest{}, err
	}
	seen, err := readSeen(dataDir)
	if err != nil {
		return Manifest{}, err
	}
	trusted, err := TrustedKeys(dataDir)
	if err != nil {
		return Manifest{}, err
	}
	installed, err := Installed(dataDir)
	if err != nil {
		return Manifest{}, err
	}
	incoming := filepath.Join(dataDir, incomingDir)
	if err := os.RemoveAll(incoming); err != nil {
		return Manifest{}, err
	}
	m, err := Verify(file, incoming, Check{Trusted: trusted, Installed: installed, Now: now, Seen: seen})
	if err != nil {
		return m, err
	}
	// The pack must also stand with this kiosk's own settings over it.
	if site, err := os.ReadFile(filepath.Join(dataDir, content.SiteFile)); err == nil {
		root, err := os.OpenRoot(incoming)
		if err != nil {
			return m, err
		}
		fsys, err := content.WithSite(root.FS(), site)
		if err == nil {
			_, err = content.Load(fsys, incoming)
		}
		root.Close()
		if err != nil {
			os.RemoveAll(incoming)
			return m, broke("content", "with this kiosk's %s: %v", content.SiteFile, err)
		}
	}
	b, _ := json.MarshalIndent(m, "", "  ")
	if err := kiosk.WriteFile(filepath.Join(incoming, installedMan), func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		os.RemoveAll(incoming)
		return m, err
	}
	cur, prev := filepath.Join(dataDir, ContentDir), filepath.Join(dataDir, PreviousDir)
	if err := os.RemoveAll(prev); err != nil {
		return m, err
	}
	if _, err := os.Stat(cur); err == nil {
		if err := os.Rename(cur, prev); err != nil {
			return m, err
		}
	}
	if err := os.Rename(incoming, cur); err != nil {
		// Put the old pack back: the kiosk keeps what it had.
		os.Rename(prev, cur)
		return m, err
	}
	if err := syncDir(dataDir); err != nil {
		return m, err
	}
	seen[m.Name] = max(seen[m.Name], m.Version)
	return m, writeSeen(dataDir, seen)
}

// seenFile records the highest version of each pack name installed.
const seenFile = "packs-seen.json"

func readSeen(dataDir string) (map[string]int, error) {
	seen := map[string]int{}
	b, err := os.ReadFile(filepath.Join(dataDir, seenFile))
	if errors.Is(err, fs.ErrNotExist) {
		return seen, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &seen); err != nil {
		return nil, fmt.Errorf("%s: %w", seenFile, err)
	}
	return seen, nil
}

func writeSeen(dataDir string, seen map[string]int) error {
	b, err := json.MarshalIndent(seen, "", "  ")
	if err != nil {
		return err
	}
	return kiosk.WriteFile(filepath.Join(dataDir, seenFile), func(w io.Writer) error { _, err := w.Write(b); return err })
}

// Rollback puts the pack before back in place of the installed one, for a
// pack that installed but would not load (a site.json changed meanwhile).
// The refused pack is kept as content.refused.
func Rollback(dataDir string) error {
	cur, prev := filepath.Join(dataDir, ContentDir), filepath.Join(dataDir, PreviousDir)
	refused := filepath.Join(dataDir, "content.refused")
	if err := os.RemoveAll(refused); err != nil {
		return err
	}
	if err := os.Rename(cur, refused); err != nil {
		return err
	}
	if _, err := os.Stat(prev); err == nil {
		if err := os.Rename(prev, cur); err != nil {
			return err
		}
	}
	return syncDir(dataDir)
}

// Recover finishes an install cut short between its two renames (a power
// cut): a data folder with content.incoming checked and no content takes
// it. Called at start.
func Recover(dataDir string) error {
	cur, incoming := filepath.Join(dataDir, ContentDir), filepath.Join(dataDir, incomingDir)
	if _, err := os.Stat(cur); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if _, err := os.Stat(filepath.Join(incoming, installedMan)); err != nil {
		return nil
	}
	return os.Rename(incoming, cur)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
