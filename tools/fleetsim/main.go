// Command fleetsim simulates a province's kiosks pushing a day of records
// to two collectors through flaky connections, then checks that the
// collectors' tallies equal the sum of the kiosks' own, nothing lost and
// nothing doubled, and reports the ingest rate and batch latency.
//
// It runs beside a PostgreSQL server (scripts/pg.sh sets KIOSK_TEST_PG)
// and starts two kiosk-collector processes from bin/kiosk-collector.
//
//	scripts/pg.sh go run ./tools/fleetsim [-kiosks 1000] [-out out/fleetsim.json]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"onestop/kiosk/collector"
	"onestop/kiosk/fleet"
	"onestop/kiosk/report"
	"onestop/kiosk/store"
)

var (
	kiosks   = flag.Int("kiosks", 1000, "simulated kiosks")
	sessions = flag.Int("sessions", 40, "assisted sessions a kiosk records in its day")
	visits   = flag.Int("visits", 150, "resident visits a kiosk records in its day")
	parallel = flag.Int("parallel", 8, "kiosks pushing at the same time")
	size     = flag.Int("batch", 200, "records a batch")
	binary   = flag.String("collector", "bin/kiosk-collector", "the collector's binary")
	work     = flag.String("work", "out/fleetsim", "where the kiosks' databases are made (kept between runs)")
	outFile  = flag.String("out", "out/fleetsim.json", "the figures, as JSON")
	flaky    = flag.Float64("flaky", 0.2, "the share of requests that go wrong (dropped answers, duplicates, replays, refusals)")
)

// The day simulated: a Tuesday.
var day = time.Date(2026, 11, 24, 0, 0, 0, 0, report.ReportZone)

func main() {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "fleetsim:", err)
		os.Exit(1)
	}
}

type kioskSim struct {
	id, file string
	// The kiosk's own tallies, which the collector's must equal.
	tallies map[string]map[string]int
	records int
}

// queries are the tallies compared.
var queries = []struct {
	count string
	by    []report.Dimension
}{
	{"sessions", nil},
	{"sessions", []report.Dimension{report.BySite}},
	{"sessions", []report.Dimension{report.ByProcedure, report.ByOutcome}},
	{"sessions", []report.Dimension{report.ByPlace, report.ByHelp}},
	{"visits", []report.Dimension{report.ByKiosk}},
	{"procedures_viewed", []report.Dimension{report.ByProcedure}},
	{"qr_shown", nil},
	{"lessons_finished", []report.Dimension{report.ByLesson}},
}

func tallyKey(i int) string { return fmt.Sprintf("%d:%s:%v", i, queries[i].count, queries[i].by) }

func tallies(ctx context.Context, t *report.Tallies) (map[string]map[string]int, error) {
	out := map[string]map[string]int{}
	for i, q := range queries {
		var rows []report.Row
		var err error
		if q.count == "sessions" {
			rows, err = t.Sessions(ctx, day, day.AddDate(0, 0, 1), q.by...)
		} else {
			rows, err = t.Visits(ctx, report.VisitMeasure(q.count), day, day.AddDate(0, 0, 1), q.by...)
		}
		if err != nil {
			return nil, err
		}
		m := map[string]int{}
		for _, r := range rows {
			m[strings.Join(r.Keys, "|")] += r.Count
		}
		out[tallyKey(i)] = m
	}
	return out, nil
}

