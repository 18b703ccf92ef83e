package kiosk

import (
	"math"
	"time"
)

// IdleState is where a resident's visit stands with respect to the idle reset.
type IdleState int

// The idle states.
const (
	IdleOff     IdleState = iota // no visit: the attract loop is showing
	IdleActive                   // someone is using the kiosk
	IdleWarning                  // quiet too long: the countdown is showing
	IdleExpired                  // the countdown ran out: reset now
)

// Idle applies the idle rule: after Quiet without input a warning counts
// down for Warn, then the visit is over. Any input before then cancels the
// warning. It holds no timer of its own: the caller ticks it with the time,
// so tests drive it with any clock they like.
type Idle struct {
	Quiet, Warn time.Duration

	state IdleState
	last  time.Time
}

// State is the current state, as of the last Tick or input.
func (i *Idle) State() IdleState { return i.state }

// Input records resident input at now, starting the watch if it was off.
func (i *Idle) Input(now time.Time) {
	i.state = IdleActive
	i.last = now
}

// Stop turns the watch off (the attract loop is showing).
func (i *Idle) Stop() { i.state = IdleOff }

// Tick advances the rule to now and returns the state and, while warning,
// the whole seconds left before the reset.
func (i *Idle) Tick(now time.Time) (IdleState, int) {
	if i.state == IdleOff || i.state == IdleExpired {
		return i.state, 0
	}
	quiet := now.Sub(i.last)
	switch {
	case quiet >= i.Quiet+i.Warn:
		i.state = IdleExpired
		return i.state, 0
	case quiet >= i.Quiet:
		i.state = IdleWarning
		left := i.Quiet + i.Warn - quiet
		return i.state, int(math.Ceil(left.Seconds()))
	}
	i.state = IdleActive
	return i.state, 0
}
