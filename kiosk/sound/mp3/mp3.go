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
	"sync"
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
// returns how long it plays. It counts as go-mp3 counts (an ID3 tag skipped
// at the start, frames counted to the first header that cannot be read),
// without go-mp3's reader, which allocates a buffer for every frame. The
// file is read through one small window: the kiosk measures every
// narration of its content pack when it starts, and reading each whole
// file into memory took a third of the pack's loading.
func Length(r io.ReaderAt, size int64) (time.Duration, error) {
	buf := windows.Get().(*[]byte)
	defer windows.Put(buf)
	w := window{r: r, size: size, full: *buf}
	head, err := w.from(0)
	if err != nil {
		return 0, err
	}
	pos := skipTag(head, size)
	frames, rate := 0, 0
	for {
		b, err := w.from(pos)
		if err != nil {
			return 0, err
		}
		h, at, ok := nextHeader(b, 0)
		if !ok {
			if pos+int64(len(b)) >= size {
				break // the file ends without another frame
			}
			pos += int64(len(b) - 3) // a header may start in the last 3 bytes
			continue
		}
		if h.bitrate == 0 {
			return 0, errors.New("not a readable MP3: free bitrate is not supported")
		}
		if rate == 0 {
			rate = h.rate
			if err := playable(rate); err != nil {
				return 0, err
			}
		}
		start := pos + int64(at)
		if start+int64(h.size) > size {
			break // a frame cut short at the end
		}
		frames++
		pos = start + int64(h.size)
	}
	if frames == 0 {
		return 0, errors.New("not a readable MP3: no sound frames")
	}
	return time.Duration(frames) * frameSamples * time.Second / time.Duration(rate), nil
}

// windowSize is how much of a file Length holds at a time; far more than
// a frame (at most 1,441 bytes).
const windowSize = 16 << 10

// windows keeps the buffers Length reads through for the next file.
var windows = sync.Pool{New: func() any { b := make([]byte, windowSize); return &b }}

// window is a part of a file read once and walked forward.
type window struct {
	r    io.ReaderAt
	size int64
	base int64
	buf  []byte // the bytes from base; nil before the first read
	full []byte // the buffer buf is cut from
}

// from returns the file's bytes from off on: at least 4 of them, unless the
// file ends sooner.
func (w *window) from(off int64) ([]byte, error) {
	if w.buf != nil && off >= w.base && off+4 <= w.base+int64(len(w.buf)) {
		return w.buf[off-w.base:], nil
	}
	if off >= w.size {
		return nil, nil
	}
	b := w.full[:min(int64(len(w.full)), w.size-off)]
	n, err := w.r.ReadAt(b, off)
	if n < len(b) {
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("reading the MP3: %w", err)
	}
	w.base, w.buf = off, b
	return b, nil
}

// frameSamples is how many samples an MPEG-1 Layer III frame holds; the
// kiosk plays only MPEG-1 rates (see playable).
const frameSamples = 1152

// skipTag returns where the sound starts in a file of size bytes that
// begins with head: after an ID3v2 tag (or an ID3v1 one, which some
// encoders put first).
func skipTag(head []byte, size int64) int64 {
	switch {
	case len(head) >= 10 && string(head[:3]) == "ID3":
		n := int64(head[6]&0x7f)<<21 | int64(head[7]&0x7f)<<14 | int64(head[8]&0x7f)<<7 | int64(head[9]&0x7f)
		return min(size, 10+n)
	case size >= 128 && string(head[:3]) == "TAG":
		return 128
	}
	return 0
}

type header struct {
	bitrate, rate, size int
}

var (
	// Layer III bitrates in kbit/s by index, MPEG-1 then MPEG-2 and 2.5.
	bitrates = [2][16]int{
		{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0},
		{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0},
	}
	// Sample rates by index, for MPEG-1, MPEG-2 and MPEG-2.5.
	rates = [3][3]int{{44100, 48000, 32000}, {22050, 24000, 16000}, {11025, 12000, 8000}}
)

