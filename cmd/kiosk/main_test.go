package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"onestop/assets"
	"onestop/kiosk"
	"onestop/kiosk/datalock"
	"onestop/kiosk/report"
)

// capture runs the command line and returns its exit code and output.
func capture(t *testing.T, args ...string) (int, string) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	code := run(args)
	w.Close()
	os.Stdout, os.Stderr = stdout, stderr
	return code, <-done
}

func TestContentCheckEmbedded(t *testing.T) {
	code, out := capture(t, "content", "check")
	if code != 0 || !strings.HasPrefix(out, "ok: (embedded):") {
		t.Fatalf("exit %d: %s", code, out)
	}
}

func TestContentLinks(t *testing.T) {
	code, out := capture(t, "content", "links")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 17 {
		t.Errorf("only %d QR targets listed", len(lines))
	}
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 3 || !strings.HasPrefix(f[0], "https://") {
			t.Errorf("line %q is not URL<TAB>owner<TAB>label", l)
		}
	}
	if !strings.Contains(out, "\tprocedure 1.001193 Đăng ký khai sinh\t") {
		t.Error("1.001193 is not listed")
	}
}

// content tutorials lists the lessons one a line, id first, in pack order.
func TestContentTutorials(t *testing.T) {
	code, out := capture(t, "content", "tutorials")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	var ids []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Split(l, "\t")
		if len(f) != 4 || !strings.HasSuffix(f[1], " steps") || !strings.HasSuffix(f[2], "s") {
			t.Errorf("line %q is not id<TAB>N steps<TAB>length<TAB>title", l)
			continue
		}
		ids = append(ids, f[0])
	}
	want := "vneid dang-nhap khai-sinh thanh-toan tra-cuu kho-du-lieu"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("lessons %q, want %q", got, want)
	}
}

// A copy of the embedded pack with one bad address is refused, and the
// problem names the file, the entry and the field.
func TestContentCheckRefuses(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, assets.Content()); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "procedures.json")
	b, _ := os.ReadFile(file)
	bad := strings.Replace(string(b), "https://dichvucong.gov.vn/", "https://dichvucong.gov.vn.example.com/", 1)
	os.WriteFile(file, []byte(bad), 0o644)

	code, out := capture(t, "content", "check", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(out, `procedures.json: procedure `) || !strings.Contains(out, `qr[0].url: host "dichvucong.gov.vn.example.com" is not allowed`) {
		t.Errorf("output does not name file, entry and field:\n%s", out)
	}
}

func TestUsage(t *testing.T) {
	if code, out := capture(t, "frobnicate"); code != 2 || !strings.Contains(out, "unknown command") {
		t.Errorf("exit %d: %s", code, out)
	}
	if code, out := capture(t, "run", "--open", "nowhere/x"); code != 2 || !strings.Contains(out, "--open") {
		t.Errorf("bad --open: exit %d: %s", code, out)
	}
	if code, out := capture(t, "db", "check", "--data", t.TempDir()); code != 1 || !strings.Contains(out, "no database") {
		t.Errorf("db check of an empty folder: exit %d: %s", code, out)
	}
}

// withStdin runs f with standard input reading s.
func withStdin(t *testing.T, s string, f func()) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "stdin")
	if err := os.WriteFile(file, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	old := os.Stdin
	os.Stdin = in
	defer func() { os.Stdin = old }()
	f()
}

// The first admin is added from the command line; a bad PIN or a taken
// code is refused; list shows who can log in.
func TestStaffAddAndList(t *testing.T) {
	data := t.TempDir()
	var code int
	var out string
	withStdin(t, "4821\n", func() {
		code, out = capture(t, "staff", "add", "--data", data, "--code", "lan", "--name", "Nguyễn Thị Lan", "--role", "admin")
	})
	if code != 0 || !strings.Contains(out, "added lan Nguyễn Thị Lan (admin)") {
		t.Fatalf("exit %d: %s", code, out)
	}
	withStdin(t, "12\n", func() { code, out = capture(t, "staff", "add", "--data", data, "--code", "hung", "--name", "Hùng") })
	if code == 0 || !strings.Contains(out, "4 to 8 digits") {
		t.Errorf("a 2-digit PIN: exit %d: %s", code, out)
	}
	withStdin(t, "1234\n", func() { code, out = capture(t, "staff", "add", "--data", data, "--code", "lan", "--name", "Lan 2") })
	if code == 0 || !strings.Contains(out, "already used") {
		t.Errorf("a taken code: exit %d: %s", code, out)
	}
	code, out = capture(t, "staff", "list", "--data", data)
	if code != 0 || strings.TrimSpace(out) != "lan\tadmin\tactive\tNguyễn Thị Lan" {
		t.Errorf("list: exit %d: %q", code, out)
	}
	db, _ := os.ReadFile(filepath.Join(data, "kiosk.db"))
	if strings.Contains(string(db), "4821") {
		t.Error("the PIN is in the database file")
	}
}