func run() error {
	base := os.Getenv("KIOSK_TEST_PG")
	if base == "" {
		return errors.New("KIOSK_TEST_PG is not set: run through scripts/pg.sh")
	}
	ctx := context.Background()
	host, _ := os.Hostname()
	fmt.Printf("fleetsim: %d kiosks, a day each (%d sessions, %d visits), on %s (%d cores)\n", *kiosks, *sessions, *visits, host, runtime.NumCPU())

	// 1. The kiosks' databases, each a day of demo records.
	t0 := time.Now()
	sims, err := makeKiosks(ctx)
	if err != nil {
		return err
	}
	total := 0
	for _, k := range sims {
		total += k.records
	}
	fmt.Printf("made %d kiosks' days, %d records, in %.0f s\n", len(sims), total, time.Since(t0).Seconds())

	// 2. A fresh database and two collectors.
	dsn, err := freshDatabase(ctx, base, "fleetsim")
	if err != nil {
		return err
	}
	db, err := collector.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	tokens := map[string]string{}
	for _, k := range sims {
		if tokens[k.id], err = db.AddToken(ctx, k.id); err != nil {
			return err
		}
	}
	var urls []string
	for i := 0; i < 2; i++ {
		u, stop, err := startCollector(dsn)
		if err != nil {
			return err
		}
		defer stop()
		urls = append(urls, u)
	}

	// 3. Every kiosk pushes its day through a flaky connection.
	var lat latencies
	var faults faultCounts
	jobs := make(chan *kioskSim)
	errc := make(chan error, len(sims))
	var wg sync.WaitGroup
	t1 := time.Now()
	for w := 0; w < *parallel; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 99))
			for k := range jobs {
				if err := push(ctx, k, tokens[k.id], urls, r, &lat, &faults); err != nil {
					errc <- fmt.Errorf("%s: %w", k.id, err)
				}
			}
		}(w)
	}
	for _, k := range sims {
		jobs <- k
	}
	close(jobs)
	wg.Wait()
	took := time.Since(t1)
	close(errc)
	for err := range errc {
		return err
	}
	rate := float64(total) / took.Seconds()
	p50, p99 := lat.quantile(0.5), lat.quantile(0.99)
	fmt.Printf("pushed %d records in %.1f s: %.0f records/s; batch latency p50 %.0f ms, p99 %.0f ms over %d batches\n",
		total, took.Seconds(), rate, p50, p99, lat.n())
	fmt.Printf("faults: %d answers dropped, %d duplicates, %d late replays, %d failed before sending, %d refusals retried\n",
		faults.dropped.Load(), faults.duplicated.Load(), faults.replayed.Load(), faults.failed.Load(), faults.retried.Load())

	// 4. The collectors' tallies equal the sum of the kiosks'.
	want := map[string]map[string]int{}
	for _, k := range sims {
		for q, m := range k.tallies {
			if want[q] == nil {
				want[q] = map[string]int{}
			}
			for key, n := range m {
				want[q][key] += n
			}
		}
	}
	got, err := tallies(ctx, &report.Tallies{Counter: collector.Counter{DB: db}})
	if err != nil {
		return err
	}
	mismatches := 0
	for q := range want {
		if !reflect.DeepEqual(got[q], want[q]) {
			mismatches++
			fmt.Printf("MISMATCH %s:\n  collector %v\n  kiosks    %v\n", q, got[q], want[q])
		}
	}
	stored, err := storedRecords(ctx, dsn)
	if err != nil {
		return err
	}
	fmt.Printf("stored %d records for %d sent once each\n", stored, total)
	result := map[string]any{
		"machine": fmt.Sprintf("%s, %d cores, %s", host, runtime.NumCPU(), runtime.Version()),
		"kiosks":  len(sims), "records": total, "stored": stored, "push_seconds": took.Seconds(),
		"records_per_second": rate, "batches": lat.n(), "batch_ms_p50": p50, "batch_ms_p99": p99,
		"answers_dropped": faults.dropped.Load(), "duplicates": faults.duplicated.Load(), "late_replays": faults.replayed.Load(),
		"failed_before_sending": faults.failed.Load(), "tally_mismatches": mismatches,
	}
	if data, err := json.MarshalIndent(result, "", "  "); err == nil {
		os.MkdirAll(filepath.Dir(*outFile), 0o755)
		os.WriteFile(*outFile, append(data, '\n'), 0o644)
	}
	if mismatches > 0 || stored != total {
		return fmt.Errorf("%d tallies differ; %d records stored for %d sent", mismatches, stored, total)
	}
	fmt.Println("every tally equal: nothing lost, nothing doubled")
	return nil
}

