package app

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

// The kiosk's texture life must be the one Fyne's cache uses: Fyne reads
// FYNE_CACHE into the variable the kiosk links to, so a test run with
// FYNE_CACHE set must find that value there; and setTextureLife must
// change it, unless FYNE_CACHE is set.
func TestTextureLife(t *testing.T) {
	if want := os.Getenv("KIOSK_WANT_CACHE"); want != "" {
		if got := fyneCacheLife.String(); got != want {
			t.Fatalf("Fyne's cache life read through the link is %s; FYNE_CACHE says %s", got, want)
		}
		setTextureLife(time.Second)
		if got := fyneCacheLife.String(); got != want {
			t.Fatalf("FYNE_CACHE=%s was overridden: %s", want, got)
		}
		return
	}
	if fyneCacheLife != time.Minute {
		t.Fatalf("Fyne's default cache life read through the link is %v, want 1m0s", fyneCacheLife)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestTextureLife$", "-test.count=1")
	cmd.Env = append(os.Environ(), "FYNE_CACHE=7s", "KIOSK_WANT_CACHE=7s")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("with FYNE_CACHE=7s: %v\n%s", err, out)
	}
	old, oldClean := fyneCacheLife, fyneCleanEvery
	defer func() { fyneCacheLife, fyneCleanEvery = old, oldClean }()
	setTextureLife(10 * time.Second)
	if fyneCacheLife != 10*time.Second || fyneCleanEvery != 5*time.Second {
		t.Errorf("after setTextureLife(10s): life %v, clean every %v", fyneCacheLife, fyneCleanEvery)
	}
}
