package packfile

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"aead.dev/minisign"

	"onestop/assets"
)

var today = time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)

// packDir copies the embedded default pack into a folder.
func packDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "pack")
	err := fs.WalkDir(assets.Content(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		out := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		b, err := fs.ReadFile(assets.Content(), p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func keys(t *testing.T) (minisign.PublicKey, minisign.PrivateKey) {
	t.Helper()
	pub, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

func manifest(version int) Manifest {
	return Manifest{Name: "Nghệ An", Version: version, Issued: "2026-12-01", Expires: "2027-06-30"}
}

// signed signs the pack in dir into a file.
func signed(t *testing.T, dir string, m Manifest, key minisign.PrivateKey) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Sign(dir, m, key, &buf); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "pack.zip")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// entry is a zip entry made by hand, for packs no honest signer makes.
type entry struct {
	name string
	data []byte
	mode fs.FileMode
}

// forged writes a zip of entries with a manifest listing files (each with
// its real hash unless the manifest is given) signed by key.
func forged(t *testing.T, entries []entry, m Manifest, key minisign.PrivateKey, listed map[string][]byte) string {
	t.Helper()
	for name, data := range listed {
		sum := sha256.Sum256(data)
		m.Files = append(m.Files, File{Path: name, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data))})
	}
	man, _ := json.Marshal(m)
	entries = append(entries, entry{name: ManifestName, data: man}, entry{name: SignatureName, data: minisign.Sign(key, man)})
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		h.SetMode(e.mode | 0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	zw.Close()
	file := filepath.Join(t.TempDir(), "forged.zip")
	os.WriteFile(file, buf.Bytes(), 0o644)
	return file
}

// dataDir is a kiosk's data folder trusting pub.
func dataDir(t *testing.T, pub minisign.PublicKey) string {
	t.Helper()
	dir := t.TempDir()
	site := `{"site_name": "Bưu điện văn hóa xã Quỳnh Lưu", "site_kind": "postal_point", "kiosk_id": "NA-QL-BD", "trusted_keys": ["` + pub.String() + `"]}`
	if err := os.WriteFile(filepath.Join(dir, "site.json"), []byte(site), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func rule(err error) string {
	var r *Rule
	if errors.As(err, &r) {
		return r.Name
	}
	return ""
}

// A signed pack installs; the next version replaces it and the one before
// is kept; an older or equal version, or a stranger's, does not.
func TestInstall(t *testing.T) {
	pub, priv := keys(t)
	src := packDir(t)
	data := dataDir(t, pub)
	m, err := Install(signed(t, src, manifest(3), priv), data, today)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Installed(data); err != nil || got == nil || got.Version != 3 || len(got.Files) != len(m.Files) {
		t.Fatalf("installed %+v, %v", got, err)
	}
	if _, err := os.Stat(filepath.Join(data, "content", "procedures.json")); err != nil {
		t.Fatal(err)
	}
	if _, err := Install(signed(t, src, manifest(3), priv), data, today); rule(err) != "version" {
		t.Errorf("the same version again: %v", err)
	}
	if _, err := Install(signed(t, src, manifest(2), priv), data, today); rule(err) != "version" || !strings.Contains(err.Error(), "not newer than the installed 3") {
		t.Errorf("an older version: %v", err)
	}
	if _, err := Install(signed(t, src, manifest(4), priv), data, today); err != nil {
		t.Fatal(err)
	}
	if prev, err := os.ReadFile(filepath.Join(data, "content.prev", ".manifest.json")); err != nil || !strings.Contains(string(prev), `"version": 3`) {
		t.Errorf("the pack before is not kept: %v %s", err, prev)
	}
}

// Each hostile pack is refused for the rule it breaks, and the kiosk keeps
// the pack it has.
func TestHostilePacks(t *testing.T) {
	pub, priv := keys(t)
	_, stranger := keys(t)
	src := packDir(t)
	data := dataDir(t, pub)
	if _, err := Install(signed(t, src, manifest(5), priv), data, today); err != nil {
		t.Fatal(err)
	}
	kept, _ := os.ReadFile(filepath.Join(data, "content", "procedures.json"))

	procs, _ := os.ReadFile(filepath.Join(src, "procedures.json"))
	lookalike := packDir(t)
	os.WriteFile(filepath.Join(lookalike, "procedures.json"),
		bytes.Replace(procs, []byte("https://dichvucong.gov.vn/"), []byte("https://dichvucong.gov.vn.trangxacthuc.com/"), 1), 0o644)
	tampered := signed(t, src, manifest(6), priv)
	{ // change a file after signing: rewrite the zip with one entry changed
		zr, _ := zip.OpenReader(tampered)
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, f := range zr.File {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			data := b.Bytes()
			if f.Name == "procedures.json" {
				data = bytes.Replace(data, []byte("https://dichvucong.gov.vn/"), []byte("https://dichvucong.gov.vn.trangxacthuc.com/"), 1)
			}
			w, _ := zw.Create(f.Name)
			w.Write(data)
		}
		zr.Close()
		zw.Close()
		os.WriteFile(tampered, buf.Bytes(), 0o644)
	}
	expired := manifest(7)
	expired.Issued, expired.Expires = "2026-01-01", "2026-06-30"
	small := []byte(`{}`)
	huge := make([]byte, 60<<20) // zeros: a few tens of kilobytes zipped

	for _, c := range []struct {
		name, file, rule string
	}{
		{"look-alike QR host", forgedDir(t, lookalike, manifest(6), priv), "content"},
		{"a file changed after signing", tampered, "hash"},
		{"signed by an unknown key", signed(t, src, manifest(6), stranger), "signature"},
		{"an older version", signed(t, src, manifest(4), priv), "version"},
		{"expired", signed(t, src, expired, priv), "expiry"},
		{"../ in a path", forged(t, []entry{{name: "../kiosk.json", data: small}}, manifest(6), priv, map[string][]byte{"../kiosk.json": small}), "path"},
		{"absolute path", forged(t, []entry{{name: "/etc/kiosk.json", data: small}}, manifest(6), priv, map[string][]byte{"/etc/kiosk.json": small}), "path"},
		{"a symbolic link", forged(t, []entry{{name: "kiosk.json", data: []byte("/etc/passwd"), mode: fs.ModeSymlink}}, manifest(6), priv, map[string][]byte{"kiosk.json": []byte("/etc/passwd")}), "path"},
		{"a zip bomb", forged(t, []entry{{name: "bomb.bin", data: huge}}, manifest(6), priv, map[string][]byte{"bomb.bin": huge}), "size"},
		{"a file not in the manifest", forged(t, []entry{{name: "extra.json", data: small}}, manifest(6), priv, nil), "hash"},
		{"not a zip", writeFile(t, []byte("PK not really")), "zip"},
		{"a folder outside the pack", forged(t, []entry{{name: "../up/", mode: fs.ModeDir}}, manifest(6), priv, nil), "path"},
		{"two names for one file", forged(t, []entry{{name: "Kiosk.json", data: small}, {name: "kiosk.json", data: small}}, manifest(6), priv, map[string][]byte{"Kiosk.json": small, "kiosk.json": small}), "path"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Install(c.file, data, today)
			if rule(err) != c.rule {
				t.Fatalf("want the %s rule, got %v", c.rule, err)
			}
			now, _ := os.ReadFile(filepath.Join(data, "content", "procedures.json"))
			if !bytes.Equal(now, kept) {
				t.Error("the kiosk's pack changed")
			}
			if m, _ := Installed(data); m == nil || m.Version != 5 {
				t.Errorf("the installed pack is now %+v", m)
			}
			if _, err := os.Stat(filepath.Join(data, incomingDir)); !errors.Is(err, fs.ErrNotExist) {
				t.Error("the refused pack was left unpacked")
			}
		})
	}
}

// forgedDir signs a folder without checking its content first, as a
// careless or hostile signer would.
func forgedDir(t *testing.T, dir string, m Manifest, key minisign.PrivateKey) string {
	t.Helper()
	files := map[string][]byte{}
	var entries []entry
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, _ := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		entries = append(entries, entry{name: filepath.ToSlash(rel), data: b})
		return nil
	})
	return forged(t, entries, m, key, files)
}

func writeFile(t *testing.T, b []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "x.zip")
	os.WriteFile(f, b, 0o644)
	return f
}

// A kiosk whose installed pack went (content removed by hand) still
// refuses an older version of a pack it once had.
func TestNoRollbackAfterLosingThePack(t *testing.T) {
	pub, priv := keys(t)
	src := packDir(t)
	data := dataDir(t, pub)
	if _, err := Install(signed(t, src, manifest(5), priv), data, today); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(data, "content"))
	if _, err := Install(signed(t, src, manifest(4), priv), data, today); rule(err) != "version" {
		t.Fatalf("an older version after the pack was removed: %v", err)
	}
}

// An install cut between its two renames is finished at the next start.
func TestRecover(t *testing.T) {
	pub, priv := keys(t)
	data := dataDir(t, pub)
	if _, err := Install(signed(t, packDir(t), manifest(1), priv), data, today); err != nil {
		t.Fatal(err)
	}
	// As if the power went after content moved aside and before the new
	// one moved in.
	os.Rename(filepath.Join(data, "content"), filepath.Join(data, incomingDir))
	if err := Recover(data); err != nil {
		t.Fatal(err)
	}
	if m, err := Installed(data); err != nil || m == nil || m.Version != 1 {
		t.Errorf("after recovery: %+v, %v", m, err)
	}
}
