package kiosk

import (
	"math"
	"testing"
	"time"
)

func TestLesson(t *testing.T) {
	s := time.Second
	t0 := time.Date(2026, 10, 10, 9, 0, 0, 0, time.UTC)
	steps := []time.Duration{4 * s, 6 * s, 5 * s} // 15 s in all

	// An op is done at t0+at; then the state is checked.
	type op struct {
		at   time.Duration
		do   string // tick, pause, play, toggle, next, prev, replay
		step int
		st   PlayState
		// the change the op reported
		changed, isNew, finished bool
	}
	cases := []struct {
		name string
		ops  []op
	}{
		{"auto-advance when each step's time has passed", []op{
			{at: 3999 * time.Millisecond, do: "tick", step: 0, st: Playing},
			{at: 4 * s, do: "tick", step: 1, st: Playing, changed: true, isNew: true},
			{at: 9 * s, do: "tick", step: 1, st: Playing},
			{at: 10 * s, do: "tick", step: 2, st: Playing, changed: true, isNew: true},
			{at: 15 * s, do: "tick", step: 2, st: Finished, finished: true},
			{at: 20 * s, do: "tick", step: 2, st: Finished},
		}},
		{"a late tick keeps the schedule of the steps", []op{
			// The tick comes 1 s late: step 1 still ends at 10 s, not 11 s.
			{at: 5 * s, do: "tick", step: 1, st: Playing, changed: true, isNew: true},
			{at: 10 * s, do: "tick", step: 2, st: Playing, changed: true, isNew: true},
		}},
		{"pause holds the step; play resumes where it stopped", []op{
			{at: 2 * s, do: "pause", step: 0, st: Paused},
			{at: 60 * s, do: "tick", step: 0, st: Paused},
			{at: 61 * s, do: "play", step: 0, st: Playing},
			{at: 62900 * time.Millisecond, do: "tick", step: 0, st: Playing},
			{at: 63 * s, do: "tick", step: 1, st: Playing, changed: true, isNew: true},
		}},
		{"toggle pauses and plays", []op{
			{at: 1 * s, do: "toggle", step: 0, st: Paused},
			{at: 5 * s, do: "toggle", step: 0, st: Playing},
			{at: 8 * s, do: "tick", step: 1, st: Playing, changed: true, isNew: true},
		}},
		{"next and prev move at once and play", []op{
			{at: 1 * s, do: "pause", step: 0, st: Paused},
			{at: 2 * s, do: "next", step: 1, st: Playing, changed: true, isNew: true},
			{at: 3 * s, do: "prev", step: 0, st: Playing, changed: true},
			{at: 4 * s, do: "next", step: 1, st: Playing, changed: true},
			{at: 5 * s, do: "next", step: 2, st: Playing, changed: true, isNew: true},
			{at: 6 * s, do: "next", step: 2, st: Finished, finished: true},
			{at: 7 * s, do: "next", step: 2, st: Finished},
		}},
		{"prev on the first step restarts it", []op{
			{at: 3 * s, do: "prev", step: 0, st: Playing, changed: true},
			{at: 6999 * time.Millisecond, do: "tick", step: 0, st: Playing},
			{at: 7 * s, do: "tick", step: 1, st: Playing, changed: true, isNew: true},
		}},
		{"replay restarts the step with its whole time", []op{
			{at: 3 * s, do: "replay", step: 0, st: Playing, changed: true},
			{at: 6 * s, do: "tick", step: 0, st: Playing},
			{at: 7 * s, do: "tick", step: 1, st: Playing, changed: true, isNew: true},
		}},
		{"replay of a paused step plays it", []op{
			{at: 1 * s, do: "pause", step: 0, st: Paused},
			{at: 9 * s, do: "replay", step: 0, st: Playing, changed: true},
		}},
		{"from the end: prev shows the last step, play starts again", []op{
			{at: 15 * s, do: "tick", step: 1, st: Playing, changed: true, isNew: true},
			{at: 15 * s, do: "tick", step: 2, st: Playing, changed: true, isNew: true},
			{at: 15 * s, do: "tick", step: 2, st: Finished, finished: true},
			{at: 16 * s, do: "prev", step: 2, st: Playing, changed: true},
			{at: 21 * s, do: "tick", step: 2, st: Finished, finished: true},
			{at: 22 * s, do: "play", step: 0, st: Playing, changed: true},
		}},
		{"pause and play do nothing where they do not apply", []op{
			{at: 1 * s, do: "play", step: 0, st: Playing},
			{at: 2 * s, do: "pause", step: 0, st: Paused},
			{at: 3 * s, do: "pause", step: 0, st: Paused},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := NewLesson(steps, t0)
			for i, o := range c.ops {
				now := t0.Add(o.at)
				var ch Change
				switch o.do {
				case "tick":
					ch = l.Tick(now)
				case "pause":
					l.Pause(now)
				case "play":
					ch = l.Play(now)
				case "toggle":
					ch = l.Toggle(now)
				case "next":
					ch = l.Next(now)
				case "prev":
					ch = l.Prev(now)
				case "replay":
					ch = l.Replay(now)
				default:
					t.Fatalf("unknown op %q", o.do)
				}
				want := Change{Step: o.changed, New: o.isNew, Finished: o.finished}
				if l.Step() != o.step || l.State() != o.st || ch != want {
					t.Fatalf("op %d (%s at %v): step %d %v %+v; want step %d %v %+v",
						i, o.do, o.at, l.Step(), l.State(), ch, o.step, o.st, want)
				}
			}
		})
	}
}

