// Command commitbench times committing assisted-session records, one
// transaction each, with the kiosk's own store (WAL, synchronous=FULL), on
// the disk of a folder: the median, the 99th percentile and the slowest of
// N records.
//
//	commitbench [-n 1000] [-dir DIR]   DIR defaults to the system's temporary folder
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

func main() {
	n := flag.Int("n", 1000, "records to commit")
	dir := flag.String("dir", "", "a folder on the disk to measure (default: the temporary folder)")
	flag.Parse()
	tmp, err := os.MkdirTemp(*dir, "commitbench-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(tmp)
	ctx := context.Background()
	s, err := store.Open(filepath.Join(tmp, store.FileName))
	if err != nil {
		fail(err)
	}
	defer s.Close()
	now := time.Now()
	m, err := s.AddStaff(ctx, kiosk.Staff{Code: "bench", Name: "Bench", Role: kiosk.RoleStaff, PINHash: "-", Created: now})
	if err != nil {
		fail(err)
	}
	took := make([]time.Duration, 0, *n)
	for i := range *n {
		v := kiosk.Session{ID: kiosk.NewID(now), Version: 1, Status: kiosk.SessionOpen, RecordedAt: now, RecordedBy: m.ID,
			KioskID: "K1", Site: "Xã", StaffID: m.ID, Started: now, Channel: "counter",
			Procedures: []string{"1.001193"}, Help: []string{"guided", "submitted"}, Note: fmt.Sprintf("record %d", i)}
		t0 := time.Now()
		if err := s.AddSessionVersion(ctx, v); err != nil {
			fail(err)
		}
		took = append(took, time.Since(t0))
	}
	slices.Sort(took)
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d.Microseconds())/1000) }
	fmt.Printf("%s %s %s\n", ms(took[len(took)/2]), ms(took[len(took)*99/100]), ms(took[len(took)-1]))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "commitbench:", err)
	os.Exit(1)
}
