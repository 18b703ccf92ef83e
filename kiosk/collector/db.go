// Package collector is the province's side of the fleet: it takes the
// batches of records kiosks push, stores each record once in PostgreSQL,
// and counts them as a kiosk counts its own. It keeps no state of its own
// outside PostgreSQL, so several collectors can run side by side.
package collector

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"onestop/kiosk"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is the collector's PostgreSQL database.
type DB struct {
	pool *pgxpool.Pool
}

// Open connects to PostgreSQL (a pgx connection string or URL) and brings
// the schema up to date.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("the database address: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	db := &DB{pool: pool}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the connections.
func (db *DB) Close() { db.pool.Close() }

// migrate applies the numbered migrations not yet applied, each in its
// own transaction, under an advisory lock so that collectors started
// together do not apply one twice.
func (db *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	slices.Sort(names)
	for i, name := range names {
		n, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(name, "migrations/"), "_", 2)[0])
		if err != nil || n != i+1 {
			return fmt.Errorf("migration %s is out of sequence", name)
		}
	}
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(7411)"); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"); err != nil {
		return err
	}
	var have int
	if err := tx.QueryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&have); err != nil {
		return err
	}
	if have > len(names) {
		return fmt.Errorf("the database is at schema version %d, newer than this collector's %d: run a newer collector", have, len(names))
	}
	for i := have; i < len(names); i++ {
		sql, err := migrations.ReadFile(names[i])
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, string(sql)); err != nil {
			return fmt.Errorf("migration %s: %w", names[i], err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO schema_version (version) VALUES ($1)", i+1); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

// Token is a kiosk's token as the admin sees it: never the secret.
type Token struct {
	Kiosk   string // or the reader's name
	Reader  bool
	Prefix  string // the first characters of the hash, to tell tokens apart
	Created time.Time
	Revoked time.Time // zero while valid
	Last    time.Time // the kiosk's last contact, zero if never
}

func tokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

func newToken() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return "kt_" + base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// AddToken issues a new token for a kiosk and returns it: the only time
// it is seen, since only its hash is kept. A kiosk may hold several (a
// new one before the old is revoked).
func (db *DB) AddToken(ctx context.Context, kioskID string) (string, error) {
	if kioskID == "" || len(kioskID) > 64 {
		return "", errors.New("a kiosk id of 1 to 64 characters is required")
	}
	token, err := newToken()
	if err != nil {
		return "", err
	}
	_, err = db.pool.Exec(ctx, `WITH k AS (INSERT INTO kiosks (kiosk_id) VALUES ($1) ON CONFLICT DO NOTHING)
		INSERT INTO tokens (hash, kiosk_id) VALUES ($2, $1)`, kioskID, tokenHash(token))
	if err != nil {
		return "", err
	}
	return token, nil
}

// AddReader issues a token that reads the fleet's tallies, reports, stale
// kiosks and metrics, and pushes nothing.
func (db *DB) AddReader(ctx context.Context, name string) (string, error) {
	if name == "" || len(name) > 64 {
		return "", errors.New("a reader's name of 1 to 64 characters is required")
	}
	token, err := newToken()
	if err != nil {
		return "", err
	}
	if _, err := db.pool.Exec(ctx, "INSERT INTO readers (hash, name) VALUES ($1, $2)", tokenHash(token), name); err != nil {
		return "", err
	}
	return token, nil
}

// RevokeTokens revokes every token of a kiosk, or of a reader of that
// name, and says how many were valid.
func (db *DB) RevokeTokens(ctx context.Context, name string) (int, error) {
	tag, err := db.pool.Exec(ctx, "UPDATE tokens SET revoked_at = now() WHERE kiosk_id = $1 AND revoked_at IS NULL", name)
	if err != nil {
		return 0, err
	}
	tag2, err := db.pool.Exec(ctx, "UPDATE readers SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL", name)
	if err != nil {
		return 0, err
	}
	return int(tag.RowsAffected() + tag2.RowsAffected()), nil
}

// Tokens lists every token, kiosks' then readers'.
func (db *DB) Tokens(ctx context.Context) ([]Token, error) {
	rows, err := db.pool.Query(ctx, `SELECT t.kiosk_id, false, encode(t.hash, 'hex'), t.created_at, t.revoked_at, k.last_contact
		FROM tokens t JOIN kiosks k USING (kiosk_id)
		UNION ALL SELECT name, true, encode(hash, 'hex'), created_at, revoked_at, NULL FROM readers
		ORDER BY 2, 1, 4`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var revoked, last *time.Time
		if err := rows.Scan(&t.Kiosk, &t.Reader, &t.Prefix, &t.Created, &revoked, &last); err != nil {
			return nil, err
		}
		t.Prefix = t.Prefix[:8]
		if revoked != nil {
			t.Revoked = *revoked
		}
		if last != nil {
			t.Last = *last
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Errors of authentication.
var (
	ErrNoToken      = errors.New("no such token")
	ErrTokenRevoked = errors.New("the token was revoked")
)

// Authenticate says which kiosk a token is.
func (db *DB) Authenticate(ctx context.Context, token string) (string, error) {
	return db.holder(ctx, "SELECT kiosk_id, revoked_at FROM tokens WHERE hash = $1", token)
}

// Reader says whose reader token this is.
func (db *DB) Reader(ctx context.Context, token string) (string, error) {
	return db.holder(ctx, "SELECT name, revoked_at FROM readers WHERE hash = $1", token)
}

// holder looks a token up by its hash: who holds it, unless revoked.
func (db *DB) holder(ctx context.Context, q, token string) (string, error) {
	var name string
	var revoked *time.Time
	err := db.pool.QueryRow(ctx, q, tokenHash(token)).Scan(&name, &revoked)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return "", ErrNoToken
	case err != nil:
		return "", err
	case revoked != nil:
		return "", ErrTokenRevoked
	}
	return name, nil
}

// Kiosk is what the collector knows of a kiosk.
type Kiosk struct {
	ID    string
	Site  string
	First time.Time // zero if never in contact
	Last  time.Time
}

// Stale lists the kiosks with a valid token that have not pushed a batch
// since before the moment (or ever), the longest silent first.
func (db *DB) Stale(ctx context.Context, since time.Time) ([]Kiosk, error) {
	return db.kiosks(ctx, `WHERE (k.last_contact IS NULL OR k.last_contact < $1)
		AND EXISTS (SELECT 1 FROM tokens t WHERE t.kiosk_id = k.kiosk_id AND t.revoked_at IS NULL)
		ORDER BY k.last_contact NULLS FIRST, k.kiosk_id`, since)
}

// Kiosks lists every kiosk the collector knows.
func (db *DB) Kiosks(ctx context.Context) ([]Kiosk, error) {
	return db.kiosks(ctx, "ORDER BY k.kiosk_id")
}

func (db *DB) kiosks(ctx context.Context, where string, args ...any) ([]Kiosk, error) {
	rows, err := db.pool.Query(ctx, "SELECT k.kiosk_id, k.site, k.first_contact, k.last_contact FROM kiosks k "+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Kiosk
	for rows.Next() {
		var k Kiosk
		var first, last *time.Time
		if err := rows.Scan(&k.ID, &k.Site, &first, &last); err != nil {
			return nil, err
		}
		if first != nil {
			k.First = *first
		}
		if last != nil {
			k.Last = *last
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// retryable says whether a transaction failed only because another one
// ran at the same time (a deadlock or a serialization failure): it is
// tried again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// day is kiosk.LocalDay of Unix milliseconds.
func day(ms int64) int64 { return kiosk.LocalDay(time.UnixMilli(ms)) }
