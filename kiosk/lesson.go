package kiosk

import "time"

// PlayState is where a tutorial player stands.
type PlayState int

// The player's states.
const (
	Playing  PlayState = iota // the step shows and its narration plays; it moves on by itself
	Paused                    // the step holds still until the resident plays it again
	Finished                  // past the last step: the end screen with the QR codes shows
)

func (s PlayState) String() string {
	switch s {
	case Playing:
		return "playing"
	case Paused:
		return "paused"
	}
	return "finished"
}

// Lesson is the tutorial player's rule: which step shows, whether it plays
// and how far into the step it is. Like Idle it holds no timer: the caller
// passes the time to every call and ticks it, so tests drive it with any
// clock they like.
type Lesson struct {
	steps []time.Duration
	// Hold: a step that has played its time waits, paused, for the
	// resident's Next instead of moving on by itself.
	Hold bool

	step    int
	reached int // the furthest step shown
	state   PlayState
	since   time.Time     // when the current step last started or resumed playing
	played  time.Duration // of the current step, before since
}

// Change says what a call did, for the screen to follow.
type Change struct {
	// Step: another step shows, or the same one from its start: draw it
	// and start its narration.
	Step bool
	// New: that step is shown for the first time in this lesson.
	New bool
	// Finished: the lesson has just come to its end.
	Finished bool
	// Held: the step has played its time and waits for Next (Hold).
	Held bool
}

// NewLesson starts a lesson whose steps last the given durations, playing
// its first step at now.
func NewLesson(steps []time.Duration, now time.Time) *Lesson {
	if len(steps) == 0 {
		panic("kiosk: a lesson needs at least one step")
	}
	return &Lesson{steps: steps, state: Playing, since: now}
}

// Step is the index of the step showing (the last one once finished).
func (l *Lesson) Step() int { return l.step }

// Steps is the number of steps.
func (l *Lesson) Steps() int { return len(l.steps) }

// State is the player's state.
func (l *Lesson) State() PlayState { return l.state }

// Reached is the furthest step shown, from 0.
func (l *Lesson) Reached() int { return l.reached }

// Awake reports whether the lesson keeps the kiosk from idling: a playing
// lesson does; a paused or finished one left alone does not.
func (l *Lesson) Awake() bool { return l.state == Playing }

// Elapsed is how much of the current step has played at now.
func (l *Lesson) Elapsed(now time.Time) time.Duration {
	switch l.state {
	case Playing:
		return min(l.played+now.Sub(l.since), l.steps[l.step])
	case Finished:
		return l.steps[l.step]
	}
	return l.played
}

// Progress is how much of the whole lesson has played at now, from 0 to 1.
func (l *Lesson) Progress(now time.Time) float64 {
	var total, done time.Duration
	for i, d := range l.steps {
		total += d
		if i < l.step {
			done += d
		}
	}
	done += l.Elapsed(now)
	if total <= 0 {
		return 1
	}
	return float64(done) / float64(total)
}

// Tick moves a playing lesson on at now: to the next step when the current
// one has played its time, or to the end after the last.
func (l *Lesson) Tick(now time.Time) Change {
	if l.state != Playing {
		return Change{}
	}
	played := l.played + now.Sub(l.since)
	if played < l.steps[l.step] {
		return Change{}
	}
	if l.Hold {
		l.played, l.state = l.steps[l.step], Paused
		return Change{Held: true}
	}
	// The next step starts when this one ended, not when the tick came.
	end := now.Add(l.steps[l.step] - played)
	if l.step == len(l.steps)-1 {
		l.state = Finished
		return Change{Finished: true}
	}
	return l.show(l.step+1, end)
}

// Pause holds the current step.
func (l *Lesson) Pause(now time.Time) {
	if l.state == Playing {
		l.played += now.Sub(l.since)
		l.played = min(l.played, l.steps[l.step])
		l.state = Paused
	}
}

// Play resumes a paused step where it stopped; a finished lesson starts
// again from its first step.
func (l *Lesson) Play(now time.Time) Change {
	switch l.state {
	case Paused:
		if l.Hold && l.played >= l.steps[l.step] {
			return l.Next(now) // a step held at its end: play on is the next step
		}
		l.state, l.since = Playing, now
	case Finished:
		return l.show(0, now)
	}
	return Change{}
}

// Toggle pauses a playing lesson and plays any other.
func (l *Lesson) Toggle(now time.Time) Change {
	if l.state == Playing {
		l.Pause(now)
		return Change{}
	}
	return l.Play(now)
}

// Next shows the next step, playing; after the last it ends the lesson.
func (l *Lesson) Next(now time.Time) Change {
	if l.state == Finished {
		return Change{}
	}
	if l.step == len(l.steps)-1 {
		l.state = Finished
		return Change{Finished: true}
	}
	return l.show(l.step+1, now)
}

// Prev shows the previous step, playing; from the end it shows the last
// step again.
func (l *Lesson) Prev(now time.Time) Change {
	if l.state == Finished {
		return l.show(l.step, now)
	}
	return l.show(max(l.step-1, 0), now)
}

// Replay plays the current step again from its start.
func (l *Lesson) Replay(now time.Time) Change { return l.show(l.step, now) }

func (l *Lesson) show(i int, now time.Time) Change {
	c := Change{Step: true, New: i > l.reached}
	l.step, l.state, l.since, l.played = i, Playing, now, 0
	l.reached = max(l.reached, i)
	return c
}
