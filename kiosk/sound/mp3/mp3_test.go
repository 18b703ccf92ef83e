package mp3

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// The fixture is 2.0 s of a 440 Hz sine, encoded by LAME at 32 kbit/s mono,
// 32 kHz: decoding must resample it to 44.1 kHz at the same pitch.
func TestDecode(t *testing.T) {
	b, err := os.ReadFile("testdata/tone-440hz-2s.mp3")
	if err != nil {
		t.Fatal(err)
	}
	n, err := lengthOf(b)
	if err != nil {
		t.Fatal(err)
	}
	// MP3 frames add the encoder's delay and padding: some tens of ms.
	if n < 2*time.Second || n > 2150*time.Millisecond {
		t.Errorf("Length = %v, want 2 s and a little padding", n)
	}
	pcm, err := Decode(b)
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
	if _, err := Decode([]byte("ID3 not really an mp3")); err == nil {
		t.Error("garbage decoded without error")
	}
	if _, err := lengthOf(b[:100]); err == nil {
		t.Error("a truncated file has a length")
	}
	// The same tone at 22.05 kHz (MPEG-2) decodes to the wrong pitch with
	// go-mp3: it is refused, saying what to do.
	half, err := os.ReadFile("testdata/tone-22khz.mp3")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lengthOf(half); err == nil || !strings.Contains(err.Error(), "32, 44.1 or 48 kHz") {
		t.Errorf("MPEG-2 file: %v", err)
	}
}

// lengthOf is Length of bytes held in memory.
func lengthOf(b []byte) (time.Duration, error) { return Length(bytes.NewReader(b), int64(len(b))) }

func TestPCMDuration(t *testing.T) {
	if d := make(PCM, 2*SampleRate).Duration(); d != time.Second {
		t.Errorf("one second of samples lasts %v", d)
	}
}

// Decode works a piece at a time; it must give, sample for sample, what
// decoding the whole sound and then resampling it gives.
func TestDecodeInPiecesIsWhole(t *testing.T) {
	// 32 kHz gives more samples than it reads, 48 kHz fewer.
	for _, name := range []string{"testdata/tone-440hz-2s.mp3", "testdata/tone-48khz.mp3"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		d, err := open(b)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(d)
		if err != nil {
			t.Fatal(err)
		}
		in := make([]float64, len(raw)/4)
		for i := range in {
			l := int16(binary.LittleEndian.Uint16(raw[4*i:]))
			r := int16(binary.LittleEndian.Uint16(raw[4*i+2:]))
			in[i] = (float64(l) + float64(r)) / 2
		}
		n := len(in) * SampleRate / d.SampleRate()
		want := make(PCM, 2*n)
		step := float64(d.SampleRate()) / SampleRate
		for i := range n {
			x := float64(i) * step
			j := int(x)
			v := in[j]
			if j+1 < len(in) {
				v += (in[j+1] - in[j]) * (x - float64(j))
			}
			binary.LittleEndian.PutUint16(want[2*i:], uint16(int16(v)))
		}
		if !bytes.Equal(got, want) {
			diff := 0
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					diff++
				}
			}
			t.Errorf("%s: %d bytes, want %d; %d differ", name, len(got), len(want), diff)
		}
	}
}
