package kiosk

import (
	"context"
	"log"
	"sync"
	"time"

	"onestop/kiosk/store"
)

// Visits records anonymous resident visits: a visit begins with the first
// tap and ends at the idle reset (or when the kiosk stops). A failure to
// record is logged once and never stops the resident's screens.
type Visits struct {
	Store   *store.Store // nil: nothing is recorded
	KioskID string
	Clock   Clock
	Log     *log.Logger

	mu      sync.Mutex
	id      string
	started time.Time
	failed  bool
	linked  string // the visit already linked to a session
}

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
	if v.id != "" || v.Store == nil {
		return
	}
	now := v.Clock.Now()
	id, err := v.Store.BeginVisit(context.Background(), v.KioskID, now)
	if v.report(err) {
		return
	}
	v.id, v.started = id, now
}

// Record adds an event to the open visit, opening one if needed.
func (v *Visits) Record(e store.Event) {
	v.Begin()
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.id == "" {
		return
	}
	if e.At.IsZero() {
		e.At = v.Clock.Now()
	}
	v.report(v.Store.AddEvent(context.Background(), v.id, e))
}

// Link records that the open visit happens inside an assisted session.
func (v *Visits) Link(sessionID string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.id == "" || v.linked == v.id {
		return
	}
	if !v.report(v.Store.LinkVisit(context.Background(), v.id, sessionID)) {
		v.linked = v.id
	}
}

// End closes the open visit, if any, for the given reason.
func (v *Visits) End(reason string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.id == "" {
		return
	}
	now := v.Clock.Now()
	v.report(v.Store.EndVisit(context.Background(), v.id, now, now.Sub(v.started), reason))
	v.id = ""
}

// report logs the first failure of a run and returns whether err is set.
func (v *Visits) report(err error) bool {
	if err == nil {
		return false
	}
	if !v.failed && v.Log != nil {
		v.Log.Printf("visit records are not being saved: %v", err)
	}
	v.failed = true
	return true
}
