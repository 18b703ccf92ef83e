package collector

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"onestop/kiosk/fleet"
	"onestop/kiosk/report"
)

// Server is the collector's HTTP interface:
//
//	POST /v1/batches   a kiosk's batch (Bearer token); answers a fleet.Ack
//	GET  /v1/tally     the fleet's tallies (?from=&to=&by=&count=&site=)
//	GET  /v1/report    the signed report (?month=|quarter=|year=, &site=, &format=xlsx)
//	GET  /v1/stale     kiosks silent for ?days= days
//	GET  /v1/pack      the current signed content pack (ETag, If-None-Match)
//	GET  /metrics      Prometheus metrics
//	GET  /healthz      200 when PostgreSQL answers
type Server struct {
	DB       *DB
	PackFile string     // the signed pack kiosks fetch; "" for none
	Head     ReportHead // who issues and signs the reports
	Rate     float64    // batches a second a kiosk may push (0: 2)
	Burst    int        // and in a burst (0: 20)
	Now      func() time.Time
	Log      *slog.Logger
	Metrics  *Metrics
	limits   sync.Map // kiosk id → *bucket
	packMu   sync.Mutex
	packSize int64
	packTime time.Time
	packETag string
	initOnce sync.Once
}

func (s *Server) init() {
	s.initOnce.Do(func() {
		if s.Now == nil {
			s.Now = time.Now
		}
		if s.Log == nil {
			s.Log = slog.New(slog.NewTextHandler(os.Stderr, nil))
		}
		if s.Metrics == nil {
			s.Metrics = NewMetrics()
		}
		if s.Rate <= 0 {
			s.Rate = 2
		}
		if s.Burst <= 0 {
			s.Burst = 20
		}
	})
}

// Handler is the collector's routes.
func (s *Server) Handler() http.Handler {
	s.init()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/batches", s.batch)
	mux.HandleFunc("GET /v1/pack", s.kioskOnly(s.pack))
	// What the province reads needs a reader's token, never a kiosk's.
	mux.HandleFunc("GET /v1/tally", s.readerOnly(s.tally))
	mux.HandleFunc("GET /v1/stale", s.readerOnly(s.stale))
	mux.HandleFunc("GET /v1/report", s.readerOnly(s.report))
	mux.HandleFunc("GET /metrics", s.readerOnly(s.metrics))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := s.DB.pool.Ping(r.Context()); err != nil {
			http.Error(w, "PostgreSQL does not answer", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "ok\n")
	})
	return mux
}

// problem is a refused request's answer: a status, a reason for the
// metrics and a message for the kiosk's admin.
type problem struct {
	status int
	reason string
	msg    string
}

func (s *Server) refuse(w http.ResponseWriter, p problem) {
	s.Metrics.refused(p.reason)
	w.Header().Set("Content-Type", "application/json")
	if p.status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "1")
	}
	w.WriteHeader(p.status)
	json.NewEncoder(w).Encode(map[string]string{"error": p.msg, "rule": p.reason})
}

// kioskOf authenticates a request's bearer token.
func (s *Server) kioskOf(r *http.Request) (string, *problem) {
	token := bearer(r)
	if token == "" {
		return "", &problem{http.StatusUnauthorized, "token", "no token: send Authorization: Bearer <the kiosk's token>"}
	}
	id, err := s.DB.Authenticate(r.Context(), token)
	switch {
	case errors.Is(err, ErrTokenRevoked):
		return "", &problem{http.StatusUnauthorized, "token", "this kiosk's token was revoked: ask the province for a new one"}
	case errors.Is(err, ErrNoToken):
		return "", &problem{http.StatusUnauthorized, "token", "unknown token"}
	case err != nil:
		return "", &problem{http.StatusServiceUnavailable, "database", "the collector's database does not answer: try again later"}
	}
	return id, nil
}

func bearer(r *http.Request) string {
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return token
}

