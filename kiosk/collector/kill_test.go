package collector

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"testing"
	"time"
)

// TestMain lets the test binary serve as a collector process of its own,
// which a test can kill in the middle of a batch.
func TestMain(m *testing.M) {
	if dsn := os.Getenv("COLLECTOR_CHILD_DSN"); dsn != "" {
		db, err := Open(context.Background(), dsn)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		s := &Server{DB: db, Rate: 1000, Burst: 1000}
		fmt.Fprintln(os.Stderr, http.ListenAndServe(os.Getenv("COLLECTOR_CHILD_ADDR"), s.Handler()))
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// startChild starts a collector process and waits until it answers.
func startChild(t *testing.T, dsn, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "COLLECTOR_CHILD_DSN="+dsn, "COLLECTOR_CHILD_ADDR="+addr)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return cmd
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	cmd.Process.Kill()
	t.Fatal("the collector did not start")
	return nil
}

// A collector killed (SIGKILL) in the middle of taking a kiosk's batches,
// then started again, loses nothing and doubles nothing: the kiosk sends
// again from its last acknowledged batch.
func TestKilledCollectorLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills collector processes")
	}
	db, dsn := openTestDB(t)
	ctx := context.Background()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	r := rand.New(rand.NewPCG(11, 12))
	var sessions, visits, audit int
	kills := 0
	for k := 0; k < 4; k++ {
		id := fmt.Sprintf("K-KILL-%d", k)
		st := demoKiosk(t, id, 1200, 1500, uint64(100+k))
		p := pusher(t, db, "http://"+addr, st, id)
		p.Size = 800
		child := startChild(t, dsn, addr)
		done := make(chan error, 1)
		go func() { _, err := p.Push(ctx); done <- err }()
		time.Sleep(time.Duration(30+r.IntN(250)) * time.Millisecond)
		child.Process.Kill()
		child.Wait()
		if err := <-done; err != nil {
			kills++ // the push was cut off: the kiosk keeps its marks
		}
		child = startChild(t, dsn, addr)
		if _, err := p.Push(ctx); err != nil {
			t.Fatalf("%s: the push after the restart: %v", id, err)
		}
		child.Process.Kill()
		child.Wait()
		h, err := st.Holdings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sessions += h.Sessions
		visits += h.Visits - h.OpenVisits
		audit += h.AuditLines
	}
	if kills == 0 {
		t.Fatal("no push was cut off by a kill: the test proves nothing")
	}
	for table, want := range map[string]int{"session_latest": sessions, "visits": visits, "audit": audit} {
		if got := count(t, db, table); got != want {
			t.Errorf("%s: %d rows at the collector, %d on the kiosks", table, got, want)
		}
	}
	t.Logf("%d of 4 pushes cut off by a kill", kills)
}