// kiosk backup writes a copy into DATA/backups; kiosk restore puts it
// back, and refuses while a kiosk holds the data folder.
func TestBackupAndRestore(t *testing.T) {
	data := t.TempDir()
	var code int
	var out string
	withStdin(t, "4821\n", func() { code, out = capture(t, "staff", "add", "--data", data, "--code", "lan", "--name", "Lan") })
	if code != 0 {
		t.Fatal(out)
	}
	code, out = capture(t, "backup", "--data", data)
	backup := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(backup, filepath.Join(data, "backups", "kiosk-")) {
		t.Fatalf("backup: exit %d: %s", code, out)
	}
	withStdin(t, "1357\n", func() { capture(t, "staff", "add", "--data", data, "--code", "hung", "--name", "Hùng") })

	release, err := datalock.Take(data)
	if err != nil {
		t.Fatal(err)
	}
	code, out = capture(t, "restore", "--data", data, backup)
	if code == 0 || !strings.Contains(out, "a kiosk is running") {
		t.Errorf("restore under a running kiosk: exit %d: %s", code, out)
	}
	release()
	code, out = capture(t, "restore", "--data", data, backup)
	if code != 0 || !strings.Contains(out, "restored") {
		t.Fatalf("restore: exit %d: %s", code, out)
	}
	_, out = capture(t, "staff", "list", "--data", data)
	if strings.Contains(out, "hung") || !strings.Contains(out, "lan") {
		t.Errorf("after the restore: %s", out)
	}
}