// makeKiosks makes each kiosk's database (kept in -work between runs) and
// reads its own tallies.
func makeKiosks(ctx context.Context) ([]*kioskSim, error) {
	if err := os.MkdirAll(*work, 0o755); err != nil {
		return nil, err
	}
	// The staff are made once (their PINs are slow to hash on purpose)
	// and copied with the file.
	template := filepath.Join(*work, "template.db")
	if _, err := os.Stat(template); err != nil {
		st, err := store.Open(template + ".new")
		if err != nil {
			return nil, err
		}
		d := &report.Demo{Store: st, Kiosk: "TEMPLATE"}
		err = d.Fill(ctx, 0, 1, 0, day.AddDate(0, 0, 1), nil)
		st.Close()
		if err != nil {
			return nil, err
		}
		if err := os.Rename(template+".new", template); err != nil {
			return nil, err
		}
	}
	sims := make([]*kioskSim, *kiosks)
	var next atomic.Int64
	var wg sync.WaitGroup
	errc := make(chan error, runtime.NumCPU())
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(sims) {
					return
				}
				k, err := makeKiosk(ctx, i, template)
				if err != nil {
					errc <- err
					return
				}
				sims[i] = k
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		return nil, err
	}
	return sims, nil
}

func makeKiosk(ctx context.Context, i int, template string) (*kioskSim, error) {
	k := &kioskSim{id: fmt.Sprintf("NA-%04d", i+1), file: filepath.Join(*work, fmt.Sprintf("kiosk-%04d-%d-%d.db", i+1, *sessions, *visits))}
	if _, err := os.Stat(k.file); err != nil {
		data, err := os.ReadFile(template)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(k.file+".new", data, 0o644); err != nil {
			return nil, err
		}
		st, err := store.Open(k.file + ".new")
		if err != nil {
			return nil, err
		}
		d := &report.Demo{Store: st, Kiosk: k.id, Site: fmt.Sprintf("Xã %d", i/4+1), Places: []string{"Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4"}, Seed: uint64(i + 1)}
		err = d.Fill(ctx, *sessions, 1, *visits, day.AddDate(0, 0, 1), nil)
		st.Close()
		if err != nil {
			return nil, err
		}
		if err := os.Rename(k.file+".new", k.file); err != nil {
			return nil, err
		}
	}
	// Each run sends everything again: the marks are cleared.
	st, err := store.Open(k.file)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if err := st.ResetSyncMarks(ctx); err != nil {
		return nil, err
	}
	if k.tallies, err = tallies(ctx, &report.Tallies{Store: st}); err != nil {
		return nil, err
	}
	for marks := (fleet.Marks{}); ; {
		b, err := st.Unsent(ctx, k.id, marks, 5000)
		if err != nil {
			return nil, err
		}
		n := len(b.Sessions) + len(b.Visits) + len(b.Audit)
		for _, v := range b.Visits {
			n += len(v.Events)
		}
		if n == 0 {
			break
		}
		k.records += n
		marks = b.Marks
	}
	return k, nil
}

// push sends a kiosk's day until the collector has it all, as the kiosk
// does: after a failure it waits and sends again from its marks.
func push(ctx context.Context, k *kioskSim, token string, urls []string, r *rand.Rand, lat *latencies, faults *faultCounts) error {
	st, err := store.Open(k.file)
	if err != nil {
		return err
	}
	defer st.Close()
	tr := &flakyTransport{base: http.DefaultTransport, r: rand.New(rand.NewPCG(r.Uint64(), 1)), urls: urls, faults: faults, lat: lat}
	p := &fleet.Pusher{URL: "http://collector", Token: token, KioskID: k.id, Site: "", Source: st, Size: *size,
		Client: &http.Client{Transport: tr, Timeout: time.Minute}}
	wait := 10 * time.Millisecond
	for tries := 0; ; tries++ {
		_, err := p.Push(ctx)
		if err == nil {
			return nil
		}
		var refused *fleet.RefusedError
		if errors.As(err, &refused) || tries > 200 {
			return err
		}
		faults.retried.Add(1)
		time.Sleep(wait/2 + time.Duration(r.Int64N(int64(wait/2)+1)))
		wait = min(wait*2, time.Second)
	}
}

