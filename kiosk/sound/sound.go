// Package sound plays the kiosk's sounds through the system's audio with
// oto (github.com/ebitengine/oto/v3): a small, well-kept pure-Go mixer over
// ALSA on Linux and WASAPI on Windows, with no game engine attached.
// Narration is stored as MP3 and decoded by package onestop/kiosk/sound/mp3,
// which does not link the audio device code.
//
// A machine with no sound device runs silently: Open logs that once and
// every sound after it is a no-op. Nothing here waits on the device, so a
// missing or stuck device never stalls the screens.
package sound

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"log"
	"math"
	"sync"
	"time"

	"github.com/ebitengine/oto/v3"

	"onestop/kiosk/sound/mp3"
)

// SampleRate is the rate of every sound the kiosk plays: 16-bit
// little-endian mono PCM.
const SampleRate = mp3.SampleRate

// PCM is 16-bit little-endian mono sound at SampleRate. It is an alias so
// that decoded narration plays without a conversion and callers that name
// sound.PCM keep building.
type PCM = mp3.PCM

// offset is the byte offset of a time into the sound, on a sample boundary.
func offset(p PCM, at time.Duration) int {
	n := int(at.Seconds()*SampleRate) * 2
	if n < 0 {
		return 0
	}
	if n > len(p) {
		return len(p)
	}
	return n
}

// Player plays sounds; the zero Player is silent.
type Player struct {
	mu     sync.Mutex
	ctx    *oto.Context  // nil until the device is ready; p.mu guards it
	opened chan struct{} // closed when Open has finished with the device
	// playing keeps the current players alive until they finish.
	playing []*oto.Player
	voice   *oto.Player // the narration playing, if any
	volume  float64
	chime   PCM
}

// openTimeout bounds the wait for a device that never gets ready.
const openTimeout = 3 * time.Second

// Open starts the audio output in the background and returns at once:
// opening a sound device (ALSA reading its configuration, a USB speaker
// waking) can take longer than the kiosk's first frame, which needs no
// sound. Until the device is ready, or for good when there is none, the
// Player is silent; why is logged, once. It never fails.
func Open(logger *log.Logger) *Player {
	p := &Player{volume: 1, opened: make(chan struct{})}
	go func() {
		defer close(p.opened)
		ctx, err := openDevice()
		if err != nil {
			logger.Print(err)
			return
		}
		chime := Chime()
		p.mu.Lock()
		p.ctx, p.chime = ctx, chime
		p.mu.Unlock()
	}()
	return p
}

// openDevice opens the default sound device and waits until it is ready
// (a variable for the tests).
var openDevice = func() (*oto.Context, error) {
	ctx, ready, err := oto.NewContext(&oto.NewContextOptions{
		SampleRate: SampleRate, ChannelCount: 1, Format: oto.FormatSignedInt16LE,
	})
	if err != nil {
		return nil, fmt.Errorf("no sound device (%v): the kiosk runs silently", err)
	}
	select {
	case <-ready:
	case <-time.After(openTimeout):
		return nil, fmt.Errorf("the sound device did not get ready in %v: the kiosk runs silently", openTimeout)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("no sound device (%v): the kiosk runs silently", err)
	}
	return ctx, nil
}

// Opened is closed once Open has finished trying the device, with or
// without one (nil for a Player not made by Open).
func (p *Player) Opened() <-chan struct{} { return p.opened }

// Silent reports whether the player makes no sound: it has no device, or
// its device is not ready yet.
func (p *Player) Silent() bool {
	if p == nil {
		return true
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.ctx == nil
}

// Chime plays the idle-warning chime without waiting for it to end.
func (p *Player) Chime() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ctx != nil {
		p.start(p.chime, 1)
	}
}

// Say plays narration from the given point, stopping any narration before
// it, and returns at once. The player's clock, not the device, says when
// it has ended, so a silent machine keeps the same timing.
func (p *Player) Say(pcm PCM, from time.Duration) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ctx == nil {
		return
	}
	p.hush()
	p.voice = p.start(pcm[offset(pcm, from):], p.volume)
}

// Hush stops the narration, if any.
func (p *Player) Hush() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hush()
}

func (p *Player) hush() {
	if p.voice != nil {
		p.voice.Pause()
		p.voice = nil
	}
}

// SetVolume sets the narration volume from 0 (mute) to 1, now and for what
// plays next. The chime always plays at full volume: it is a warning.
func (p *Player) SetVolume(v float64) {
	if p == nil {
		return
	}
	v = math.Max(0, math.Min(1, v))
	p.mu.Lock()
	defer p.mu.Unlock()
	p.volume = v
	if p.voice != nil {
		p.voice.SetVolume(v)
	}
}

// start plays pcm; p.mu is held.
func (p *Player) start(pcm PCM, volume float64) *oto.Player {
	// Forget the players that have finished (oto frees them when they
	// are collected; Close does nothing since v3.4). A device that never
	// drains would keep them playing for ever: keep at most a few and
	// stop the rest.
	live := p.playing[:0]
	for _, pl := range p.playing {
		if pl.IsPlaying() && len(live) < 3 {
			live = append(live, pl)
		} else {
			pl.Pause()
		}
	}
	clear(p.playing[len(live):]) // let the collector have the dropped ones
	pl := p.ctx.NewPlayer(bytes.NewReader(pcm))
	pl.SetVolume(volume)
	pl.Play()
	p.playing = append(live, pl)
	return pl
}

// Chime is the idle warning: two soft descending notes (E6, then A5), each
// with a short attack and a gentle decay so it draws attention without
// startling.
func Chime() PCM {
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
