package content

import (
	"crypto/rand"
	"errors"
	"strings"
	"testing"

	"aead.dev/minisign"
)

// A kiosk's site.json replaces the pack's settings field by field and is
// checked as the pack's own are.
func TestWithSite(t *testing.T) {
	pack := sitePack(CommuneCounter, "")
	pub, _, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := WithSite(pack, []byte(`{"site_name": "Bưu điện văn hóa xã Mẫu", "site_kind": "postal_point", "kiosk_id": "BD-01",
		"trusted_keys": ["`+pub.String()+`"]}`))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Load(fsys, "test")
	if err != nil {
		t.Fatal(err)
	}
	s := p.Settings
	if s.SiteName != "Bưu điện văn hóa xã Mẫu" || s.SiteKind != PostalPoint || s.KioskID != "BD-01" || s.Commune != "Xã Mẫu" || len(s.OpeningHours) != 2 || len(s.TrustedKeys) != 1 {
		t.Errorf("merged settings: %+v", s)
	}
	if _, ok := p.Category("buu-dien"); !ok {
		t.Error("a postal site's entries are not loaded")
	}
	for _, c := range []struct{ site, want string }{
		{`{"kiosk_idd": "X"}`, "kiosk_idd"},
		{`{"trusted_keys": ["not a key"]}`, "trusted_keys[0]: not a minisign public key"},
		{`{"site_kind": "nha_van_hoa"}`, "site_kind"},
	} {
		fsys, err := WithSite(pack, []byte(c.site))
		if err == nil {
			_, err = Load(fsys, "test")
		}
		var cerr *Error
		if !errors.As(err, &cerr) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: want a problem with %q, got %v", c.site, c.want, err)
		}
	}
	if _, err := WithSite(pack, []byte(`{"site_name": `)); err == nil || !strings.Contains(err.Error(), SiteFile) {
		t.Errorf("a torn site.json: %v", err)
	}
}