// flakyTransport sends each request to one of the collectors at random
// and, for a share of them, goes wrong as networks do: the answer is lost
// after the collector stored the batch, the request is sent twice, an
// earlier request is replayed late, or the connection fails first.
type flakyTransport struct {
	base   http.RoundTripper
	r      *rand.Rand
	urls   []string
	faults *faultCounts
	lat    *latencies
	old    [][]byte // earlier bodies, for late replays
	mu     sync.Mutex
}

func (t *flakyTransport) send(req *http.Request, body []byte) (*http.Response, error) {
	t.mu.Lock()
	u, _ := url.Parse(t.urls[t.r.IntN(len(t.urls))])
	t.mu.Unlock()
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host, out.Host = u.Scheme, u.Host, u.Host
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.ContentLength = int64(len(body))
	start := time.Now()
	resp, err := t.base.RoundTrip(out)
	if err == nil && resp.StatusCode == http.StatusOK && req.Method == http.MethodPost {
		t.lat.add(time.Since(start))
	}
	return resp, err
}

func (t *flakyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body.Close()
	}
	t.mu.Lock()
	x := t.r.Float64() / *flaky // below 1: something goes wrong
	var replay []byte
	if len(t.old) > 0 {
		replay = t.old[t.r.IntN(len(t.old))]
	}
	t.old = append(t.old, body)
	if len(t.old) > 8 {
		t.old = t.old[1:]
	}
	t.mu.Unlock()
	switch {
	case x < 0.15:
		t.faults.failed.Add(1)
		return nil, errors.New("simulated: connection reset before sending")
	case x < 0.5:
		resp, err := t.send(req, body)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			t.faults.dropped.Add(1)
			return nil, errors.New("simulated: the answer was lost")
		}
		return nil, err
	case x < 0.75:
		if resp, err := t.send(req, body); err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		t.faults.duplicated.Add(1)
		return t.send(req, body)
	case x < 1 && replay != nil:
		resp, err := t.send(req, body)
		if r2, err2 := t.send(req, replay); err2 == nil {
			io.Copy(io.Discard, r2.Body)
			r2.Body.Close()
		}
		t.faults.replayed.Add(1)
		return resp, err
	}
	return t.send(req, body)
}

type faultCounts struct {
	dropped, duplicated, replayed, failed, retried atomic.Int64
}

type latencies struct {
	mu sync.Mutex
	ds []time.Duration
}

func (l *latencies) add(d time.Duration) {
	l.mu.Lock()
	l.ds = append(l.ds, d)
	l.mu.Unlock()
}

func (l *latencies) n() int { return len(l.ds) }

func (l *latencies) quantile(q float64) float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.ds) == 0 {
		return 0
	}
	s := slices.Clone(l.ds)
	slices.Sort(s)
	return float64(s[int(q*float64(len(s)-1))]) / float64(time.Millisecond)
}

func freshDatabase(ctx context.Context, base, name string) (string, error) {
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		return "", err
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return "", err
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}

func startCollector(dsn string) (string, func(), error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(*binary, "serve", "--db", dsn, "--listen", addr, "--rate", "100", "--burst", "100")
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() { cmd.Process.Kill(); cmd.Wait() }
	for i := 0; i < 200; i++ {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return "http://" + addr, stop, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	return "", nil, fmt.Errorf("the collector on %s did not start", addr)
}

func storedRecords(ctx context.Context, dsn string) (int, error) {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	var n int
	err = conn.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM session_versions) + (SELECT COUNT(*) FROM visits) +
		(SELECT COUNT(*) FROM visit_events) + (SELECT COUNT(*) FROM audit)`).Scan(&n)
	return n, err
}
