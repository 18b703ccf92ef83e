package kiosk_test

import (
	"bytes"
	"context"
	"log"
	"strings"
	"sync"
	"testing"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

// batchCounter is the real store, counting the batches written to it and
// refusing them with err while err is set.
type batchCounter struct {
	*store.Store
	mu      sync.Mutex
	batches []int
	err     error
}

func (b *batchCounter) WriteVisits(ctx context.Context, batch []kiosk.VisitWrite) error {
	b.mu.Lock()
	err := b.err
	b.mu.Unlock()
	if err != nil {
		return err
	}
	if err := b.Store.WriteVisits(ctx, batch); err != nil {
		return err
	}
	b.mu.Lock()
	b.batches = append(b.batches, len(batch))
	b.mu.Unlock()
	return nil
}

func (b *batchCounter) written() []int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]int(nil), b.batches...)
}

func kinds(t *testing.T, st *store.Store, id string) string {
	t.Helper()
	evs, err := st.Events(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		out = append(out, string(e.Kind)+":"+e.Screen)
	}
	return strings.Join(out, " ")
}

// TestVisitsBatchTheirWrites: a visit's taps reach the database in one
// transaction at its end, in the order they happened, not one sync each.
func TestVisitsBatchTheirWrites(t *testing.T) {
	st := openStore(t)
	bc := &batchCounter{Store: st}
	clock := newTestClock()
	v := &kiosk.Visits{Store: bc, KioskID: "K1", Clock: clock, Interval: time.Hour}
	for _, s := range []string{"home", "category", "procedure", "search", "home"} {
		v.Record(kiosk.Event{Kind: kiosk.EventScreen, Screen: s})
		clock.Add(time.Second)
	}
	id := v.Current()
	if got := bc.written(); len(got) != 0 {
		t.Fatalf("written before the visit ended: %v", got)
	}
	v.End(kiosk.EndIdle)
	v.Flush() // End starts the write; Flush waits for it
	if got := bc.written(); len(got) != 1 || got[0] != 7 {
		t.Fatalf("batches %v, want one of 7 (begin, 5 events, end)", got)
	}
	if got := kinds(t, st, id); got != "screen:home screen:category screen:procedure screen:search screen:home" {
		t.Errorf("events %q", got)
	}
	vs, _ := st.Visits(context.Background(), time.Time{}, clock.Now().Add(time.Hour))
	if len(vs) != 1 || vs[0].EndReason != kiosk.EndIdle || vs[0].Duration != 5*time.Second {
		t.Errorf("visit %+v", vs)
	}
}

// TestVisitsWriteWithinTheInterval: without an end, the queue is written
// after the interval, so a crash loses at most that much.
func TestVisitsWriteWithinTheInterval(t *testing.T) {
	st := openStore(t)
	v := &kiosk.Visits{Store: st, KioskID: "K1", Clock: newTestClock(), Interval: 30 * time.Millisecond}
	v.Record(kiosk.Event{Kind: kiosk.EventScreen, Screen: "home"})
	deadline := time.Now().Add(10 * time.Second)
	for kinds(t, st, v.Current()) != "screen:home" {
		if time.Now().After(deadline) {
			t.Fatal("the event was not written within the interval")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestVisitsKeepWhatAFullDiskRefused: a full disk keeps the batch for the
// next try; a record refused for good is dropped and does not stall the
// rest. The failure is logged once.
func TestVisitsKeepWhatAFullDiskRefused(t *testing.T) {
	st := openStore(t)
	bc := &batchCounter{Store: st, err: kiosk.ErrDiskFull}
	var logged bytes.Buffer
	v := &kiosk.Visits{Store: bc, KioskID: "K1", Clock: newTestClock(), Interval: time.Hour, Log: log.New(&logged, "", 0)}
	v.Record(kiosk.Event{Kind: kiosk.EventScreen, Screen: "home"})
	id := v.Current()
	v.Flush()
	v.Record(kiosk.Event{Kind: kiosk.EventScreen, Screen: "category"})
	v.Flush()
	bc.mu.Lock()
	bc.err = nil
	bc.mu.Unlock()
	v.Flush()
	if got := kinds(t, st, id); got != "screen:home screen:category" {
		t.Errorf("after the disk had room again: %q", got)
	}
	if n := strings.Count(logged.String(), "not being saved"); n != 1 {
		t.Errorf("logged %d times: %q", n, logged.String())
	}

	// An event the database refuses for good (a kind it does not know).
	v.Record(kiosk.Event{Kind: "no-such-kind"})
	v.Flush()
	v.Record(kiosk.Event{Kind: kiosk.EventScreen, Screen: "search"})
	v.Flush()
	if got := kinds(t, st, id); got != "screen:home screen:category screen:search" {
		t.Errorf("after a refused record: %q", got)
	}
}

// TestVisitsCloseWritesEverything: closing (the kiosk stopping) writes
// what is queued; nothing is recorded after it.
func TestVisitsCloseWritesEverything(t *testing.T) {
	st := openStore(t)
	v := &kiosk.Visits{Store: st, KioskID: "K1", Clock: newTestClock(), Interval: time.Hour}
	v.Record(kiosk.Event{Kind: kiosk.EventScreen, Screen: "home"})
	id := v.Current()
	v.End(kiosk.EndShutdown)
	v.Close()
	if got := kinds(t, st, id); got != "screen:home" {
		t.Errorf("after close: %q", got)
	}
	v.Record(kiosk.Event{Kind: kiosk.EventScreen, Screen: "home"})
	if v.Current() != "" {
		t.Error("a visit began after close")
	}
}

// BenchmarkRecord is the cost of recording one event on the UI goroutine
// (queued; the recorder writes it with others), against BenchmarkRecordSynced,
// one event written and synced at once as each tap did before.
func BenchmarkRecord(b *testing.B) {
	st := openStore(b)
	v := &kiosk.Visits{Store: st, KioskID: "K1", Clock: kiosk.SystemClock{}}
	v.Begin()
	for b.Loop() {
		v.Record(kiosk.Event{Kind: kiosk.EventScreen, Screen: "home"})
	}
	b.StopTimer()
	v.Close()
}

func BenchmarkRecordSynced(b *testing.B) {
	st := openStore(b)
	id, err := st.BeginVisit(context.Background(), "K1", time.Now())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := st.AddEvent(context.Background(), id, kiosk.Event{At: time.Now(), Kind: kiosk.EventScreen, Screen: "home"}); err != nil {
			b.Fatal(err)
		}
	}
}
