package collector

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"onestop/kiosk/fleet"
)

// Metrics are the collector's counters, exposed at /metrics in
// Prometheus's text format. They are this process's; the last contact of
// each kiosk is read from PostgreSQL, so every collector shows the same.
type Metrics struct {
	mu       sync.Mutex
	records  map[string]float64 // kind → records stored (new)
	received float64            // records received, new or not
	batches  float64
	refusals map[string]float64 // rule → batches refused
	buckets  []float64          // latency bucket bounds, seconds
	counts   []float64          // per bucket (cumulative when written)
	sum      float64
}

// NewMetrics makes empty metrics.
func NewMetrics() *Metrics {
	b := []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}
	return &Metrics{records: map[string]float64{}, refusals: map[string]float64{}, buckets: b, counts: make([]float64, len(b)+1)}
}

func (m *Metrics) took(kiosk string, ack fleet.Ack, received int, d time.Duration, now time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.records["session_version"] += float64(ack.Sessions)
	m.records["visit"] += float64(ack.Visits)
	m.records["visit_event"] += float64(ack.Events)
	m.records["audit"] += float64(ack.Audit)
	m.received += float64(received)
	m.batches++
	sec := d.Seconds()
	i, _ := slices.BinarySearch(m.buckets, sec)
	m.counts[i]++
	m.sum += sec
}

func (m *Metrics) refused(rule string) {
	m.mu.Lock()
	m.refusals[rule]++
	m.mu.Unlock()
}

// write writes the metrics in Prometheus's text format.
func (m *Metrics) write(w io.Writer, kiosks []Kiosk) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var b strings.Builder
	b.WriteString("# HELP collector_records_stored_total Records stored for the first time, by kind.\n# TYPE collector_records_stored_total counter\n")
	for _, k := range sortedKeys(m.records) {
		fmt.Fprintf(&b, "collector_records_stored_total{kind=%q} %g\n", k, m.records[k])
	}
	b.WriteString("# HELP collector_records_received_total Records received in batches taken, new or already stored.\n# TYPE collector_records_received_total counter\n")
	fmt.Fprintf(&b, "collector_records_received_total %g\n", m.received)
	b.WriteString("# HELP collector_batches_refused_total Batches refused, by the rule they broke.\n# TYPE collector_batches_refused_total counter\n")
	for _, k := range sortedKeys(m.refusals) {
		fmt.Fprintf(&b, "collector_batches_refused_total{rule=%q} %g\n", k, m.refusals[k])
	}
	b.WriteString("# HELP collector_batch_seconds Time to take a batch, from its arrival to its acknowledgement.\n# TYPE collector_batch_seconds histogram\n")
	cum := 0.0
	for i, le := range m.buckets {
		cum += m.counts[i]
		fmt.Fprintf(&b, "collector_batch_seconds_bucket{le=\"%g\"} %g\n", le, cum)
	}
	cum += m.counts[len(m.buckets)]
	fmt.Fprintf(&b, "collector_batch_seconds_bucket{le=\"+Inf\"} %g\ncollector_batch_seconds_sum %g\ncollector_batch_seconds_count %g\n", cum, m.sum, cum)
	b.WriteString("# HELP collector_kiosk_last_contact_seconds When each kiosk last pushed a batch (Unix seconds).\n# TYPE collector_kiosk_last_contact_seconds gauge\n")
	for _, k := range kiosks {
		if !k.Last.IsZero() {
			fmt.Fprintf(&b, "collector_kiosk_last_contact_seconds{kiosk=%q,site=%q} %d\n", k.ID, k.Site, k.Last.Unix())
		}
	}
	io.WriteString(w, b.String())
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (s *Server) metrics(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	kiosks, err := s.DB.Kiosks(ctx)
	if err != nil {
		http.Error(w, "the database does not answer", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	s.Metrics.write(w, kiosks)
}