func TestLessonProgress(t *testing.T) {
	s := time.Second
	t0 := time.Date(2026, 10, 10, 9, 0, 0, 0, time.UTC)
	l := NewLesson([]time.Duration{4 * s, 6 * s}, t0)
	check := func(at time.Duration, want float64) {
		t.Helper()
		if got := l.Progress(t0.Add(at)); math.Abs(got-want) > 1e-9 {
			t.Errorf("progress at %v = %.3f, want %.3f", at, got, want)
		}
	}
	check(0, 0)
	check(2*s, 0.2)
	check(4*s, 0.4) // the step is full, even before the tick moves on
	check(9*s, 0.4) // and stays full: it cannot run past its own time
	l.Tick(t0.Add(4 * s))
	check(7*s, 0.7)
	l.Pause(t0.Add(7 * s))
	check(30*s, 0.7)
	if got := l.Elapsed(t0.Add(30 * s)); got != 3*s {
		t.Errorf("elapsed while paused = %v, want 3s", got)
	}
	l.Next(t0.Add(31 * s))
	check(31*s, 1)
	if l.Reached() != 1 {
		t.Errorf("reached %d, want 1", l.Reached())
	}
}

// A playing lesson keeps the kiosk awake; a paused one left alone lets the
// idle warning and reset come as anywhere else.
func TestLessonIdleRules(t *testing.T) {
	s := time.Second
	t0 := time.Date(2026, 10, 10, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name      string
		pauseAt   time.Duration // < 0: never paused
		at        time.Duration
		wantState IdleState
	}{
		{"playing for 100 s is not idle", -1, 100 * s, IdleActive},
		{"paused 59 s is not yet idle", 1 * s, 60 * s, IdleActive},
		{"paused 60 s warns", 1 * s, 61 * s, IdleWarning},
		{"paused 70 s resets", 1 * s, 71 * s, IdleExpired},
		{"finished and left alone resets", -1, 200 * s, IdleExpired},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// A long lesson: 120 s of steps, then it ends.
			l := NewLesson([]time.Duration{60 * s, 60 * s}, t0)
			idle := Idle{Quiet: 60 * s, Warn: 10 * s}
			idle.Input(t0)
			var st IdleState
			// The kiosk ticks every 500 ms; a playing lesson counts as input.
			for at := time.Duration(0); at <= c.at; at += 500 * time.Millisecond {
				now := t0.Add(at)
				if c.pauseAt >= 0 && at == c.pauseAt {
					l.Pause(now)
					idle.Input(now) // the tap on pause is input
				}
				l.Tick(now)
				if l.Awake() {
					idle.Input(now)
				}
				st, _ = idle.Tick(now)
				if st == IdleExpired {
					break
				}
			}
			if st != c.wantState {
				t.Errorf("idle state %v, want %v", st, c.wantState)
			}
		})
	}
}

// TestLessonHold: a lesson that waits for Bước sau holds each step at its
// end, paused (so the idle reset can come), until Next or Play.
func TestLessonHold(t *testing.T) {
	start := time.Date(2026, 10, 10, 9, 0, 0, 0, time.UTC)
	l := NewLesson([]time.Duration{3 * time.Second, 4 * time.Second}, start)
	l.Hold = true
	if c := l.Tick(start.Add(2 * time.Second)); c != (Change{}) || l.State() != Playing {
		t.Fatalf("before its end: %+v %v", c, l.State())
	}
	if c := l.Tick(start.Add(10 * time.Second)); !c.Held || l.State() != Paused || l.Step() != 0 || l.Awake() {
		t.Fatalf("at its end: %+v, %v on step %d", c, l.State(), l.Step())
	}
	if c := l.Tick(start.Add(time.Minute)); c != (Change{}) || l.Step() != 0 {
		t.Fatalf("moved on by itself: %+v on step %d", c, l.Step())
	}
	if c := l.Play(start.Add(time.Minute)); !c.Step || l.Step() != 1 || l.State() != Playing {
		t.Fatalf("Tiếp tục on a held step: %+v on step %d, %v", c, l.Step(), l.State())
	}
	// Paused by hand halfway, Play resumes the same step.
	l.Pause(start.Add(time.Minute + time.Second))
	if c := l.Play(start.Add(2 * time.Minute)); c.Step || l.Step() != 1 {
		t.Fatalf("resume: %+v on step %d", c, l.Step())
	}
	if c := l.Tick(start.Add(2*time.Minute + 3*time.Second)); !c.Held {
		t.Fatalf("the last step held: %+v", c)
	}
	if c := l.Next(start.Add(3 * time.Minute)); !c.Finished {
		t.Fatalf("Next after the last: %+v", c)
	}
}
