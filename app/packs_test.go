package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/packfile"
)

// fakePacks installs whatever it is told to.
type fakePacks struct {
	installed *packfile.Manifest
	next      *content.Pack
	err       error
	files     []string
}

func (f *fakePacks) Installed() (*packfile.Manifest, error) { return f.installed, nil }
func (f *fakePacks) Install(file string) (packfile.Manifest, *content.Pack, error) {
	f.files = append(f.files, file)
	if f.err != nil {
		return packfile.Manifest{}, nil, f.err
	}
	m := packfile.Manifest{Name: "Nghệ An", Version: 8, Expires: "2027-06-30"}
	f.installed = &m
	return m, f.next, nil
}

// An admin installs a pack from a USB stick; the kiosk keeps showing its
// pack until the next resident's visit has ended, then takes the new one.
// A refused pack changes nothing and says which rule it broke.
func TestPacksScreen(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	next := defaultPack(t)
	next.Categories[0].Name = content.Text{VI: "Hộ tịch (gói mới)"}
	packs := &fakePacks{next: next}
	h.k.svc.Packs = packs
	var told *content.Pack
	h.k.onPack = func(p *content.Pack) { told = p }
	h.addStaff("admin", "Trưởng bộ phận", kiosk.RoleAdmin, "9753")
	usb := h.plugStick()
	if err := os.WriteFile(filepath.Join(usb, "na-8.zip"), []byte("PK"), 0o644); err != nil {
		t.Fatal(err)
	}

	h.logIn("admin", "9753")
	h.tap(h.k.t("packs_title"))
	if txt := h.screenText(); !strings.Contains(txt, h.k.t("packs_builtin")) {
		t.Fatalf("the packs screen: %s", txt)
	}
	old := h.k.pack
	h.tap(h.k.tf("packs_install", "na-8.zip"))
	if len(packs.files) != 1 || packs.files[0] != filepath.Join(usb, "na-8.zip") {
		t.Fatalf("installed %v", packs.files)
	}
	txt := h.screenText()
	if !strings.Contains(txt, h.k.tf("packs_done", "Nghệ An", 8)) || !strings.Contains(txt, h.k.t("packs_pending")) ||
		!strings.Contains(txt, h.k.tf("packs_installed", "Nghệ An", 8, "30/06/2027")) {
		t.Errorf("after installing: %s", txt)
	}
	if h.k.pack != old {
		t.Fatal("the pack changed under the admin's hands")
	}
	// The visit ends; the posters come back on the new pack.
	h.k.reset(kiosk.EndIdle)
	if h.k.pack != next || told != next {
		t.Fatal("the new pack was not taken at the idle reset")
	}
	h.k.Open(Route{Kind: RouteHome})
	if !strings.Contains(h.screenText(), "Hộ tịch (gói mới)") {
		t.Errorf("the home screen is not the new pack's: %s", h.screenText())
	}

	// A refused pack.
	packs.err = &packfile.Rule{Name: "signature", Msg: "the manifest is not signed by a trusted key"}
	h.logIn("admin", "9753")
	h.tap(h.k.t("packs_title"))
	h.tap(h.k.tf("packs_install", "na-8.zip"))
	if txt := h.screenText(); !strings.Contains(txt, "signature: the manifest is not signed by a trusted key") || h.k.nextPack != nil {
		t.Errorf("a refused pack: %s", txt)
	}
	var r *packfile.Rule
	if !errors.As(packs.err, &r) {
		t.Fatal("the fake's error is not a rule")
	}
}
