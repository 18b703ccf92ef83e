package sound

import (
	"bytes"
	"errors"
	"log"
	"strings"

	"github.com/ebitengine/oto/v3"

	"encoding/binary"
	"math"
	"testing"
	"time"
)

func TestChime(t *testing.T) {
	pcm := Chime()
	if len(pcm)%2 != 0 {
		t.Fatalf("odd byte count %d for 16-bit samples", len(pcm))
	}
	n := len(pcm) / 2
	d := time.Duration(n) * time.Second / SampleRate
	if d < 500*time.Millisecond || d > time.Second {
		t.Errorf("chime lasts %v, want about 0.6 s", d)
	}
	var peak, sumsq float64
	for i := 0; i < n; i++ {
		v := float64(int16(binary.LittleEndian.Uint16(pcm[2*i:]))) / math.MaxInt16
		peak = math.Max(peak, math.Abs(v))
		sumsq += v * v
	}
	rms := math.Sqrt(sumsq / float64(n))
	if peak > 0.9 {
		t.Errorf("peak %.2f: too loud, may clip", peak)
	}
	if rms < 0.05 {
		t.Errorf("rms %.3f: nearly silent", rms)
	}
	// It starts and ends quietly (no click).
	first := math.Abs(float64(int16(binary.LittleEndian.Uint16(pcm[0:]))))
	last := math.Abs(float64(int16(binary.LittleEndian.Uint16(pcm[len(pcm)-2:]))))
	if first > 1000 || last > 0.1*math.MaxInt16 {
		t.Errorf("edges too loud: first %v last %v", first, last)
	}
}

func TestSilentPlayer(t *testing.T) {
	var p *Player
	if !p.Silent() {
		t.Error("nil player is not silent")
	}
	p.Chime() // must not panic
	if !(&Player{}).Silent() {
		t.Error("zero player is not silent")
	}
}

// Open returns before the device answers, and the Player stays silent
// until it has one.
func TestOpenDoesNotWaitForTheDevice(t *testing.T) {
	release := make(chan struct{})
	was := openDevice
	openDevice = func() (*oto.Context, error) {
		<-release
		return nil, errors.New("no sound device (test): the kiosk runs silently")
	}
	defer func() { openDevice = was }()
	var logged bytes.Buffer
	p := Open(log.New(&logged, "", 0))
	if !p.Silent() {
		t.Error("a Player whose device is not open yet makes sound")
	}
	p.Chime()
	p.Say(make(PCM, 100), 0)
	p.Hush()
	select {
	case <-p.Opened():
		t.Fatal("Open finished before the device answered")
	default:
	}
	close(release)
	select {
	case <-p.Opened():
	case <-time.After(10 * time.Second):
		t.Fatal("Open never finished")
	}
	if !p.Silent() {
		t.Error("a Player without a device makes sound")
	}
	if !strings.Contains(logged.String(), "no sound device") {
		t.Errorf("the log does not say why the kiosk is silent: %q", logged.String())
	}
}

func TestPCMOffset(t *testing.T) {
	p := make(PCM, 2*SampleRate) // 1 s
	for _, c := range []struct {
		at   time.Duration
		want int
	}{{0, 0}, {500 * time.Millisecond, SampleRate}, {2 * time.Second, 2 * SampleRate}, {-time.Second, 0}} {
		if got := offset(p, c.at); got != c.want || got%2 != 0 {
			t.Errorf("offset(%v) = %d, want %d", c.at, got, c.want)
		}
	}
}