// readerOnly lets through requests with a reader's token.
func (s *Server) readerOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, err := s.DB.Reader(r.Context(), bearer(r))
		switch {
		case errors.Is(err, ErrNoToken) || errors.Is(err, ErrTokenRevoked):
			s.refuse(w, problem{http.StatusUnauthorized, "token", "this needs a reader's token (kiosk-collector token add --reader NAME)"})
		case err != nil:
			s.refuse(w, problem{http.StatusServiceUnavailable, "database", "the collector's database does not answer"})
		default:
			h(w, r)
		}
	}
}

// kioskOnly lets through requests with a kiosk's token.
func (s *Server) kioskOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, p := s.kioskOf(r); p != nil {
			s.refuse(w, *p)
			return
		}
		h(w, r)
	}
}

func (s *Server) batch(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	kioskID, p := s.kioskOf(r)
	if p != nil {
		s.refuse(w, *p)
		return
	}
	if !s.allow(kioskID) {
		s.refuse(w, problem{http.StatusTooManyRequests, "rate", "too many batches from this kiosk: slow down"})
		return
	}
	if r.ContentLength > fleet.MaxBatchBytes {
		s.refuse(w, problem{http.StatusRequestEntityTooLarge, "size", fmt.Sprintf("a batch is at most %d bytes", fleet.MaxBatchBytes)})
		return
	}
	body := http.MaxBytesReader(w, r.Body, fleet.MaxBatchBytes)
	var b fleet.Batch
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.refuse(w, problem{http.StatusRequestEntityTooLarge, "size", fmt.Sprintf("a batch is at most %d bytes", fleet.MaxBatchBytes)})
			return
		}
		s.refuse(w, problem{http.StatusBadRequest, "malformed", "not a batch: " + err.Error()})
		return
	}
	if dec.More() {
		s.refuse(w, problem{http.StatusBadRequest, "malformed", "not a batch: more than one JSON value"})
		return
	}
	if b.Kiosk != kioskID {
		s.refuse(w, problem{http.StatusForbidden, "kiosk", fmt.Sprintf("this token is kiosk %q's, not %q's", kioskID, b.Kiosk)})
		return
	}
	checked, err := b.Check()
	if err != nil {
		s.refuse(w, problem{http.StatusUnprocessableEntity, "record", err.Error()})
		return
	}
	ack, err := s.DB.Ingest(r.Context(), checked, s.Now())
	if err != nil {
		s.Log.Error("batch not stored", "kiosk", kioskID, "err", err)
		s.refuse(w, problem{http.StatusServiceUnavailable, "database", "the batch was not stored: send it again later"})
		return
	}
	s.Metrics.took(kioskID, ack, len(b.Sessions)+len(b.Visits)+len(b.Audit), time.Since(start), s.Now())
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(ack)
}

// bucket is a kiosk's token bucket: Rate batches a second, Burst at once.
type bucket struct {
	mu     sync.Mutex
	tokens float64
	last   time.Time
}

