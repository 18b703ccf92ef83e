package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/fleet"
	"onestop/kiosk/packfile"
	"onestop/kiosk/store"
)

// syncFile holds the collector's address and this kiosk's token, in the
// data folder, readable by the kiosk's user alone: the token is this
// kiosk's own, so it is not in the content pack every kiosk shares.
const syncFile = "collector.json"

type syncConfig struct {
	URL   string `json:"url"`
	Token string `json:"token"`
}

func readSyncConfig(dir string) (syncConfig, bool, error) {
	var c syncConfig
	data, err := os.ReadFile(filepath.Join(dir, syncFile))
	if errors.Is(err, os.ErrNotExist) {
		return c, false, nil
	}
	if err != nil {
		return c, false, err
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return c, false, fmt.Errorf("%s: %w", syncFile, err)
	}
	if c.URL == "" || c.Token == "" {
		return c, false, fmt.Errorf("%s names no collector or no token: run kiosk sync setup", syncFile)
	}
	return c, true, nil
}

func checkCollectorURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("--url %q: give the collector's address, like https://collector.nghean.gov.vn", s)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return fmt.Errorf("--url %q: records leave this kiosk only over https (http only to this machine)", s)
	}
	return nil
}

func isLoopback(host string) bool {
	return host == "localhost" || strings.HasPrefix(host, "127.") || host == "::1"
}

func runSync(args []string) int {
	const help = `Usage: kiosk sync [setup --url URL | now | status] [--data DIR]

Sends this kiosk's records to the province's collector. The kiosk does it by
itself in the background while it runs; these commands set it up and run it
by hand.
  setup --url URL   the collector's address; the token is read from standard
                    input (or KIOSK_SYNC_TOKEN), as kiosk-collector token add gave it
  now               send what is new now and say how it went
  status            when the collector last took a batch, and what waits
`
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, help)
		return 2
	}
	sub := args[0]
	c := newCommand("sync "+sub, help)
	c.dataFlag("")
	urlFlag := c.fs.String("url", "", "setup: the collector's address")
	if code, ok := c.parse(args[1:]); !ok {
		return code
	}
	dir, err := c.dataDir()
	if err != nil {
		return c.fail(err)
	}
	switch sub {
	case "setup":
		if err := checkCollectorURL(*urlFlag); err != nil {
			return c.usageError("%v", err)
		}
		token := os.Getenv("KIOSK_SYNC_TOKEN")
		if token == "" {
			data, err := io.ReadAll(io.LimitReader(os.Stdin, 4096))
			if err != nil {
				return c.fail(err)
			}
			token = strings.TrimSpace(string(data))
		}
		if token == "" {
			return c.usageError("give the token on standard input or in KIOSK_SYNC_TOKEN")
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return c.fail(err)
		}
		data, _ := json.MarshalIndent(syncConfig{URL: *urlFlag, Token: token}, "", "  ")
		if err := writeSecret(filepath.Join(dir, syncFile), append(data, '\n')); err != nil {
			return c.fail(err)
		}
		fmt.Printf("This kiosk sends its records to %s. Try it with: kiosk sync now\n", *urlFlag)
		return 0
	case "now", "status":
	default:
		return c.usageError("no sync command %q: say setup, now or status", sub)
	}
	cfg, ok, err := readSyncConfig(dir)
	if err != nil {
		return c.fail(err)
	}
	if !ok {
		return c.fail(errors.New("this kiosk sends its records to no collector: run kiosk sync setup --url URL"))
	}
	st, _, err := c.openStore()
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	ctx := context.Background()
	if sub == "now" {
		pack, _ := loadPack("", dir, log.New(io.Discard, "", 0))
		p := newPusher(cfg, pack.Settings, st, log.New(os.Stderr, "", 0))
		sent, err := p.Push(ctx)
		if err != nil {
			return c.fail(fmt.Errorf("after %d records: %w", sent, err))
		}
		fmt.Printf("%d records sent to %s\n", sent, cfg.URL)
	}
	s := syncStatus(ctx, st, true, "")
	fmt.Println(describeSync(s, cfg.URL))
	return 0
}

// writeSecret writes a file readable by its owner alone from its first
// byte, under a temporary name renamed over the old one.
func writeSecret(file string, data []byte) error {
	tmp := file + ".new"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return kiosk.RenameDurably(tmp, file)
}

// syncSource is the kiosk's store as the pusher reads it. Before each
// push it closes visits left open for hours (their end was never written),
// which would hold back every later visit.
type syncSource struct {
	*store.Store
	logger *log.Logger
}