// nextHeader finds the next valid Layer III frame header at or after i.
func nextHeader(b []byte, i int) (header, int, bool) {
	for ; i+4 <= len(b); i++ {
		if b[i] != 0xff || b[i+1]&0xe0 != 0xe0 {
			continue
		}
		version := b[i+1] >> 3 & 3 // 0: MPEG-2.5, 2: MPEG-2, 3: MPEG-1
		layer := b[i+1] >> 1 & 3   // 1: Layer III
		bi, ri := b[i+2]>>4, b[i+2]>>2&3
		if version == 1 || layer != 1 || bi == 15 || ri == 3 || b[i+3]&3 == 2 {
			continue
		}
		pad := int(b[i+2] >> 1 & 1)
		var h header
		switch version {
		case 3:
			h.bitrate, h.rate = bitrates[0][bi], rates[0][ri]
			h.size = 144000*h.bitrate/h.rate + pad
		default:
			v := 1
			if version == 0 {
				v = 2
			}
			h.bitrate, h.rate = bitrates[1][bi], rates[v][ri]
			h.size = 72000*h.bitrate/h.rate + pad
		}
		if h.bitrate != 0 && h.size < 4 {
			continue
		}
		return h, i, true
	}
	return header{}, 0, false
}

// playable refuses the sample rates the kiosk cannot play.
func playable(rate int) error {
	switch rate {
	case 32000, 44100, 48000:
		return nil
	}
	return fmt.Errorf("an MP3 at %.2f kHz cannot be played: encode it at 32, 44.1 or 48 kHz (lame --resample 32)", float64(rate)/1000)
}

// Decode decodes an MP3 to the kiosk's PCM: its two channels (go-mp3
// always gives two) are mixed to one and the sound is resampled to
// SampleRate by linear interpolation, which is plenty for speech. The sound
// is decoded a piece at a time into PCM of its final size: a lesson decodes
// the next step's narration while the resident reads, and holding the whole
// decoded stereo sound first would take seven times the memory.
func Decode(b []byte) (PCM, error) {
	d, err := open(b)
	if err != nil {
		return nil, err
	}
	n := d.Length() / 4 // samples at the MP3's rate
	if n < 1 {
		return nil, errors.New("not a readable MP3: no sound")
	}
	rate := d.SampleRate()
	r := resampler{out: make(PCM, 2*(n*SampleRate/int64(rate))), step: float64(rate) / SampleRate}
	buf := make([]byte, 16<<10)
	have := 0
	for {
		m, err := d.Read(buf[have:])
		have += m
		whole := have &^ 3
		for k := 0; k < whole; k += 4 {
			l := int16(binary.LittleEndian.Uint16(buf[k:]))
			rt := int16(binary.LittleEndian.Uint16(buf[k+2:]))
			r.push((float64(l) + float64(rt)) / 2)
		}
		have = copy(buf, buf[whole:have])
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("MP3 decoding failed: %w", err)
		}
	}
	if r.in == 0 {
		return nil, errors.New("not a readable MP3: no sound")
	}
	r.finish()
	return r.out, nil
}

// open starts decoding an MP3. Only MPEG-1 streams (32, 44.1 or 48 kHz) are
// taken: go-mp3 decodes the half-rate MPEG-2 ones (16–24 kHz) to the wrong
// pitch, so they are refused with a way out rather than played wrong.
func open(b []byte) (*gomp3.Decoder, error) {
	d, err := gomp3.NewDecoder(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("not a readable MP3: %w", err)
	}
	if err := playable(d.SampleRate()); err != nil {
		return nil, err
	}
	return d, nil
}

// resampler turns samples at one rate, given one at a time, into PCM at
// SampleRate: output sample i lies at x = i*step input samples, between
// input samples floor(x) and the one after.
type resampler struct {
	out  PCM
	step float64
	i    int     // the next output sample
	in   int     // input samples seen
	prev float64 // the last of them
}

func (r *resampler) push(v float64) {
	if r.in > 0 {
		j := r.in - 1 // prev is input sample j, v is j+1
		for ; r.i < len(r.out)/2; r.i++ {
			x := float64(r.i) * r.step
			if int(x) != j {
				break
			}
			r.put(r.prev + (v-r.prev)*(x-float64(j)))
		}
	}
	r.prev = v
	r.in++
}

// finish fills the output samples past the last input sample with it.
func (r *resampler) finish() {
	for ; r.i < len(r.out)/2; r.i++ {
		r.put(r.prev)
	}
}

func (r *resampler) put(v float64) {
	binary.LittleEndian.PutUint16(r.out[2*r.i:], uint16(int16(v)))
}
