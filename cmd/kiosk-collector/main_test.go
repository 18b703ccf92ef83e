package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"onestop/kiosk/kiosktest"
)

// capture runs the command and returns its exit status and output.
func capture(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	outR, outW, _ := os.Pipe()
	errR, errW, _ := os.Pipe()
	stdout, stderr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = outW, errW
	code := run(args)
	os.Stdout, os.Stderr = stdout, stderr
	outW.Close()
	errW.Close()
	out, _ := io.ReadAll(outR)
	errs, _ := io.ReadAll(errR)
	return code, string(out), string(errs)
}

func testDB(t *testing.T) string { return kiosktest.PostgresDB(t) }

func TestUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{nil, 2, "Usage: kiosk-collector COMMAND"},
		{[]string{"--help"}, 0, "token add KIOSK"},
		{[]string{"fly"}, 2, `no command "fly"`},
		{[]string{"token"}, 2, "token add [--reader] NAME | revoke NAME | list"},
		{[]string{"token", "add"}, 2, "token add [--reader] NAME"},
		{[]string{"tally", "--from", "yesterday"}, 2, "not a date like 2026-10-01"},
		{[]string{"report"}, 2, "give the period"},
		{[]string{"report", "--month", "2026-11", "--year", "2026"}, 2, "not two"},
		{[]string{"report", "--month", "2026-11", "--format", "doc"}, 2, "neither pdf nor xlsx"},
		{[]string{"serve", "--tls-cert", "c.pem"}, 2, "both --tls-cert and --tls-key"},
		{[]string{"stale", "--db", ""}, 1, "give the PostgreSQL address"},
	} {
		t.Setenv("KIOSK_COLLECTOR_DB", "")
		code, out, errs := capture(t, c.args...)
		if code != c.code || !strings.Contains(out+errs, c.says) {
			t.Errorf("%v: exit %d, %q; want %d saying %q", c.args, code, out+errs, c.code, c.says)
		}
	}
}

// Tokens are issued, listed by a prefix of their hash only, and revoked;
// a kiosk's JSON Lines export imports once; the tally reads it back.
func TestTokensImportAndTally(t *testing.T) {
	t.Setenv("KIOSK_COLLECTOR_DB", testDB(t))
	code, token, _ := capture(t, "token", "add", "NA-01")
	token = strings.TrimSpace(token)
	if code != 0 || !strings.HasPrefix(token, "kt_") || len(token) < 40 {
		t.Fatalf("token add: %d %q", code, token)
	}
	code, list, _ := capture(t, "token", "list")
	if code != 0 || !strings.Contains(list, "NA-01") || strings.Contains(list, token[3:]) {
		t.Errorf("token list: %d %q (the token itself must not show)", code, list)
	}
	if code, reader, _ := capture(t, "token", "add", "--reader", "so-khcn"); code != 0 || !strings.HasPrefix(reader, "kt_") {
		t.Errorf("token add --reader: %d %q", code, reader)
	}
	if _, list, _ := capture(t, "token", "list"); !strings.Contains(list, "so-khcn\treader") || !strings.Contains(list, "NA-01\tkiosk") {
		t.Errorf("token list: %q", list)
	}
	if code, out, _ := capture(t, "token", "revoke", "NA-01"); code != 0 || !strings.Contains(out, "1 token(s)") {
		t.Errorf("revoke: %d %q", code, out)
	}
	if code, _, errs := capture(t, "token", "revoke", "NA-01"); code != 1 || !strings.Contains(errs, "no valid token") {
		t.Errorf("revoke twice: %d %q", code, errs)
	}
	file := filepath.Join(t.TempDir(), "k.jsonl")
	line := `{"id":"019a5b2e-5c00-7000-8000-000000000001","version":2,"status":"closed","kiosk_id":"NA-01","site":"Xã A","staff_id":"019a5b2e-5c00-7000-8000-0000000000aa","started":"2026-11-10T09:00:00+07:00","ended":"2026-11-10T09:10:00+07:00","duration_s":600,"procedures":["1.001193"],"help":["submitted"],"outcome":"done","reason":"","channel":"counter","place":"Thôn 1","consent":false,"groups":[],"rating":4,"note":"","change_reason":"","recorded_at":"2026-11-10T09:10:00+07:00","recorded_by":"019a5b2e-5c00-7000-8000-0000000000aa"}`
	os.WriteFile(file, []byte(line+"\n"), 0o644)
	for i, want := range []string{"1 new versions added", "0 new versions added"} {
		if code, out, errs := capture(t, "import", file); code != 0 || !strings.Contains(out, want) {
			t.Errorf("import %d: %d %q %q", i+1, code, out, errs)
		}
	}
	bad := strings.Replace(line, `"id":"019a5b2e-5c00-7000-8000-000000000001"`, `"id":"not-a-uuid"`, 1)
	os.WriteFile(file, []byte(bad+"\n"), 0o644)
	if code, _, errs := capture(t, "import", file); code != 1 || !strings.Contains(errs, "not a kiosk id") {
		t.Errorf("a bad id imported: %d %q", code, errs)
	}
	code, out, _ := capture(t, "tally", "--from", "2026-11-01", "--to", "2026-11-30", "--by", "site,procedure")
	if code != 0 || !strings.Contains(out, "Xã A\t1.001193\t1") {
		t.Errorf("tally: %d %q", code, out)
	}
	if code, out, _ := capture(t, "report", "--month", "2026-11", "--format", "xlsx", "--out", filepath.Join(t.TempDir(), "r.xlsx")); code != 0 || !strings.Contains(out, "written") {
		t.Errorf("report: %d %q", code, out)
	}
}