func (s syncSource) SyncMarks(ctx context.Context) (fleet.Marks, time.Time, error) {
	if n, err := s.CloseOpenBefore(ctx, time.Now().Add(-3*time.Hour)); err != nil {
		s.logger.Printf("sync: %v", err)
	} else if n > 0 {
		s.logger.Printf("sync: closed %d visit(s) left open for hours", n)
	}
	return s.Store.SyncMarks(ctx)
}

func newPusher(cfg syncConfig, settings content.Settings, st *store.Store, logger *log.Logger) *fleet.Pusher {
	return &fleet.Pusher{URL: cfg.URL, Token: cfg.Token, KioskID: settings.KioskID, Site: settings.SiteName,
		Source: syncSource{st, logger},
		Withheld: func(why []string) {
			for _, w := range why {
				logger.Printf("sync: passed over, no collector takes it: %s", w)
			}
		}}
}

func syncStatus(ctx context.Context, st *store.Store, configured bool, lastErr string) fleet.Status {
	s := fleet.Status{Configured: configured, Err: lastErr}
	marks, last, err := st.SyncMarks(ctx)
	if err != nil {
		s.Err = err.Error()
		return s
	}
	s.Last = last
	if s.Pending, err = st.Pending(ctx, marks); err != nil {
		s.Err = err.Error()
	}
	return s
}

func describeSync(s fleet.Status, url string) string {
	if !s.Configured {
		return "not set up (records travel by USB: kiosk export and kiosk merge)"
	}
	last := "never"
	if !s.Last.IsZero() {
		last = s.Last.In(kiosk.Zone).Format("2006-01-02 15:04:05")
	}
	out := fmt.Sprintf("to %s; last taken %s; %d records waiting", url, last, s.Pending)
	if s.Err != "" {
		out += "; last try failed: " + s.Err
	}
	return out
}

// syncer pushes the kiosk's records in the background while it runs, and
// fetches the collector's signed pack, which installs only if packfile
// accepts it (signature, version, expiry) and is taken at an idle reset.
type syncer struct {
	mu      sync.Mutex
	lastErr string
}

func (y *syncer) err() string {
	y.mu.Lock()
	defer y.mu.Unlock()
	return y.lastErr
}

func (y *syncer) run(ctx context.Context, cfg syncConfig, settings content.Settings, st *store.Store, dir string,
	packs *packService, offer func(*content.Pack), logger *log.Logger) {
	p := newPusher(cfg, settings, st, logger)
	go p.Run(ctx, 5*time.Minute, func(sent int, err error) {
		y.mu.Lock()
		defer y.mu.Unlock()
		switch {
		case err != nil:
			if y.lastErr != err.Error() { // said once, not every try
				logger.Printf("sync: %v (the records wait; the kiosk tries again)", err)
			}
			y.lastErr = err.Error()
		case sent > 0:
			logger.Printf("sync: %d records taken by the collector", sent)
			y.lastErr = ""
		default:
			y.lastErr = ""
		}
	})
	// The pack, once an hour.
	etagFile := filepath.Join(dir, "cache", "collector-pack.etag")
	for {
		if err := y.fetchPack(ctx, p, dir, etagFile, packs, offer, logger); err != nil && ctx.Err() == nil {
			logger.Printf("sync: content pack: %v", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Hour):
		}
	}
}

// fetchPack fetches the collector's pack if it changed, streaming it to a
// file, and installs it. Its tag is kept once it is installed or refused
// for what it is (a packfile rule, or content the kiosk cannot load): the
// same bytes are not fetched again. A failure of this machine (a full
// disk) keeps the old tag, so it is tried again.
func (y *syncer) fetchPack(ctx context.Context, p *fleet.Pusher, dir, etagFile string, packs *packService, offer func(*content.Pack), logger *log.Logger) error {
	etag, _ := os.ReadFile(etagFile)
	file := filepath.Join(dir, "cache", "collector-pack.zip")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	defer os.Remove(file)
	fresh, tag, err := p.FetchPack(ctx, strings.TrimSpace(string(etag)), f, 256<<20)
	if errClose := f.Close(); err == nil {
		err = errClose
	}
	if err != nil || !fresh {
		return err
	}
	m, pk, err := packs.Install(file)
	var rule *packfile.Rule
	var notLoadable *unloadableError
	if err == nil || (errors.As(err, &rule) && rule.Name != "busy") || errors.As(err, &notLoadable) {
		os.WriteFile(etagFile, []byte(tag+"\n"), 0o644)
	}
	if err != nil {
		return fmt.Errorf("refused: %w", err)
	}
	logger.Printf("sync: content pack %s version %d installed from the collector; taken at the next idle reset", m.Name, m.Version)
	offer(pk)
	return nil
}
