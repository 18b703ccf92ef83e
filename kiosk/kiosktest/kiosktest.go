// Package kiosktest holds what the kiosk's tests share: a clock the test
// moves, a real store in a temporary folder and a PostgreSQL database.
package kiosktest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"onestop/kiosk/store"
)

// Clock is a clock the test moves.
type Clock struct{ T time.Time }

// NewClock is a clock at 08:00 UTC on 10 October 2026.
func NewClock() *Clock { return &Clock{time.Date(2026, 10, 10, 8, 0, 0, 0, time.UTC)} }

func (c *Clock) Now() time.Time      { return c.T }
func (c *Clock) Add(d time.Duration) { c.T = c.T.Add(d) }

// OpenStore opens a new database in the test's temporary folder, closed
// when the test ends.
func OpenStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// PostgresDB is the address of a new, empty database on the throw-away
// PostgreSQL server scripts/pg.sh started (KIOSK_TEST_PG), dropped when
// the test ends. Without a server the test is skipped, or fails when
// KIOSK_TEST_ALL says every tool make test installs must be there.
func PostgresDB(t testing.TB) string {
	t.Helper()
	base := os.Getenv("KIOSK_TEST_PG")
	if base == "" {
		if os.Getenv("KIOSK_TEST_ALL") != "" {
			t.Fatal("KIOSK_TEST_PG is not set: run the tests through scripts/pg.sh (make test does)")
		}
		t.Skip("no PostgreSQL: run the test through scripts/pg.sh")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var b [6]byte
	rand.Read(b[:])
	name := "test_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if conn, err := pgx.Connect(context.Background(), base); err == nil {
			conn.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			conn.Close(context.Background())
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
