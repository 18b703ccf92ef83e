package fleet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// Source is a kiosk's store as the pusher reads it.
type Source interface {
	SyncMarks(ctx context.Context) (Marks, time.Time, error)
	SetSyncMarks(ctx context.Context, m Marks, at time.Time) error
	Unsent(ctx context.Context, kioskID string, from Marks, limit int) (Batch, error)
}

// Pusher sends a kiosk's new records to the collector, in the order they
// were written, a batch at a time. A mark moves only after the collector
// acknowledges the batch, so after a lost connection or a restart the
// pusher sends again from the last acknowledged record, and the collector
// stores each record once. It never changes or deletes a local record.
type Pusher struct {
	URL     string // the collector, e.g. https://collector.example.vn
	Token   string
	KioskID string
	Site    string
	Source  Source
	Client  *http.Client // default: a client with a 30 s timeout
	Size    int          // records a batch (default 500)
	Now     func() time.Time
	// The wait after a failure doubles from MinWait to MaxWait, with
	// jitter, and goes back to MinWait after a success.
	MinWait, MaxWait time.Duration
	// Withheld hears of records passed over because no collector would
	// take them (Batch.Sift), with the reason of each.
	Withheld func(reasons []string)
}

// RefusedError is a batch the collector refused for what it holds (a
// record that breaks a rule, a token revoked): sending it again will not
// help until someone acts.
type RefusedError struct {
	Status int
	Rule   string
	Msg    string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("the collector refused the batch (%d, %s): %s", e.Status, e.Rule, e.Msg)
}

func (p *Pusher) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// Push sends batches until nothing new is left, and returns how many
// records it sent. The first failure stops it, the marks standing at
// the last acknowledged batch. A batch too large for the collector (or a
// proxy before it) is sent again in halves.
func (p *Pusher) Push(ctx context.Context) (int, error) {
	size := p.Size
	if size <= 0 {
		size = 500
	}
	marks, _, err := p.Source.SyncMarks(ctx)
	if err != nil {
		return 0, err
	}
	sent := 0
	for {
		b, err := p.Source.Unsent(ctx, p.KioskID, marks, size)
		if err != nil {
			return sent, err
		}
		n := len(b.Sessions) + len(b.Visits) + len(b.Audit)
		if n == 0 && sent > 0 {
			return sent, nil
		}
		// n == 0 with nothing sent yet: a batch of no records still tells
		// the collector the kiosk is alive.
		b, withheld := b.Sift()
		if len(withheld) > 0 && p.Withheld != nil {
			p.Withheld(withheld)
		}
		b.Site = p.Site
		body, err := json.Marshal(b)
		if err != nil {
			return sent, err
		}
		if len(body) > MaxBatchBytes/2 && n > 1 {
			size = max(1, n/2)
			continue
		}
		ack, err := p.post(ctx, body)
		var refused *RefusedError
		if errors.As(err, &refused) && refused.Status == http.StatusRequestEntityTooLarge && n > 1 {
			size = max(1, n/2)
			continue
		}
		if err != nil {
			return sent, err
		}
		if ack.Marks != b.Marks {
			return sent, fmt.Errorf("the collector acknowledged marks %+v for a batch up to %+v", ack.Marks, b.Marks)
		}
		if err := p.Source.SetSyncMarks(ctx, b.Marks, p.now()); err != nil {
			return sent, err
		}
		if n == 0 {
			return 0, nil
		}
		marks = b.Marks
		sent += n
	}
}

// Send posts one batch and reads the acknowledgement.
func (p *Pusher) Send(ctx context.Context, b Batch) (Ack, error) {
	body, err := json.Marshal(b)
	if err != nil {
		return Ack{}, err
	}
	return p.post(ctx, body)
}

func (p *Pusher) post(ctx context.Context, body []byte) (Ack, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(p.URL, "/")+"/v1/batches", bytes.NewReader(body))
	if err != nil {
		return Ack{}, err
	}
	req.Header.Set("Authorization", "Bearer "+p.Token)
	req.Header.Set("Content-Type", "application/json")
	client := p.Client
	if client == nil {
		client = &http.Client{Timeout: 2 * time.Minute}
	}
	resp, err := client.Do(req)
	if err != nil {
		return Ack{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return Ack{}, err
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error string `json:"error"`
			Rule  string `json:"rule"`
		}
		json.Unmarshal(data, &e)
		if e.Error == "" {
			e.Error = strings.TrimSpace(string(data))
		}
		if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
			return Ack{}, fmt.Errorf("the collector answered %d: %s", resp.StatusCode, e.Error)
		}
		return Ack{}, &RefusedError{Status: resp.StatusCode, Rule: e.Rule, Msg: e.Error}
	}
	var ack Ack
	if err := json.Unmarshal(data, &ack); err != nil {
		return Ack{}, fmt.Errorf("the collector's answer: %w", err)
	}
	return ack, nil
}

// Run pushes every interval until ctx ends, waiting longer after each
// failure (exponential back-off with jitter). report, if not nil, hears
// of every round: what was sent, or the error.
func (p *Pusher) Run(ctx context.Context, every time.Duration, report func(sent int, err error)) {
	minWait, maxWait := p.MinWait, p.MaxWait
	if minWait <= 0 {
		minWait = 5 * time.Second
	}
	if maxWait <= 0 {
		maxWait = 30 * time.Minute
	}
	wait := minWait
	for {
		sent, err := p.Push(ctx)
		if report != nil && ctx.Err() == nil {
			report(sent, err)
		}
		next := every
		if err != nil {
			next = wait/2 + rand.N(wait/2+1)
			wait = min(wait*2, maxWait)
			var refused *RefusedError
			if errors.As(err, &refused) {
				wait = maxWait // someone must act: do not hammer the collector
			}
		} else {
			wait = minWait
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(next):
		}
	}
}

// FetchPack asks the collector for its current signed pack and writes it
// to w, at most maxBytes. It returns false when the pack is the one whose
// ETag is given (or the collector serves none), and the pack's ETag. The
// pack is checked and installed by the caller (packfile), never trusted
// for coming from here.
func (p *Pusher) FetchPack(ctx context.Context, etag string, w io.Writer, maxBytes int64) (bool, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(p.URL, "/")+"/v1/pack", nil)
	if err != nil {
		return false, "", err
	}
	req.Header.Set("Authorization", "Bearer "+p.Token)
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	client := p.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Minute}
	}
	resp, err := client.Do(req)
	if err != nil {
		return false, "", err
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusNotModified, http.StatusNotFound:
		return false, etag, nil
	case http.StatusOK:
	default:
		return false, "", fmt.Errorf("the collector answered %d for its pack", resp.StatusCode)
	}
	n, err := io.Copy(w, io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return false, "", err
	}
	if n > maxBytes {
		return false, "", fmt.Errorf("the collector's pack is larger than %d bytes", maxBytes)
	}
	return true, resp.Header.Get("ETag"), nil
}

// Status is how a kiosk's sync with the collector stands, for its admin.
type Status struct {
	Configured bool      // a collector and token are set
	Last       time.Time // the last acknowledged push; zero if never
	Pending    int       // records not yet acknowledged
	Err        string    // the last push's error, "" if it went through
}