// tally and export read what the domain recorded; an empty period shows
// "—", not 0; an export is audited.
func TestTallyAndExport(t *testing.T) {
	data := t.TempDir()
	st, _, err := openData(data)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	clock := &fixedClock{time.Date(2026, 10, 10, 9, 0, 0, 0, report.ReportZone)}
	m, err := (&kiosk.Roster{Store: st, Clock: clock}).Add(ctx, "", "lan", "Lan", kiosk.RoleStaff, "4821")
	if err != nil {
		t.Fatal(err)
	}
	d := &kiosk.Desk{Store: st, KioskID: "K1", Site: "Xã", Clock: clock}
	for i, outcome := range []string{kiosk.OutcomeDone, kiosk.OutcomeDone, kiosk.OutcomeNotDone} {
		s, err := d.Open(ctx, m.ID, "counter")
		if err != nil {
			t.Fatal(err)
		}
		s.Outcome = outcome
		if outcome == kiosk.OutcomeNotDone {
			s.Reason = "no_vneid"
		}
		s.Note = fmt.Sprintf("=cmd|%d", i)
		if _, err := d.Close(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	code, out := capture(t, "tally", "--data", data, "--from", "2026-10-01", "--to", "2026-10-31", "--by", "outcome")
	if code != 0 || out != "outcome\tsessions\ndone\t2\nnot_done\t1\n" {
		t.Errorf("tally: exit %d:\n%s", code, out)
	}
	code, out = capture(t, "tally", "--data", data, "--from", "2026-11-01", "--to", "2026-11-30", "--by", "procedure")
	if code != 0 || out != "procedure\tsessions\n\t—\n" {
		t.Errorf("an empty month: exit %d: %q", code, out)
	}
	if code, out = capture(t, "tally", "--data", data, "--by", "colour"); code == 0 {
		t.Errorf("an unknown grouping: %s", out)
	}
	file := filepath.Join(t.TempDir(), "phien.csv")
	code, out = capture(t, "export", "--data", data, "--from", "2026-10-01", "--to", "2026-10-31", "--out", file)
	if code != 0 || !strings.Contains(out, "3 sessions written") {
		t.Fatalf("export: exit %d: %s", code, out)
	}
	b, _ := os.ReadFile(file)
	if !strings.HasPrefix(string(b), "\ufeffid,version,status") || !strings.Contains(string(b), "'=cmd|0") {
		t.Errorf("the CSV: %.200q", b)
	}
	st, _, _ = openData(data)
	defer st.Close()
	log, _ := st.AuditLog(ctx, time.Time{}, time.Now().Add(time.Hour))
	if last := log[len(log)-1]; last.Action != kiosk.AuditExport || !strings.Contains(last.Detail, "3 sessions") {
		t.Errorf("the export is not audited: %+v", last)
	}
}

type fixedClock struct{ t time.Time }

func (c *fixedClock) Now() time.Time { c.t = c.t.Add(time.Minute); return c.t }

// kiosk merge takes an export and a database file, idempotently.
func TestMergeCommand(t *testing.T) {
	src, hub := t.TempDir(), t.TempDir()
	if code, out := capture(t, "demo-data", "--data", src, "--sessions", "30", "--days", "10", "--visits", "0"); code != 0 {
		t.Fatal(out)
	}
	file := filepath.Join(t.TempDir(), "k.jsonl")
	if code, out := capture(t, "export", "--data", src, "--format", "jsonl", "--from", "2000-01-01", "--to", "2100-01-01", "--out", file); code != 0 {
		t.Fatal(out)
	}
	code, out := capture(t, "merge", "--data", hub, file)
	if code != 0 || !strings.Contains(out, "30 sessions read, 30 new versions added") {
		t.Fatalf("merge: exit %d: %s", code, out)
	}
	code, out = capture(t, "merge", "--data", hub, filepath.Join(src, "kiosk.db"))
	if code != 0 || !strings.Contains(out, "30 sessions read, 0 new versions added") {
		t.Errorf("merging the same sessions from the database: exit %d: %s", code, out)
	}
	if code, out = capture(t, "demo-data", "--data", hub, "--sessions", "5"); code != 0 {
		t.Errorf("demo data on demo data: %s", out)
	}
	// Real records are protected from demo data.
	withStdin(t, "4821\n", func() { capture(t, "staff", "add", "--data", hub, "--code", "lan", "--name", "Lan") })
	real := t.TempDir()
	st, _, _ := openData(real)
	m, _ := (&kiosk.Roster{Store: st, Clock: kiosk.SystemClock{}}).Add(context.Background(), "", "lan", "Lan", kiosk.RoleStaff, "4821")
	d := &kiosk.Desk{Store: st, KioskID: "K1", Site: "Xã", Clock: kiosk.SystemClock{}}
	s, _ := d.Open(context.Background(), m.ID, "counter")
	s.Outcome = kiosk.OutcomeDone
	d.Close(context.Background(), s)
	st.Close()
	if code, out = capture(t, "demo-data", "--data", real, "--sessions", "5"); code == 0 || !strings.Contains(out, "real sessions") {
		t.Errorf("demo data into a real database: exit %d: %s", code, out)
	}
}

// kiosk report writes the period's XLSX, named by the period.
func TestReportCommand(t *testing.T) {
	data := t.TempDir()
	if code, out := capture(t, "demo-data", "--data", data, "--sessions", "50", "--days", "20", "--visits", "10"); code != 0 {
		t.Fatal(out)
	}
	month := time.Now().In(report.ReportZone).Format("2006-01")
	file := filepath.Join(t.TempDir(), "bc.xlsx")
	code, out := capture(t, "report", "--data", data, "--month", month, "--out", file)
	if code != 0 || !strings.Contains(out, "Tháng ") {
		t.Fatalf("report: exit %d: %s", code, out)
	}
	if b, err := os.ReadFile(file); err != nil || len(b) < 1000 || string(b[:2]) != "PK" {
		t.Errorf("not an XLSX: %v", err)
	}
	if code, out = capture(t, "report", "--data", data, "--month", month, "--year", "2026"); code == 0 {
		t.Errorf("two periods taken: %s", out)
	}
	if code, out = capture(t, "report", "--data", data, "--month", "10/2026"); code == 0 || !strings.Contains(out, "not a period") {
		t.Errorf("a bad period: %s", out)
	}
}
