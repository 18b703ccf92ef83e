package display

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// edid builds a 128-byte EDID block with one detailed timing: the native
// mode and the image size, and the screen's size in centimetres.
func edid(wpx, hpx, wmm, hmm int) []byte {
	b := make([]byte, 128)
	copy(b, "\x00\xff\xff\xff\xff\xff\xff\x00")
	b[18], b[19] = 1, 4 // EDID 1.4
	b[21], b[22] = byte(wmm/10), byte(hmm/10)
	t := b[54:72]
	t[0], t[1] = 0x02, 0x3a // 148.5 MHz
	t[2], t[4] = byte(wpx), byte(wpx>>8)<<4
	t[5], t[7] = byte(hpx), byte(hpx>>8)<<4
	t[12], t[13], t[14] = byte(wmm), byte(hmm), byte(wmm>>8)<<4|byte(hmm>>8)&0x0f
	var sum byte
	for _, v := range b[:127] {
		sum += v
	}
	b[127] = -sum
	return b
}

var (
	landscape = Size{1280, 768}
	portrait  = Size{1080, 1920}
)

func TestScale(t *testing.T) {
	cases := []struct {
		name               string
		wpx, hpx, wmm, hmm int
		want               float64
	}{
		{"15.6\" 1366×768 counter screen (the reference)", 1366, 768, 344, 194, 1},
		{"21.5\" 1920×1080", 1920, 1080, 476, 268, 1},
		{"32\" 1920×1080: coarse, text already taller", 1920, 1080, 708, 398, 1},
		{"13.3\" 1920×1080: dense, bounded by the 1280×768 layout", 1920, 1080, 294, 165, 1.4},
		{"27\" 3840×2160", 3840, 2160, 597, 336, 1.6},
		{"43\" 1080×1920 standing kiosk", 1080, 1920, 535, 952, 1},
		{"21.5\" 1080×1920: bounded by the portrait layout", 1080, 1920, 268, 476, 1},
		{"24\" 2160×3840 portrait", 2160, 3840, 299, 531, 1.8},
	}
	for _, c := range cases {
		d, err := ParseEDID(edid(c.wpx, c.hpx, c.wmm, c.hmm))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if d.WidthPx != c.wpx || d.HeightPx != c.hpx || d.WidthMM != c.wmm || d.HeightMM != c.hmm {
			t.Errorf("%s: read back as %v", c.name, d)
		}
		if got := Scale(d, landscape, portrait); got != c.want {
			t.Errorf("%s: scale %.2f, want %.2f (pitch %.3f mm)", c.name, got, c.want, d.PitchMM())
		}
	}
	if got := Scale(Display{}, landscape, portrait); got != 1 {
		t.Errorf("a display of no size: scale %.2f, want 1", got)
	}
}

func TestParseEDIDRefuses(t *testing.T) {
	good := edid(1920, 1080, 476, 268)
	bad := append([]byte{}, good...)
	bad[60]++
	if _, err := ParseEDID(bad); err == nil {
		t.Error("a block whose checksum does not match was read")
	}
	if _, err := ParseEDID(good[:100]); err == nil {
		t.Error("a short block was read")
	}
	header := append([]byte{}, good...)
	header[0] = 1
	if _, err := ParseEDID(header); err == nil {
		t.Error("a block without the EDID header was read")
	}
	if _, err := ParseEDID(edid(1920, 1080, 0, 0)); !errors.Is(err, ErrNoSize) {
		t.Errorf("a display with no size: %v, want ErrNoSize", err)
	}
	// The descriptor's size empty, the screen's in centimetres given.
	cm := edid(1366, 768, 0, 0)
	cm[21], cm[22] = 34, 19
	cm[127] = 0
	var sum byte
	for _, v := range cm[:127] {
		sum += v
	}
	cm[127] = -sum
	if d, err := ParseEDID(cm); err != nil || d.WidthMM != 340 || d.HeightMM != 190 {
		t.Errorf("size in centimetres: %v, %v", d, err)
	}
}

func TestConnected(t *testing.T) {
	root := t.TempDir()
	write := func(name, status string, data []byte) {
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "status"), []byte(status+"\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "edid"), data, 0o644)
	}
	write("card0-HDMI-A-1", "connected", edid(1080, 1920, 535, 952))
	write("card0-DP-1", "disconnected", edid(1920, 1080, 476, 268))
	write("card0-eDP-1", "connected", []byte("junk"))
	ds, err := Connected(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Name != "card0-HDMI-A-1" || ds[0].HeightPx != 1920 {
		t.Errorf("connected displays: %v, want only the HDMI one", ds)
	}
}
