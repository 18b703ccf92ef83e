package collector

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/fleet"
	"onestop/kiosk/kiosktest"
	"onestop/kiosk/report"
	"onestop/kiosk/store"
)

func openTestDB(t testing.TB) (*DB, string) {
	t.Helper()
	dsn := kiosktest.PostgresDB(t)
	db, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db, dsn
}

// startServer serves a collector over HTTP on loopback.
func startServer(t testing.TB, db *DB) (*Server, *httptest.Server) {
	t.Helper()
	s := &Server{DB: db, Rate: 1000, Burst: 1000}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	return s, hs
}

// demoKiosk is a kiosk's database filled with a few days of demo records,
// with a corrected session (three versions) among them.
func demoKiosk(t testing.TB, id string, sessions, visits int, seed uint64) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	end := time.Date(2026, 11, 28, 0, 0, 0, 0, report.ReportZone)
	d := &report.Demo{Store: st, Kiosk: id, Site: "Xã " + id, Places: []string{"Thôn 1", "Thôn 2", "Thôn 3"}, Seed: seed}
	if err := d.Fill(ctx, sessions, 5, visits, end, nil); err != nil {
		t.Fatal(err)
	}
	list, err := st.Sessions(ctx, end.AddDate(0, 0, -30), end, "")
	if err != nil || len(list) == 0 {
		t.Fatalf("demo sessions: %d, %v", len(list), err)
	}
	s := list[0]
	s.Version++
	s.Outcome, s.Reason, s.RecordedAt, s.ChangeReason = kiosk.OutcomeNotDone, "missing_papers", s.RecordedAt.Add(time.Hour), "ghi nhầm"
	if err := st.AddSessionVersion(ctx, s); err != nil {
		t.Fatal(err)
	}
	return st
}

// count is the number of rows of a table.
func count(t testing.TB, db *DB, table string) int {
	t.Helper()
	var n int
	if err := db.pool.QueryRow(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// everything pushes all of a kiosk's records with a new token.
func pusher(t testing.TB, db *DB, url string, st *store.Store, id string) *fleet.Pusher {
	t.Helper()
	token, err := db.AddToken(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return &fleet.Pusher{URL: url, Token: token, KioskID: id, Site: "Xã " + id, Source: st, Size: 97}
}
