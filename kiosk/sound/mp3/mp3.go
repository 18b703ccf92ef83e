// Package mp3 decodes the kiosk's narration MP3s to PCM with go-mp3
// (github.com/hajimehoshi/go-mp3), a pure-Go decoder, so the machine needs
// no codec library. It is apart from package sound, the player, so that
// checking a content pack does not link the audio device code (oto, and
// ALSA through cgo on Linux).
package mp3

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"

	gomp3 "github.com/hajimehoshi/go-mp3"
)

// SampleRate is the rate of every sound the kiosk plays: 16-bit
// little-endian mono PCM.
const SampleRate = 44100

// PCM is 16-bit little-endian mono sound at SampleRate.
type PCM []byte

// Duration is how long the sound lasts.
func (p PCM) Duration() time.Duration {
	return time.Duration(len(p)/2) * time.Second / SampleRate
}

// Length reads an MP3's frame headers, without decoding the sound, and
// returns how long it plays. It is quick enough to check every narration
// file of a content pack when the kiosk starts.
func Length(b []byte) (time.Duration, error) {
	d, err := open(b)
	if err != nil {
		return 0, err
	}
	n := d.Length() // bytes of 16-bit stereo
	if n <= 0 {
		return 0, errors.New("not a readable MP3: no sound frames")
	}
	return time.Duration(n/4) * time.Second / time.Duration(d.SampleRate()), nil
}

// Decode decodes an MP3 to the kiosk's PCM: its two channels (go-mp3
// always gives two) are mixed to one and the sound is resampled to
// SampleRate by linear interpolation, which is plenty for speech.
func Decode(b []byte) (PCM, error) {
	d, err := open(b)
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(d)
	if err != nil {
		return nil, fmt.Errorf("MP3 decoding failed: %w", err)
	}
	if len(raw) < 4 {
		return nil, errors.New("not a readable MP3: no sound")
	}
	mono := make([]float64, len(raw)/4)
	for i := range mono {
		l := int16(binary.LittleEndian.Uint16(raw[4*i:]))
		r := int16(binary.LittleEndian.Uint16(raw[4*i+2:]))
		mono[i] = (float64(l) + float64(r)) / 2
	}
	return resample(mono, d.SampleRate()), nil
}

// open starts decoding an MP3. Only MPEG-1 streams (32, 44.1 or 48 kHz) are
// taken: go-mp3 decodes the half-rate MPEG-2 ones (16–24 kHz) to the wrong
// pitch, so they are refused with a way out rather than played wrong.
func open(b []byte) (*gomp3.Decoder, error) {
	d, err := gomp3.NewDecoder(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("not a readable MP3: %w", err)
	}
	switch r := d.SampleRate(); r {
	case 32000, 44100, 48000:
	default:
		return nil, fmt.Errorf("an MP3 at %.2f kHz cannot be played: encode it at 32, 44.1 or 48 kHz (lame --resample 32)", float64(r)/1000)
	}
	return d, nil
}

// resample converts samples at rate to PCM at SampleRate.
func resample(in []float64, rate int) PCM {
	n := int(int64(len(in)) * SampleRate / int64(rate))
	out := make(PCM, 2*n)
	step := float64(rate) / SampleRate
	for i := 0; i < n; i++ {
		x := float64(i) * step
		j := int(x)
		v := in[j]
		if j+1 < len(in) {
			v += (in[j+1] - in[j]) * (x - float64(j))
		}
		binary.LittleEndian.PutUint16(out[2*i:], uint16(int16(v)))
	}
	return out
}
