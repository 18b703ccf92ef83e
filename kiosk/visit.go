package kiosk

import (
	"context"
	"errors"
	"log"
	"sync"
	"time"
)

// Visits records anonymous resident visits: a visit begins with the first
// tap and ends at the idle reset (or when the kiosk stops). It never holds
// up the screen: Record only queues, and the queue is written in small
// batches, one transaction each (still synchronous=FULL), at most
// Interval after its first change, at the end of each visit and on
// Close. A crash loses at most the last Interval of anonymous events;
// assisted sessions are written by the Desk, each before it says so. A
// failure to record is logged once and never stops the resident's screens.
type Visits struct {
	Store   VisitStore // nil: nothing is recorded
	KioskID string
	Clock   Clock
	Log     *log.Logger
	// Interval is the longest a change waits in the queue; 0 is one second.
	Interval time.Duration

	mu      sync.Mutex
	id      string
	started time.Time
	linked  string // the visit already linked to a session
	pending []VisitWrite
	timer   bool // a write is due after Interval
	failed  bool
	dropped int // changes dropped because the queue stayed too long unwritten
	closed  bool

	// writing serialises the batches, so they reach the disk in the order
	// their changes were made.
	writing sync.Mutex
}

// maxPending bounds the queue while the disk refuses every batch (full,
// or removed): past it, the oldest changes are dropped and counted.
const maxPending = 5000

// Current is the id of the open visit, or "".
func (v *Visits) Current() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.id
}

// Begin opens a visit unless one is open.
func (v *Visits) Begin() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.begin()
}

func (v *Visits) begin() {
	if v.id != "" || v.Store == nil || v.closed {
		return
	}
	now := v.Clock.Now()
	v.id, v.started = NewID(now), now
	v.queue(VisitWrite{Op: VisitBegin, VisitID: v.id, At: now, Value: v.KioskID})
}

// Record adds an event to the open visit, opening one if needed.
func (v *Visits) Record(e Event) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.begin()
	if v.id == "" {
		return
	}
	if e.At.IsZero() {
		e.At = v.Clock.Now()
	}
	v.queue(VisitWrite{Op: VisitEvent, VisitID: v.id, At: e.At, Event: e})
}

// Link records that the open visit happens inside an assisted session.
func (v *Visits) Link(sessionID string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.id == "" || v.linked == v.id {
		return
	}
	v.linked = v.id
	v.queue(VisitWrite{Op: VisitLink, VisitID: v.id, At: v.Clock.Now(), Value: sessionID})
}

// End closes the open visit, if any, for the given reason, and starts
// writing the visit's last changes at once.
func (v *Visits) End(reason string) {
	v.mu.Lock()
	if v.id == "" {
		v.mu.Unlock()
		return
	}
	now := v.Clock.Now()
	v.queue(VisitWrite{Op: VisitEnd, VisitID: v.id, At: now, Duration: now.Sub(v.started), Value: reason})
	v.id = ""
	v.mu.Unlock()
	go v.Flush()
}

// queue adds a change and makes sure a write is due; v.mu is held.
func (v *Visits) queue(w VisitWrite) {
	if over := len(v.pending) + 1 - maxPending; over > 0 {
		v.pending = v.pending[over:]
		v.dropped += over
	}
	v.pending = append(v.pending, w)
	if !v.timer {
		v.timer = true
		wait := v.Interval
		if wait <= 0 {
			wait = time.Second
		}
		time.AfterFunc(wait, v.Flush)
	}
}

// Flush writes every queued change and returns once they are on disk (or
// the write failed and was logged).
func (v *Visits) Flush() {
	v.writing.Lock()
	defer v.writing.Unlock()
	v.mu.Lock()
	batch := v.pending
	v.pending, v.timer = nil, false
	v.mu.Unlock()
	if len(batch) == 0 || v.Store == nil {
		return
	}
	err := v.Store.WriteVisits(context.Background(), batch)
	v.mu.Lock()
	defer v.mu.Unlock()
	if err == nil {
		if v.dropped > 0 && v.Log != nil {
			v.Log.Printf("visit records: %d changes were dropped while the database refused them", v.dropped)
		}
		v.dropped = 0
		return
	}
	if !v.failed && v.Log != nil {
		v.Log.Printf("visit records are not being saved: %v", err)
	}
	v.failed = true
	if !errors.Is(err, ErrDiskFull) && !errors.Is(err, ErrBusy) {
		v.dropped += len(batch) // refused for good: trying again would stall the queue
		return
	}
	if !v.closed {
		// A full or locked disk may clear: keep the batch for the next
		// try, ahead of what came since.
		v.pending = append(batch, v.pending...)
		if over := len(v.pending) - maxPending; over > 0 {
			v.pending = v.pending[over:]
			v.dropped += over
		}
	}
}

// Close writes what is queued, as when the kiosk stops; nothing is
// recorded after it.
func (v *Visits) Close() {
	v.mu.Lock()
	v.closed = true
	v.mu.Unlock()
	v.Flush()
}
