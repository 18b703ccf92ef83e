// Package sound plays the kiosk's sounds through the system's audio with
// oto (github.com/ebitengine/oto/v3): a small, well-kept pure-Go mixer over
// ALSA on Linux and WASAPI on Windows, with no decoder or game engine
// attached. A machine with no sound device runs silently: Open logs that
// once and every sound after it is a no-op.
package sound

import (
	"bytes"
	"encoding/binary"
	"log"
	"math"
	"sync"
	"time"

	"github.com/ebitengine/oto/v3"
)

// SampleRate is the rate of every sound the kiosk makes.
const SampleRate = 44100

// Player plays sounds; the zero Player is silent.
type Player struct {
	ctx *oto.Context
	mu  sync.Mutex
	// playing keeps the current players alive until they finish.
	playing []*oto.Player
	chime   []byte
}

// Open starts the audio output. It never fails: without a usable device
// it returns a silent Player and logs why, once.
func Open(logger *log.Logger) *Player {
	p := &Player{chime: Chime()}
	ctx, ready, err := oto.NewContext(&oto.NewContextOptions{
		SampleRate: SampleRate, ChannelCount: 1, Format: oto.FormatSignedInt16LE,
	})
	if err != nil {
		logger.Printf("no sound device (%v): the kiosk runs silently", err)
		return p
	}
	select {
	case <-ready:
	case <-time.After(3 * time.Second):
		logger.Print("the sound device did not get ready in 3 s: the kiosk runs silently")
		return p
	}
	p.ctx = ctx
	return p
}

// Silent reports whether the player makes no sound.
func (p *Player) Silent() bool { return p == nil || p.ctx == nil }

// Chime plays the idle-warning chime without waiting for it to end.
func (p *Player) Chime() {
	if p.Silent() {
		return
	}
	p.play(p.chime)
}

func (p *Player) play(pcm []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	// Forget the players that have finished.
	// A device that never drains (seen on machines with no sound card)
	// would keep them playing for ever: keep at most a few.
	live := p.playing[:0]
	for _, pl := range p.playing {
		if pl.IsPlaying() && len(live) < 3 {
			live = append(live, pl)
		} else {
			pl.Close()
		}
	}
	pl := p.ctx.NewPlayer(bytes.NewReader(pcm))
	pl.Play()
	p.playing = append(live, pl)
}

// Chime is the idle warning: two soft descending notes (E6, then A5), each
// with a short attack and a gentle decay so it draws attention without
// startling. 16-bit little-endian mono PCM at SampleRate.
func Chime() []byte {
	var buf bytes.Buffer
	note := func(freq float64, d time.Duration, gain float64) {
		n := int(d.Seconds() * SampleRate)
		for i := 0; i < n; i++ {
			t := float64(i) / SampleRate
			attack := math.Min(1, t/0.01)
			decay := math.Exp(-3 * t / d.Seconds())
			v := gain * attack * decay * (math.Sin(2*math.Pi*freq*t) + 0.3*math.Sin(4*math.Pi*freq*t)) / 1.3
			binary.Write(&buf, binary.LittleEndian, int16(v*math.MaxInt16))
		}
	}
	note(1318.5, 220*time.Millisecond, 0.5)
	note(880, 420*time.Millisecond, 0.5)
	return buf.Bytes()
}
