package main

import (
	"context"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"onestop/assets"
	"onestop/kiosk/collector"
	"onestop/kiosk/content"
	"onestop/kiosk/kiosktest"
)

// collectorForTest serves a collector on a new database of the test
// server scripts/pg.sh started.
func collectorForTest(t *testing.T, pack string) (*collector.DB, string) {
	t.Helper()
	ctx := context.Background()
	db, err := collector.Open(ctx, kiosktest.PostgresDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	hs := httptest.NewServer((&collector.Server{DB: db, PackFile: pack}).Handler())
	t.Cleanup(hs.Close)
	return db, hs.URL
}

// A kiosk set up with a collector and a token sends its records with
// kiosk sync now, and again nothing; status says when; the token file is
// its owner's alone; the collector's signed pack installs, once.
func TestSyncWithCollector(t *testing.T) {
	work := t.TempDir()
	t.Chdir(work)
	t.Setenv("KIOSK_KEY_PASSWORD", "mật khẩu của tỉnh")
	capture(t, "content", "keygen", "--out", "nghe-an")
	packDir := filepath.Join(work, "pack")
	if err := os.CopyFS(packDir, assets.Content()); err != nil {
		t.Fatal(err)
	}
	if code, out := capture(t, "content", "sign", "--key", "nghe-an.key", "--name", "Nghệ An", "--version", "9",
		"--issued", "2026-12-01", "--expires", "2099-12-31", "--out", "na-9.zip", packDir); code != 0 {
		t.Fatalf("sign: %d %s", code, out)
	}
	db, url := collectorForTest(t, filepath.Join(work, "na-9.zip"))
	data := filepath.Join(work, "data")
	if code, out := capture(t, "demo-data", "--data", data, "--sessions", "60", "--days", "10"); code != 0 {
		t.Fatalf("demo-data: %d %s", code, out)
	}
	pub, _ := os.ReadFile("nghe-an.pub")
	lines := strings.Split(strings.TrimSpace(string(pub)), "\n")
	site := `{"kiosk_id": "NA-QL-01", "site_name": "Xã Quỳnh Lưu", "trusted_keys": ["` + lines[len(lines)-1] + `"]}`
	os.WriteFile(filepath.Join(data, "site.json"), []byte(site), 0o644)

	if code, out := capture(t, "sync", "now", "--data", data); code != 1 || !strings.Contains(out, "no collector") {
		t.Errorf("sync now before setup: %d %s", code, out)
	}
	if code, out := capture(t, "sync", "setup", "--data", data, "--url", "http://collector.example.vn"); code != 2 || !strings.Contains(out, "https") {
		t.Errorf("setup over plain http: %d %s", code, out)
	}
	token, err := db.AddToken(context.Background(), "NA-QL-01")
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("KIOSK_SYNC_TOKEN", token)
	if code, out := capture(t, "sync", "setup", "--data", data, "--url", url); code != 0 {
		t.Fatalf("setup: %d %s", code, out)
	}
	if st, err := os.Stat(filepath.Join(data, syncFile)); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the token file: %v %v, want -rw-------", st.Mode(), err)
	}
	code, out := capture(t, "sync", "now", "--data", data)
	if code != 0 || !strings.Contains(out, "records sent") || strings.HasPrefix(out, "0 records") || !strings.Contains(out, "0 records waiting") {
		t.Fatalf("sync now: %d %s", code, out)
	}
	if code, out := capture(t, "sync", "now", "--data", data); code != 0 || !strings.HasPrefix(out, "0 records sent") {
		t.Errorf("sync now again: %d %s", code, out)
	}
	if _, out := capture(t, "status", "--data", data); !strings.Contains(out, "sync:") || !strings.Contains(out, "last taken 20") {
		t.Errorf("status: %s", out)
	}
	kiosks, _ := db.Kiosks(context.Background())
	if len(kiosks) != 1 || kiosks[0].Last.IsZero() || kiosks[0].Site != "Xã Quỳnh Lưu" {
		t.Errorf("the collector's kiosks: %+v", kiosks)
	}

	// The collector's pack installs once; the same pack is not fetched again.
	cfg, _, _ := readSyncConfig(data)
	st := openTestStore(t, data)
	logger := log.New(io.Discard, "", 0)
	pack, _ := loadPack("", data, logger)
	p := newPusher(cfg, pack.Settings, st, logger)
	var offered []*content.Pack
	etag := filepath.Join(data, "cache", "collector-pack.etag")
	var y syncer
	packs := &packService{dir: data, logger: logger}
	for i := 0; i < 2; i++ {
		if err := y.fetchPack(context.Background(), p, data, etag, packs, func(p *content.Pack) { offered = append(offered, p) }, logger); err != nil {
			t.Fatalf("fetch %d: %v", i+1, err)
		}
	}
	if len(offered) != 1 {
		t.Errorf("the pack was offered %d times, want once", len(offered))
	}
	if code, out := capture(t, "content", "list", "--data", data); !strings.Contains(out, "installed: Nghệ An version 9") {
		t.Errorf("content list after the fetch: %d %s", code, out)
	}
}