// allow takes a token from the kiosk's bucket. The buckets are this
// process's: with several collectors a kiosk may push a little faster,
// which is harmless; they hold no record.
func (s *Server) allow(kioskID string) bool {
	v, _ := s.limits.LoadOrStore(kioskID, &bucket{tokens: float64(s.Burst), last: time.Now()})
	b := v.(*bucket)
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	b.tokens = min(float64(s.Burst), b.tokens+now.Sub(b.last).Seconds()*s.Rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// TallyRequest is what a tally counts: the same as `kiosk tally`.
type TallyRequest struct {
	From, To time.Time
	By       []report.Dimension
	Count    string // "sessions" or a report.VisitMeasure
	Site     string // "" for the whole province
}

// Tally counts the fleet's records.
func (db *DB) Tally(ctx context.Context, q TallyRequest) ([]report.Row, error) {
	t := &report.Tallies{Counter: Counter{DB: db, Site: q.Site}}
	if q.Count == "" || q.Count == "sessions" {
		return t.Sessions(ctx, q.From, q.To, q.By...)
	}
	return t.Visits(ctx, report.VisitMeasure(q.Count), q.From, q.To, q.By...)
}

func (s *Server) tally(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var req TallyRequest
	var err error
	// Both days are included, as kiosk tally and kiosk-collector tally take them.
	if req.From, req.To, err = report.Days(q.Get("from"), q.Get("to"), s.Now()); err != nil {
		http.Error(w, strings.ReplaceAll(err.Error(), "--", ""), http.StatusBadRequest)
		return
	}
	for _, d := range strings.Split(q.Get("by"), ",") {
		if d = strings.TrimSpace(d); d != "" {
			req.By = append(req.By, report.Dimension(d))
		}
	}
	req.Count, req.Site = q.Get("count"), q.Get("site")
	rows, err := s.DB.Tally(r.Context(), req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	out := struct {
		From  string       `json:"from"`
		To    string       `json:"to"`
		By    []string     `json:"by"`
		Count string       `json:"count"`
		Site  string       `json:"site,omitempty"`
		Rows  []report.Row `json:"rows"`
	}{q.Get("from"), q.Get("to"), []string{}, req.Count, req.Site, rows}
	if out.Count == "" {
		out.Count = "sessions"
	}
	for _, d := range req.By {
		out.By = append(out.By, string(d))
	}
	if out.Rows == nil {
		out.Rows = []report.Row{}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

func (s *Server) stale(w http.ResponseWriter, r *http.Request) {
	days := 3
	if v := r.URL.Query().Get("days"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			http.Error(w, "days: a whole number of days", http.StatusBadRequest)
			return
		}
		days = n
	}
	ks, err := s.DB.Stale(r.Context(), s.Now().AddDate(0, 0, -days))
	if err != nil {
		http.Error(w, "the database does not answer", http.StatusServiceUnavailable)
		return
	}
	type row struct {
		Kiosk string `json:"kiosk"`
		Site  string `json:"site"`
		Last  string `json:"last_contact"` // "" if never
	}
	out := []row{}
	for _, k := range ks {
		last := ""
		if !k.Last.IsZero() {
			last = k.Last.In(report.ReportZone).Format(time.RFC3339)
		}
		out = append(out, row{k.ID, k.Site, last})
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

// pack serves the current signed pack. Kiosks fetch it with the ETag of
// the one they have and get 304 when it has not changed; a pack is
// checked on the kiosk (signature, version, expiry) before it installs,
// so the collector needs no key. The hash is taken again only when the
// file's size or time changes.
func (s *Server) pack(w http.ResponseWriter, r *http.Request) {
	if s.PackFile == "" {
		http.Error(w, "this collector serves no content pack", http.StatusNotFound)
		return
	}
	f, err := os.Open(s.PackFile)
	if err != nil {
		http.Error(w, "the content pack cannot be read", http.StatusServiceUnavailable)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		http.Error(w, "the content pack cannot be read", http.StatusServiceUnavailable)
		return
	}
	etag, err := s.packTag(f, st)
	if err != nil {
		http.Error(w, "the content pack cannot be read", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "application/zip")
	http.ServeContent(w, r, "pack.zip", st.ModTime(), f)
}

func (s *Server) packTag(f *os.File, st os.FileInfo) (string, error) {
	s.packMu.Lock()
	defer s.packMu.Unlock()
	if s.packSize == st.Size() && s.packTime.Equal(st.ModTime()) && s.packETag != "" {
		return s.packETag, nil
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	s.packSize, s.packTime, s.packETag = st.Size(), st.ModTime(), `"`+hex.EncodeToString(h.Sum(nil))+`"`
	return s.packETag, nil
}

func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	given := q.Get("month") + q.Get("quarter") + q.Get("year")
	p, err := report.ParseReportPeriod(given)
	if err != nil {
		http.Error(w, "give the period as month=2026-11, quarter=2026-Q4 or year=2026: "+err.Error(), http.StatusBadRequest)
		return
	}
	xlsx := q.Get("format") == "xlsx"
	var b bytes.Buffer
	if err := s.DB.Report(r.Context(), p, q.Get("site"), s.Head, xlsx, &b); err != nil {
		s.Log.Error("report", "err", err)
		http.Error(w, "the report could not be made", http.StatusServiceUnavailable)
		return
	}
	name, kind := "bao-cao-"+given+".pdf", "application/pdf"
	if xlsx {
		name, kind = "bao-cao-"+given+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	w.Header().Set("Content-Type", kind)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(b.Bytes())
}
