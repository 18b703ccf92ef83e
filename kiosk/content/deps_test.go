package content

import (
	"os/exec"
	"strings"
	"testing"
)

// Checking a content pack (kiosk content check, on an admin's PC or a CI
// box) must not link the audio device code: oto opens ALSA through cgo.
// The pack only needs MP3 decoding, from kiosk/sound/mp3.
func TestNoAudioDeviceCode(t *testing.T) {
	// go test puts GOROOT/bin first on the test's PATH.
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list the package's imports: %v", err)
	}
	out, err := exec.Command(gobin, "list", "-deps", "onestop/kiosk/content").Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("go list -deps: %v\n%s", err, msg)
	}
	deps := strings.Fields(string(out))
	decoder := false
	for _, d := range deps {
		switch {
		case strings.HasPrefix(d, "github.com/ebitengine/oto"), d == "onestop/kiosk/sound":
			t.Errorf("onestop/kiosk/content depends on %s, which links the audio device code", d)
		case d == "onestop/kiosk/sound/mp3":
			decoder = true
		}
	}
	// A sanity check on the listing itself: an empty or wrong list would
	// pass the check above for nothing.
	if !decoder {
		t.Errorf("onestop/kiosk/sound/mp3 is not among the %d packages listed: the listing is wrong", len(deps))
	}
}
