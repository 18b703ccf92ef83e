package sound

import (
	"encoding/binary"
	"math"
	"os"
	"strings"
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

// The fixture is 2.0 s of a 440 Hz sine, encoded by LAME at 32 kbit/s mono,
// 32 kHz: decoding must resample it to 44.1 kHz at the same pitch.
func TestDecodeMP3(t *testing.T) {
	b, err := os.ReadFile("testdata/tone-440hz-2s.mp3")
	if err != nil {
		t.Fatal(err)
	}
	n, err := MP3Length(b)
	if err != nil {
		t.Fatal(err)
	}
	// MP3 frames add the encoder's delay and padding: some tens of ms.
	if n < 2*time.Second || n > 2150*time.Millisecond {
		t.Errorf("MP3Length = %v, want 2 s and a little padding", n)
	}
	pcm, err := DecodeMP3(b)
	if err != nil {
		t.Fatal(err)
	}
	if d := pcm.Duration(); d < n-30*time.Millisecond || d > n+30*time.Millisecond {
		t.Errorf("decoded %v, header says %v", d, n)
	}
	// Count upward zero crossings in the middle second: the pitch survives
	// decoding and resampling to 44.1 kHz.
	samples := func(i int) float64 { return float64(int16(binary.LittleEndian.Uint16(pcm[2*i:]))) }
	from, to := SampleRate/2, SampleRate*3/2
	cross := 0
	for i := from + 1; i < to; i++ {
		if samples(i-1) < 0 && samples(i) >= 0 {
			cross++
		}
	}
	if cross < 435 || cross > 445 {
		t.Errorf("%d cycles in one second, want 440", cross)
	}
	if _, err := DecodeMP3([]byte("ID3 not really an mp3")); err == nil {
		t.Error("garbage decoded without error")
	}
	if _, err := MP3Length(b[:100]); err == nil {
		t.Error("a truncated file has a length")
	}
	// The same tone at 22.05 kHz (MPEG-2) decodes to the wrong pitch with
	// go-mp3: it is refused, saying what to do.
	half, err := os.ReadFile("testdata/tone-22khz.mp3")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := MP3Length(half); err == nil || !strings.Contains(err.Error(), "32, 44.1 or 48 kHz") {
		t.Errorf("MPEG-2 file: %v", err)
	}
}

func TestPCMOffset(t *testing.T) {
	p := make(PCM, 2*SampleRate) // 1 s
	for _, c := range []struct {
		at   time.Duration
		want int
	}{{0, 0}, {500 * time.Millisecond, SampleRate}, {2 * time.Second, 2 * SampleRate}, {-time.Second, 0}} {
		if got := p.offset(c.at); got != c.want || got%2 != 0 {
			t.Errorf("offset(%v) = %d, want %d", c.at, got, c.want)
		}
	}
}
