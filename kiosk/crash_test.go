package kiosk_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

// TestMain lets the test binary be the writer of the crash test: started
// again with KIOSK_CRASH_WRITER=DB, it records sessions into DB until it
// is killed.
func TestMain(m *testing.M) {
	if db := os.Getenv("KIOSK_CRASH_WRITER"); db != "" {
		crashWriter(db)
		return
	}
	os.Exit(m.Run())
}

// crashWriter opens and closes sessions for ever, printing "ID VERSION"
// for each version only once its commit has returned.
func crashWriter(file string) {
	ctx := context.Background()
	st, err := store.Open(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, "writer:", err)
		os.Exit(1)
	}
	m, err := st.StaffByCode(ctx, "crash")
	if err != nil {
		fmt.Fprintln(os.Stderr, "writer:", err)
		os.Exit(1)
	}
	d := &kiosk.Desk{Store: st, KioskID: "K1", Site: "Xã", Clock: kiosk.SystemClock{}}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		s, err := d.Open(ctx, m.ID, "postal_point")
		if err != nil {
			fmt.Fprintln(os.Stderr, "writer:", err)
			os.Exit(1)
		}
		fmt.Fprintf(out, "%s %d\n", s.ID, s.Version)
		out.Flush()
		s.Outcome, s.Help, s.Rating = kiosk.OutcomeDone, []string{"guided"}, 1+i%4
		s.Note = strings.Repeat("ghi chú ", i%20)
		c, err := d.Close(ctx, s)
		if err != nil {
			fmt.Fprintln(os.Stderr, "writer:", err)
			os.Exit(1)
		}
		fmt.Fprintf(out, "%s %d\n", c.ID, c.Version)
		out.Flush()
	}
}

// The crash test: a writer process records sessions and is killed with
// SIGKILL at random moments; every version it said was committed must be
// in the database, and the database must pass PRAGMA integrity_check.
// CRASH_KILLS sets the number of kills (make test: 20; make crashtest: 250).
func TestCrashKeepsEveryCommittedRecord(t *testing.T) {
	if raceEnabled {
		t.Skip("a writer built with -race is too slow to crash meaningfully: make test runs this without it")
	}
	kills := 20
	if v, err := strconv.Atoi(os.Getenv("CRASH_KILLS")); err == nil && v > 0 {
		kills = v
	}
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), store.FileName)
	st, err := store.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddStaff(ctx, kiosk.Staff{Code: "crash", Name: "Crash", Role: kiosk.RoleStaff, PINHash: "-", Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	claims := &writerClaims{said: map[string]int{}}
	for k := range kills {
		cmd, done := startWriter(t, file, claims)
		// Kill at a random moment: right after start-up, mid-migration,
		// mid-write, after many records.
		time.Sleep(time.Duration(rand.IntN(150)+5) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		<-done
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("kill %d: the writer ended by itself: %v", k, err)
		}
	}

	st, err = store.Open(file)
	if err != nil {
		t.Fatalf("the database does not open after %d kills: %v", kills, err)
	}
	defer st.Close()
	claims.check(t, st, fmt.Sprintf("after %d kills", kills))
	if len(claims.said) < kills/2 {
		t.Errorf("only %d sessions written in %d runs: the writer hardly ran", len(claims.said), kills)
	}
	t.Logf("%d kills, %d commits reported, %d sessions, all in the database; integrity_check ok", kills, claims.lines, len(claims.said))
}

// check fails the test unless st passes integrity_check and holds every
// version claimed.
func (c *writerClaims) check(t *testing.T, st *store.Store, when string) {
	t.Helper()
	ctx := context.Background()
	if err := st.Integrity(ctx); err != nil {
		t.Fatalf("%s: integrity_check: %v", when, err)
	}
	missing := 0
	for id, v := range c.said {
		cur, err := st.CurrentSession(ctx, id)
		if err != nil || cur.Version < v {
			if missing++; missing <= 5 {
				t.Errorf("%s: session %s version %d was reported committed; the database has version %d (%v)", when, id, v, cur.Version, err)
			}
		}
	}
	if missing > 0 {
		t.Fatalf("%s: %d of %d committed sessions lost", when, missing, len(c.said))
	}
}

// writerClaims are what the writers said they committed.
type writerClaims struct {
	said  map[string]int // session id -> highest version printed
	lines int
}

// startWriter starts the test binary as the crash writer on file; its
// claims are read into c until it ends, when done closes.
func startWriter(t *testing.T, file string, c *writerClaims) (*exec.Cmd, chan struct{}) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "KIOSK_CRASH_WRITER="+file)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			id, v, ok := strings.Cut(sc.Text(), " ")
			n, err := strconv.Atoi(v)
			if !ok || err != nil {
				continue // a line cut by the kill: never a whole claim
			}
			c.said[id] = max(c.said[id], n)
			c.lines++
		}
	}()
	return cmd, done
}
