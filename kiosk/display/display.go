// Package display reads what a kiosk's screen says of itself (its size in
// millimetres and pixels, from the EDID the monitor sends) and chooses the
// text scale from it: text as tall on the screen as it is on the counter's
// 15.6" 1366×768 screen read at arm's length, taller on a screen so large
// the resident steps back to see it whole.
package display

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
)

// Display is a screen's size as it reports it.
type Display struct {
	Name              string // the connector, e.g. "card0-HDMI-A-1"
	WidthMM, HeightMM int
	WidthPx, HeightPx int // its preferred (native) mode
}

// PitchMM is the size of one pixel in millimetres.
func (d Display) PitchMM() float64 {
	return math.Hypot(float64(d.WidthMM), float64(d.HeightMM)) / math.Hypot(float64(d.WidthPx), float64(d.HeightPx))
}

// DiagonalInches is the screen's diagonal.
func (d Display) DiagonalInches() float64 {
	return math.Hypot(float64(d.WidthMM), float64(d.HeightMM)) / 25.4
}

func (d Display) String() string {
	return fmt.Sprintf("%s: %d×%d mm (%.1f\"), %d×%d px", d.Name, d.WidthMM, d.HeightMM, d.DiagonalInches(), d.WidthPx, d.HeightPx)
}

// ErrNoSize: the EDID gives no usable size (a projector, a virtual screen).
var ErrNoSize = errors.New("the display does not report its size")

// ParseEDID reads a display's size from its EDID block (VESA E-EDID 1.3/1.4):
// the first detailed timing descriptor holds the native mode and the image
// size in millimetres.
func ParseEDID(b []byte) (Display, error) {
	if len(b) < 128 || string(b[:8]) != "\x00\xff\xff\xff\xff\xff\xff\x00" {
		return Display{}, errors.New("not an EDID block")
	}
	var sum byte
	for _, v := range b[:128] {
		sum += v
	}
	if sum != 0 {
		return Display{}, errors.New("EDID checksum does not match")
	}
	t := b[54:72]
	if t[0] == 0 && t[1] == 0 {
		return Display{}, ErrNoSize // a display descriptor, not a timing
	}
	d := Display{
		WidthPx:  int(t[2]) | int(t[4]&0xf0)<<4,
		HeightPx: int(t[5]) | int(t[7]&0xf0)<<4,
		WidthMM:  int(t[12]) | int(t[14]&0xf0)<<4,
		HeightMM: int(t[13]) | int(t[14]&0x0f)<<8,
	}
	if d.WidthMM == 0 || d.HeightMM == 0 {
		// Some monitors leave the descriptor's size empty but give the
		// whole screen's in centimetres.
		d.WidthMM, d.HeightMM = int(b[21])*10, int(b[22])*10
	}
	if d.WidthPx == 0 || d.HeightPx == 0 || d.WidthMM == 0 || d.HeightMM == 0 {
		return Display{}, ErrNoSize
	}
	return d, nil
}

// Connected lists the connected displays that report a size, read from
// Linux's DRM connectors under root (normally /sys/class/drm).
func Connected(root string) ([]Display, error) {
	dirs, err := filepath.Glob(filepath.Join(root, "card*-*"))
	if err != nil {
		return nil, err
	}
	var out []Display
	for _, dir := range dirs {
		status, err := os.ReadFile(filepath.Join(dir, "status"))
		if err != nil || strings.TrimSpace(string(status)) != "connected" {
			continue
		}
		edid, err := os.ReadFile(filepath.Join(dir, "edid"))
		if err != nil || len(edid) == 0 {
			continue
		}
		d, err := ParseEDID(edid)
		if err != nil {
			continue
		}
		d.Name = filepath.Base(dir)
		out = append(out, d)
	}
	return out, nil
}

// The reference: the counter's 15.6" 1366×768 screen, read at arm's length
// (500 mm), where the kiosk's 24 px minimum text is about 6 mm tall.
const (
	refPitchMM    = 15.6 * 25.4 / 1567.2 // mm per px of a 15.6" 1366×768 screen
	armsLengthMM  = 500
	stepBackShare = 0.8 // a resident stands back about 0.8 of a tall screen's height to see it whole
)

// Size is a width and a height, in pixels.
type Size struct{ W, H float64 }

// Scale is the text scale for a display: the kiosk's sizes are multiplied
// by it so that text keeps the height it has on the reference screen, for
// how far away the resident stands from this one. It is never under 1 (a
// coarse large screen already draws text taller), and never so large that
// the screen, in scaled pixels, is smaller than the smallest layout the
// kiosk is made for in its orientation (landscape or portrait); it is
// rounded down to a tenth.
func Scale(d Display, landscape, portrait Size) float64 {
	if d.WidthPx == 0 || d.HeightPx == 0 || d.WidthMM == 0 || d.HeightMM == 0 {
		return 1
	}
	distance := max(armsLengthMM, stepBackShare*float64(max(d.WidthMM, d.HeightMM)))
	targetMM := refPitchMM * distance / armsLengthMM // one reference pixel seen from there
	s := targetMM / d.PitchMM()
	w, h := float64(d.WidthPx), float64(d.HeightPx)
	least := landscape
	if h > w {
		least = portrait
	}
	s = min(s, w/least.W, h/least.H)
	return max(1, math.Floor(s*10+1e-9)/10)
}
