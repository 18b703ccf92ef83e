package collector

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/fleet"
	"onestop/kiosk/report"
)

var (
	monthStart = time.Date(2026, 11, 1, 0, 0, 0, 0, report.ReportZone)
	monthEnd   = time.Date(2026, 12, 1, 0, 0, 0, 0, report.ReportZone)
)

// The collector's tallies of what two kiosks pushed are the sum of the
// kiosks' own tallies, by every dimension tried, and a second push sends
// nothing and changes nothing.
func TestPushedTalliesEqualTheKiosks(t *testing.T) {
	db, _ := openTestDB(t)
	_, hs := startServer(t, db)
	ctx := context.Background()
	kiosks := map[string]*fleet.Pusher{}
	tallies := map[string]*report.Tallies{}
	for i, id := range []string{"NA-QL-01", "NA-DC-02"} {
		st := demoKiosk(t, id, 300, 400, uint64(i+1))
		kiosks[id] = pusher(t, db, hs.URL, st, id)
		tallies[id] = &report.Tallies{Store: st}
		sent, err := kiosks[id].Push(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if sent < 300*2+400 {
			t.Fatalf("%s sent %d records: fewer than its sessions and visits", id, sent)
		}
		marks, at, err := st.SyncMarks(ctx)
		if err != nil || at.IsZero() || marks.Sessions == 0 || marks.Visits == 0 || marks.Audit == 0 {
			t.Fatalf("%s marks after a push: %+v at %v, %v", id, marks, at, err)
		}
		if again, err := kiosks[id].Push(ctx); err != nil || again != 0 {
			t.Fatalf("a second push sent %d records (%v): want none", again, err)
		}
	}
	if n := count(t, db, "session_versions"); n != 2*(300*2)+2 {
		t.Errorf("%d session versions stored: want %d", n, 2*(300*2)+2)
	}
	type query struct {
		count string
		by    []report.Dimension
	}
	queries := []query{
		{"sessions", nil},
		{"sessions", []report.Dimension{report.ByPlace}},
		{"sessions", []report.Dimension{report.ByProcedure, report.ByOutcome}},
		{"sessions", []report.Dimension{report.ByMonth, report.ByHelp, report.ByReason}},
		{"sessions", []report.Dimension{report.ByDay, report.ByKiosk, report.ByRating}},
		{"sessions", []report.Dimension{report.ByGroup, report.ByChannel}},
		{"visits", []report.Dimension{report.ByDay}},
		{"procedures_viewed", []report.Dimension{report.ByProcedure}},
		{"qr_shown", []report.Dimension{report.ByKiosk}},
		{"lessons_finished", []report.Dimension{report.ByLesson, report.ByWeek}},
	}
	for _, q := range queries {
		want := map[string]int{}
		for _, tl := range tallies {
			var rows []report.Row
			var err error
			if q.count == "sessions" {
				rows, err = tl.Sessions(ctx, monthStart, monthEnd, q.by...)
			} else {
				rows, err = tl.Visits(ctx, report.VisitMeasure(q.count), monthStart, monthEnd, q.by...)
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				want[strings.Join(r.Keys, "|")] += r.Count
			}
		}
		rows, err := db.Tally(ctx, TallyRequest{From: monthStart, To: monthEnd, By: q.by, Count: q.count})
		if err != nil {
			t.Fatalf("%v: %v", q, err)
		}
		got := map[string]int{}
		for _, r := range rows {
			got[strings.Join(r.Keys, "|")] += r.Count
		}
		if len(want) == 0 {
			t.Fatalf("%v: the kiosks counted nothing: the test proves nothing", q)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s by %v: the collector counts %v, the kiosks %v", q.count, q.by, got, want)
		}
	}
	// One commune alone is that kiosk's own count.
	rows, err := db.Tally(ctx, TallyRequest{From: monthStart, To: monthEnd, Site: "Xã NA-QL-01"})
	if err != nil {
		t.Fatal(err)
	}
	own, _ := tallies["NA-QL-01"].Sessions(ctx, monthStart, monthEnd)
	if len(rows) != 1 || len(own) != 1 || rows[0].Count != own[0].Count {
		t.Errorf("one site: the collector counts %v, the kiosk %v", rows, own)
	}
}

// A later version of a session wins whichever order the versions
// arrive in, through whichever collector.
func TestLaterVersionWins(t *testing.T) {
	db, _ := openTestDB(t)
	_, a := startServer(t, db)
	_, b := startServer(t, db)
	ctx := context.Background()
	p := pusher(t, db, a.URL, nil, "K1")
	s := closedSession("K1", time.Date(2026, 11, 10, 9, 0, 0, 0, report.ReportZone))
	v2 := s
	v2.Version, v2.Outcome, v2.Reason, v2.ChangeReason = 2, kiosk.OutcomeNotDone, "no_vneid", "sửa"
	v3 := v2
	v3.Version, v3.Status = 3, kiosk.SessionVoid
	send := func(url string, vs ...kiosk.Session) {
		t.Helper()
		p.URL = url
		var recs []fleet.SessionRecord
		for _, v := range vs {
			recs = append(recs, fleet.FromSession(v))
		}
		if _, err := p.Send(ctx, fleet.Batch{Kiosk: "K1", Sessions: recs}); err != nil {
			t.Fatal(err)
		}
	}
	latest := func() (int, string) {
		var v int
		var outcome string
		if err := db.pool.QueryRow(ctx, "SELECT version, status || '/' || outcome FROM session_latest WHERE session_id = $1", s.ID).Scan(&v, &outcome); err != nil {
			t.Fatal(err)
		}
		return v, outcome
	}
	send(a.URL, v2)
	send(b.URL, s) // the older version, late
	if v, o := latest(); v != 2 || o != "closed/not_done" {
		t.Fatalf("after v2 then v1: version %d %s, want 2 closed/not_done", v, o)
	}
	send(b.URL, v3, s, v2)
	if v, o := latest(); v != 3 || o != "void/not_done" {
		t.Fatalf("after v3: version %d %s", v, o)
	}
	if n := count(t, db, "session_versions"); n != 3 {
		t.Errorf("%d versions stored, want 3", n)
	}
	rows, err := db.Tally(ctx, TallyRequest{From: monthStart, To: monthEnd})
	if err != nil || len(rows) != 0 {
		t.Errorf("a void session is counted: %v %v", rows, err)
	}
}

func closedSession(kioskID string, start time.Time) kiosk.Session {
	staff := kiosk.NewID(start.Add(-time.Hour))
	return kiosk.Session{ID: kiosk.NewID(start), Version: 1, Status: kiosk.SessionClosed, RecordedAt: start.Add(10 * time.Minute),
		RecordedBy: staff, KioskID: kioskID, Site: "Xã " + kioskID, StaffID: staff, Started: start, Ended: start.Add(10 * time.Minute),
		Duration: 10 * time.Minute, Procedures: []string{"1.001193"}, Help: []string{"submitted"}, Outcome: kiosk.OutcomeDone,
		Channel: "counter", Place: "Thôn 1", Rating: 4}
}

// The same batch sent twice to one collector, and the same retries sent
// at once to two collectors, store each record once.
func TestRetriesStoreEachRecordOnce(t *testing.T) {
	db, _ := openTestDB(t)
	_, a := startServer(t, db)
	_, b := startServer(t, db)
	ctx := context.Background()
	st := demoKiosk(t, "K2", 150, 200, 7)
	p := pusher(t, db, a.URL, st, "K2")
	var batches []fleet.Batch
	marks := fleet.Marks{}
	for {
		batch, err := st.Unsent(ctx, "K2", marks, 120)
		if err != nil {
			t.Fatal(err)
		}
		if len(batch.Sessions)+len(batch.Visits)+len(batch.Audit) == 0 {
			break
		}
		batches = append(batches, batch)
		marks = batch.Marks
	}
	if len(batches) < 3 {
		t.Fatalf("%d batches: want several", len(batches))
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8*len(batches))
	for round := 0; round < 2; round++ {
		for _, url := range []string{a.URL, b.URL, a.URL, b.URL} {
			wg.Add(1)
			go func(url string) {
				defer wg.Done()
				q := *p
				q.URL = url
				// Each sender goes through the batches in its own order.
				for i := range batches {
					j := (i*7 + len(url) + round) % len(batches)
					if _, err := q.Send(ctx, batches[j]); err != nil {
						errs <- err
					}
				}
			}(url)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var sessions, visits, events, audit int
	for _, b := range batches {
		sessions += len(b.Sessions)
		visits += len(b.Visits)
		audit += len(b.Audit)
		for _, v := range b.Visits {
			events += len(v.Events)
		}
	}
	for table, want := range map[string]int{"session_versions": sessions, "visits": visits, "visit_events": events, "audit": audit} {
		if got := count(t, db, table); got != want {
			t.Errorf("%s: %d rows stored, %d sent", table, got, want)
		}
	}
	if n := count(t, db, "session_latest"); n != 150 {
		t.Errorf("%d sessions in session_latest, want 150", n)
	}
}

// post sends a raw body with a token and returns the status and answer.
func post(t *testing.T, url, token, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url+"/v1/batches", strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

// Bad batches are refused with a status and a message that says why, and
// nothing of them is stored.
func TestBadBatchesAreRefused(t *testing.T) {
	db, _ := openTestDB(t)
	srv, hs := startServer(t, db)
	ctx := context.Background()
	good, err := db.AddToken(ctx, "K3")
	if err != nil {
		t.Fatal(err)
	}
	other, _ := db.AddToken(ctx, "K4")
	revoked, _ := db.AddToken(ctx, "K5")
	if n, err := db.RevokeTokens(ctx, "K5"); n != 1 || err != nil {
		t.Fatalf("revoke: %d %v", n, err)
	}
	s := closedSession("K3", time.Date(2026, 11, 10, 9, 0, 0, 0, report.ReportZone))
	batch := func(mod func(*fleet.SessionRecord)) string {
		r := fleet.FromSession(s)
		mod(&r)
		b, _ := json.Marshal(fleet.Batch{Kiosk: "K3", Sessions: []fleet.SessionRecord{r}})
		return string(b)
	}
	ok := batch(func(*fleet.SessionRecord) {})
	huge := `{"kiosk":"K3","sessions":[` + strings.Repeat(batch(func(*fleet.SessionRecord) {})[len(`{"kiosk":"K3","sessions":[`):len(ok)-len(`],"marks":{"sessions":0,"visits":0,"audit":0}}`)]+",", 20000)
	huge = huge[:len(huge)-1] + "]}"
	cases := []struct {
		name, token, body string
		status            int
		says              string
	}{
		{"no token", "", ok, 401, "no token"},
		{"unknown token", "kt_nothing", ok, 401, "unknown token"},
		{"revoked token", revoked, ok, 401, "revoked"},
		{"another kiosk's token", other, ok, 403, "K4"},
		{"oversized", good, huge, 413, "at most"},
		{"malformed", good, `{"kiosk":"K3","sessions":[{"id":`, 400, "not a batch"},
		{"unknown field", good, `{"kiosk":"K3","shell":"rm -rf /"}`, 400, "unknown field"},
		{"session id not a UUID", good, batch(func(r *fleet.SessionRecord) { r.ID = "not-a-uuid" }), 422, "not a kiosk id"},
		{"staff id not a UUID", good, batch(func(r *fleet.SessionRecord) { r.StaffID = "admin" }), 422, "staff_id"},
		{"rating out of range", good, batch(func(r *fleet.SessionRecord) { r.Rating = 9 }), 422, "rating 9"},
		{"groups without consent", good, batch(func(r *fleet.SessionRecord) { r.Groups = []string{"elderly"} }), 422, "consent"},
		{"a phone number in the note", good, batch(func(r *fleet.SessionRecord) { r.Note = "gọi 0912 345 678" }), 422, "number"},
		{"a NUL in a note", good, batch(func(r *fleet.SessionRecord) { r.Note = "a\x00b" }), 422, "NUL"},
		{"unknown channel", good, batch(func(r *fleet.SessionRecord) { r.Channel = "email" }), 422, "channel"},
		{"a visit with a bad end", good, `{"kiosk":"K3","visits":[{"id":"` + kiosk.NewID(time.Now()) + `","kiosk_id":"K3","started":"2026-11-10T09:00:00.000+07:00","ended":"2026-11-10T09:01:00.000+07:00","duration_ms":60000,"end_reason":"exploded","events":[]}]}`, 422, "end_reason"},
	}
	for _, c := range cases {
		status, body := post(t, hs.URL, c.token, c.body)
		if status != c.status || !strings.Contains(body, c.says) {
			t.Errorf("%s: %d %s; want %d saying %q", c.name, status, strings.TrimSpace(body), c.status, c.says)
		}
	}
	for _, table := range []string{"session_versions", "session_latest", "visits", "visit_events", "audit"} {
		if n := count(t, db, table); n != 0 {
			t.Errorf("%s holds %d rows after refused batches", table, n)
		}
	}
	if status, body := post(t, hs.URL, good, ok); status != 200 {
		t.Fatalf("the good batch: %d %s", status, body)
	}
	if n := count(t, db, "session_versions"); n != 1 {
		t.Errorf("the good batch stored %d versions", n)
	}
	var m bytes.Buffer
	kiosks, _ := db.Kiosks(ctx)
	srv.Metrics.write(&m, kiosks)
	for _, want := range []string{`collector_batches_refused_total{rule="token"} 3`, `collector_batches_refused_total{rule="record"} 8`,
		`collector_records_stored_total{kind="session_version"} 1`, `collector_kiosk_last_contact_seconds{kiosk="K3",site=""}`, `collector_batch_seconds_count 1`} {
		if !strings.Contains(m.String(), want) {
			t.Errorf("metrics lack %s:\n%s", want, m.String())
		}
	}
}

// A kiosk that pushes faster than its rate is told to slow down.
func TestRateLimit(t *testing.T) {
	db, _ := openTestDB(t)
	s := &Server{DB: db, Rate: 0.001, Burst: 3}
	hs := httptestServer(t, s)
	token, _ := db.AddToken(context.Background(), "K6")
	body := `{"kiosk":"K6"}`
	for i := 0; i < 3; i++ {
		if status, b := post(t, hs, token, body); status != 200 {
			t.Fatalf("batch %d: %d %s", i+1, status, b)
		}
	}
	if status, b := post(t, hs, token, body); status != 429 || !strings.Contains(b, "slow down") {
		t.Errorf("the fourth batch at once: %d %s, want 429", status, b)
	}
}

// Kiosks silent for days are listed, the longest silent first, and a
// kiosk never heard from heads the list.
func TestStaleKiosks(t *testing.T) {
	db, _ := openTestDB(t)
	ctx := context.Background()
	for _, id := range []string{"K7", "K8", "K9"} {
		if _, err := db.AddToken(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, 12, 2, 8, 0, 0, 0, report.ReportZone)
	for id, at := range map[string]time.Time{"K7": now.AddDate(0, 0, -5), "K8": now.Add(-time.Hour)} {
		if _, err := db.Ingest(ctx, fleet.Checked{Kiosk: id, Site: "Xã " + id}, at); err != nil {
			t.Fatal(err)
		}
	}
	ks, err := db.Stale(ctx, now.AddDate(0, 0, -3))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, k := range ks {
		got = append(got, k.ID)
	}
	if !reflect.DeepEqual(got, []string{"K9", "K7"}) {
		t.Errorf("stale kiosks: %v, want [K9 K7]", got)
	}
	db.RevokeTokens(ctx, "K9")
	if ks, _ := db.Stale(ctx, now.AddDate(0, 0, -3)); len(ks) != 1 {
		t.Errorf("a kiosk whose token was revoked is still listed: %v", ks)
	}
}

// The pack is served with its hash as ETag; a kiosk that has it gets 304.
func TestPackIsServedOnce(t *testing.T) {
	db, _ := openTestDB(t)
	pack := filepath.Join(t.TempDir(), "pack.zip")
	os.WriteFile(pack, []byte("PK signed pack bytes"), 0o644)
	s := &Server{DB: db, PackFile: pack}
	url := httptestServer(t, s)
	token, _ := db.AddToken(context.Background(), "K10")
	p := &fleet.Pusher{URL: url, Token: token, KioskID: "K10"}
	var got bytes.Buffer
	fresh, etag, err := p.FetchPack(context.Background(), "", &got, 1<<20)
	if err != nil || !fresh || got.String() != "PK signed pack bytes" || etag == "" {
		t.Fatalf("first fetch: %v %q %q %v", fresh, got.String(), etag, err)
	}
	got.Reset()
	fresh, etag2, err := p.FetchPack(context.Background(), etag, &got, 1<<20)
	if err != nil || fresh || got.Len() != 0 || etag2 != etag {
		t.Fatalf("second fetch: %v %q %q %v, want nothing new", fresh, got.String(), etag2, err)
	}
	if _, _, err := p.FetchPack(context.Background(), "", io.Discard, 4); err == nil {
		t.Error("a pack larger than the limit was taken")
	}
	// A new pack has a new tag.
	os.WriteFile(pack, []byte("PK signed pack bytes, version 2"), 0o644)
	if fresh, etag3, err := p.FetchPack(context.Background(), etag, io.Discard, 1<<20); err != nil || !fresh || etag3 == etag {
		t.Errorf("after the pack changed: %v %q %v", fresh, etag3, err)
	}
	// Only kiosks fetch it.
	if _, _, err := (&fleet.Pusher{URL: url, Token: "kt_nobody"}).FetchPack(context.Background(), "", io.Discard, 1<<20); err == nil {
		t.Error("the pack was served to an unknown token")
	}
}

// What the province reads needs a reader's token: no token, a kiosk's or
// a revoked reader's gets 401; a reader's gets the answer.
func TestReadersOnly(t *testing.T) {
	db, _ := openTestDB(t)
	_, hs := startServer(t, db)
	ctx := context.Background()
	kioskToken, _ := db.AddToken(ctx, "K12")
	reader, err := db.AddReader(ctx, "so-khcn")
	if err != nil {
		t.Fatal(err)
	}
	old, _ := db.AddReader(ctx, "old-dashboard")
	db.RevokeTokens(ctx, "old-dashboard")
	get := func(path, token string) int {
		req, _ := http.NewRequest(http.MethodGet, hs.URL+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, path := range []string{"/v1/tally?from=2026-11-01&to=2026-11-30", "/v1/stale?days=3", "/v1/report?month=2026-11", "/metrics"} {
		for name, token := range map[string]string{"no token": "", "a kiosk's": kioskToken, "a revoked reader's": old} {
			if code := get(path, token); code != 401 {
				t.Errorf("%s with %s token: %d, want 401", path, name, code)
			}
		}
		if code := get(path, reader); code != 200 {
			t.Errorf("%s with a reader's token: %d", path, code)
		}
	}
	if code := get("/v1/tally?from=yesterday", reader); code != 400 {
		t.Errorf("a bad day: %d", code)
	}
	if code := get("/healthz", ""); code != 200 {
		t.Errorf("/healthz: %d", code)
	}
	ts, _ := db.Tokens(ctx)
	if len(ts) != 3 || ts[0].Reader || ts[0].Kiosk != "K12" || ts[1].Kiosk != "old-dashboard" || ts[1].Revoked.IsZero() ||
		ts[2].Kiosk != "so-khcn" || !ts[2].Reader || !ts[2].Revoked.IsZero() {
		t.Errorf("tokens listed: %+v", ts)
	}
}

func httptestServer(t *testing.T, s *Server) string {
	t.Helper()
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	return hs.URL
}

// A kiosk restored from a backup numbers its audit lines again from the
// backup's: a new line with an old number is a new line, not a repeat.
func TestAuditAfterRestore(t *testing.T) {
	db, _ := openTestDB(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 10, 9, 0, 0, 0, report.ReportZone)
	send := func(seq int64, at time.Time, action string) {
		t.Helper()
		c, err := fleet.Batch{Kiosk: "K13", Audit: []fleet.AuditRecord{fleet.FromAudit(seq, kiosk.AuditEntry{At: at, Action: action})}}.Check()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Ingest(ctx, c, at); err != nil {
			t.Fatal(err)
		}
	}
	send(7, at, kiosk.AuditLogin)
	send(7, at, kiosk.AuditLogin) // a retry
	send(7, at.Add(48*time.Hour), kiosk.AuditRestore)
	if n := count(t, db, "audit"); n != 2 {
		t.Errorf("%d audit lines stored, want 2 (the retry once, the line after the restore too)", n)
	}
}
