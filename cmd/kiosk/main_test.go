package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"onestop/assets"
	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/datalock"
	"onestop/kiosk/report"
	"onestop/kiosk/runlog"
	"onestop/kiosk/store"
)

// capture runs the command line and returns its exit code and output,
// stdout and stderr together as a terminal shows them.
func capture(t *testing.T, args ...string) (int, string) {
	t.Helper()
	w, read := pipe(t)
	stdout, stderr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	code := run(args)
	w.Close()
	os.Stdout, os.Stderr = stdout, stderr
	return code, read()
}

// captureApart runs the command line and returns its exit code, its
// standard output and its standard error.
func captureApart(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	wOut, readOut := pipe(t)
	wErr, readErr := pipe(t)
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = wOut, wErr
	code = run(args)
	wOut.Close()
	wErr.Close()
	os.Stdout, os.Stderr = oldOut, oldErr
	return code, readOut(), readErr()
}

// pipe returns a file to write to and a function that returns all that
// was written once the file is closed; it is read meanwhile, so a command
// never blocks on a full pipe.
func pipe(t *testing.T) (*os.File, func() string) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		r.Close()
		done <- string(b)
	}()
	return w, func() string { return <-done }
}

// openTestStore opens the database of a data folder, creating it, as the
// commands that write do.
func openTestStore(t *testing.T, data string) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(data, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestContentCheckEmbedded(t *testing.T) {
	code, out := capture(t, "content", "check")
	if code != 0 || !strings.Contains(out, "ok: (embedded), at a commune_counter site:") {
		t.Fatalf("exit %d: %s", code, out)
	}
	// The embedded pack states every source and kind; the only warning the
	// calendar may bring is that its facts are due to be checked again.
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "warning:") && !strings.Contains(l, "over 12 months ago") {
			t.Errorf("the embedded pack warns: %s", l)
		}
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
		if len(f) != 4 || !strings.HasPrefix(f[0], "https://") {
			t.Errorf("line %q is not URL<TAB>owner<TAB>label<TAB>kind", l)
		} else if !slices.Contains(content.TargetKinds, content.TargetKind(f[3])) {
			t.Errorf("line %q does not say what the code opens", l)
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

// At install time: the sheet of a copy of the embedded pack is written,
// and the codes scanned are recorded into the pack, which still checks.
func TestContentSheetAndChecked(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, assets.Content()); err != nil {
		t.Fatal(err)
	}
	sheet := filepath.Join(t.TempDir(), "sheet.pdf")
	if code, out := capture(t, "content", "sheet", "--out", sheet, dir); code != 0 || !strings.Contains(out, "QR targets) on the install sheet") {
		t.Fatalf("content sheet: exit %d: %s", code, out)
	}
	if b, err := os.ReadFile(sheet); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("no PDF written: %v", err)
	}
	if code, out := capture(t, "content", "sheet", dir); code != 2 || !strings.Contains(out, "--out FILE.pdf is required") {
		t.Errorf("content sheet without --out: exit %d: %s", code, out)
	}

	code, out := capture(t, "content", "check", "--checked", "2026-12-02", dir, "https://vneid.gov.vn")
	if code != 0 || !strings.Contains(out, "QR target(s) marked as checked on 2026-12-02") {
		t.Fatalf("content check --checked: exit %d: %s", code, out)
	}
	if code, out := capture(t, "content", "check", dir); code != 0 || !strings.HasPrefix(out, "ok:") {
		t.Fatalf("the pack no longer checks: exit %d: %s", code, out)
	}
	p, err := content.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	marked := 0
	for _, l := range p.Links() {
		if l.Checked != "" {
			marked++
			if l.URL != "https://vneid.gov.vn" || l.Checked != "2026-12-02" {
				t.Errorf("%s marked %q", l.URL, l.Checked)
			}
		}
	}
	if marked < 2 {
		t.Errorf("%d targets marked; VNeID's page is shown by many entries", marked)
	}
	if code, _ := capture(t, "content", "check", "--checked", "12/02/2026", dir, "https://vneid.gov.vn"); code != 2 {
		t.Errorf("a date in another form: exit %d, want 2", code)
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
	st := openTestStore(t, data)
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
	st = openTestStore(t, data)
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
	st := openTestStore(t, real)
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

// kiosk report writes the period's PDF by default and its XLSX when asked,
// named by the period.
func TestReportCommand(t *testing.T) {
	data := t.TempDir()
	if code, out := capture(t, "demo-data", "--data", data, "--sessions", "50", "--days", "20", "--visits", "10"); code != 0 {
		t.Fatal(out)
	}
	month := time.Now().In(report.ReportZone).Format("2006-01")
	dir := t.TempDir()
	t.Chdir(dir)
	code, out := capture(t, "report", "--data", data, "--month", month)
	if code != 0 || !strings.Contains(out, "Tháng ") {
		t.Fatalf("report: exit %d: %s", code, out)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "bao-cao-"+month+".pdf")); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("no PDF by default: %v", err)
	}
	file := filepath.Join(dir, "bc.xlsx")
	if code, out = capture(t, "report", "--data", data, "--month", month, "--format", "xlsx", "--out", file); code != 0 {
		t.Fatalf("report --format xlsx: exit %d: %s", code, out)
	}
	if b, err := os.ReadFile(file); err != nil || len(b) < 1000 || string(b[:2]) != "PK" {
		t.Errorf("not an XLSX: %v", err)
	}
	if code, out = capture(t, "report", "--data", data, "--month", month, "--format", "docx"); code == 0 || !strings.Contains(out, "neither pdf nor xlsx") {
		t.Errorf("an unknown format: exit %d: %s", code, out)
	}
	if code, out = capture(t, "report", "--data", data, "--month", month, "--year", "2026"); code == 0 {
		t.Errorf("two periods taken: %s", out)
	}
	if code, out = capture(t, "report", "--data", data, "--month", "10/2026"); code == 0 || !strings.Contains(out, "not a period") {
		t.Errorf("a bad period: %s", out)
	}
}

// Every command answers -h, -help and --help with its usage on stdout and
// exit 0: scripts and admins asking for help did nothing wrong.
func TestHelp(t *testing.T) {
	commands := []struct {
		cmd   []string
		want  string // in the usage
		flags bool   // a command of its own, with flags listed
	}{
		{nil, "kiosk: the One-Stop online public services kiosk", false},
		{[]string{"run"}, "Usage: kiosk [run] [flags]", true},
		{[]string{"content"}, "kiosk content check [DIR]", false},
		{[]string{"content", "check"}, "Usage: kiosk content check [DIR]", true},
		{[]string{"content", "links"}, "Usage: kiosk content links [DIR]", true},
		{[]string{"content", "tutorials"}, "Usage: kiosk content tutorials [DIR]", true},
		{[]string{"db"}, "kiosk db check [--data DIR]", false},
		{[]string{"db", "check"}, "Usage: kiosk db check", true},
		{[]string{"staff"}, "kiosk staff add --code C --name N", false},
		{[]string{"staff", "add"}, "Usage: kiosk staff add --code C --name N", true},
		{[]string{"staff", "list"}, "Usage: kiosk staff list", true},
		{[]string{"tally"}, "Usage: kiosk tally", true},
		{[]string{"export"}, "Usage: kiosk export --out FILE", true},
		{[]string{"report"}, "Usage: kiosk report (--month M", true},
		{[]string{"merge"}, "Usage: kiosk merge [--data DIR] FILE...", true},
		{[]string{"demo-data"}, "Usage: kiosk demo-data --data DIR", true},
		{[]string{"backup"}, "Usage: kiosk backup", true},
		{[]string{"restore"}, "Usage: kiosk restore [--data DIR] BACKUP", true},
	}
	type helpRun struct {
		args  []string
		want  string
		flags bool
	}
	var runs []helpRun
	for _, c := range commands {
		for _, h := range []string{"-h", "-help", "--help"} {
			runs = append(runs, helpRun{append(append([]string{}, c.cmd...), h), c.want, c.flags})
		}
	}
	runs = append(runs,
		helpRun{[]string{"help"}, "kiosk: the One-Stop online public services kiosk", false},
		// Help asked for after the arguments is still help, not a file name.
		helpRun{[]string{"restore", "kiosk-2026-10-01.db", "--help"}, "Usage: kiosk restore", true},
		helpRun{[]string{"export", "--out", "x.csv", "-h"}, "Usage: kiosk export", true},
	)
	for _, r := range runs {
		t.Run(strings.Join(r.args, " "), func(t *testing.T) {
			t.Chdir(t.TempDir()) // x.csv must not be written
			code, stdout, stderr := captureApart(t, r.args...)
			if code != 0 || stderr != "" {
				t.Errorf("exit %d, stderr %q", code, stderr)
			}
			if !strings.Contains(stdout, r.want) {
				t.Errorf("stdout lacks %q:\n%s", r.want, stdout)
			}
			if r.flags && !strings.Contains(stdout, "-data") {
				t.Errorf("the flags are not listed:\n%s", stdout)
			}
			if entries, _ := os.ReadDir("."); len(entries) > 0 {
				t.Errorf("help left %s behind", entries[0].Name())
			}
		})
	}
}

// A mistyped flag exits 2 with one line on stderr naming the flag and
// where help is, not the whole usage.
func TestWrongFlag(t *testing.T) {
	for _, c := range []struct {
		cmd  []string
		help string // the command the line points to
	}{
		{nil, "kiosk run --help"}, // flags alone start the kiosk
		{[]string{"run"}, "kiosk run --help"},
		{[]string{"content"}, "kiosk content --help"},
		{[]string{"content", "check"}, "kiosk content check --help"},
		{[]string{"content", "links"}, "kiosk content links --help"},
		{[]string{"content", "tutorials"}, "kiosk content tutorials --help"},
		{[]string{"db"}, "kiosk db --help"},
		{[]string{"db", "check"}, "kiosk db check --help"},
		{[]string{"staff"}, "kiosk staff --help"},
		{[]string{"staff", "add"}, "kiosk staff add --help"},
		{[]string{"staff", "list"}, "kiosk staff list --help"},
		{[]string{"tally"}, "kiosk tally --help"},
		{[]string{"export"}, "kiosk export --help"},
		{[]string{"report"}, "kiosk report --help"},
		{[]string{"merge"}, "kiosk merge --help"},
		{[]string{"demo-data"}, "kiosk demo-data --help"},
		{[]string{"backup"}, "kiosk backup --help"},
		{[]string{"restore"}, "kiosk restore --help"},
	} {
		args := append(append([]string{}, c.cmd...), "--frm", "2026-10-01")
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Chdir(t.TempDir())
			code, stdout, stderr := captureApart(t, args...)
			if code != 2 || stdout != "" {
				t.Errorf("exit %d, stdout %q", code, stdout)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") {
				t.Errorf("not one line on stderr: %q", stderr)
			}
			if !strings.Contains(stderr, "-frm") || !strings.Contains(stderr, "(see "+c.help+")") {
				t.Errorf("the line does not name -frm and %s: %q", c.help, stderr)
			}
		})
	}
	_, _, stderr := captureApart(t, "export", "--frm", "2026-10-01")
	if want := "kiosk export: flag provided but not defined: -frm (see kiosk export --help)\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
}

// A wrong argument exits 2 with one line on stderr that says what was
// wrong, before any folder or file is made.
func TestWrongArgument(t *testing.T) {
	for _, c := range []struct {
		args []string // DATA: a data folder that does not exist; OUT: an output file
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"export", "--data", "DATA"}, "--out FILE"},
		{[]string{"export", "--data", "DATA", "--out", "OUT", "--format", "pdf"}, `--format "pdf"`},
		{[]string{"export", "--data", "DATA", "--out", "OUT", "--from", "2026-13-01"}, `--from "2026-13-01" is not a date`},
		{[]string{"export", "--data", "DATA", "--out", "OUT", "--from", "2026-10-31", "--to", "2026-10-01"}, "--to is before --from"},
		{[]string{"export", "--data", "DATA", "--out", "OUT", "2026-10"}, `unexpected argument "2026-10"`},
		{[]string{"tally", "--data", "DATA", "--by", "colour"}, `"colour"`},
		{[]string{"tally", "--data", "DATA", "--by", "month,month"}, `"month" twice`},
		{[]string{"tally", "--data", "DATA", "--count", "people"}, `--count "people"`},
		{[]string{"report", "--data", "DATA", "--out", "OUT"}, "--month, --quarter or --year"},
		{[]string{"report", "--data", "DATA", "--out", "OUT", "--month", "10/2026"}, "not a period"},
		{[]string{"report", "--data", "DATA", "--out", "OUT", "--month", "2026-10", "--year", "2026"}, "not two"},
		{[]string{"db"}, "say check"},
		{[]string{"db", "repair"}, `unknown "repair"`},
		{[]string{"staff"}, "say add or list"},
		{[]string{"staff", "add", "--data", "DATA", "--code", "lan"}, "--code and --name"},
		{[]string{"content", "burn"}, `unknown "burn": say check, links, tutorials, sheet, keygen, sign, verify, install or list`},
		{[]string{"content", "check", "a", "b"}, `unexpected argument "b"`},
		{[]string{"restore", "--data", "DATA"}, "give the BACKUP"},
		{[]string{"restore", "kiosk-2026-10-01.db", "--data", "DATA"}, "put the flags first"},
		{[]string{"merge", "--data", "DATA"}, "give the FILE"},
		{[]string{"demo-data"}, "--data"},
		{[]string{"demo-data", "--data", "DATA", "--days", "0"}, "--days 0"},
		{[]string{"run", "--data", "DATA", "--size", "10x10"}, "--size"},
		{[]string{"run", "--data", "DATA", "--open", "nowhere/x"}, "--open"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			work := t.TempDir()
			t.Chdir(work)
			args := make([]string, len(c.args))
			for i, a := range c.args {
				args[i] = strings.NewReplacer("DATA", filepath.Join(work, "data"), "OUT", filepath.Join(work, "out")).Replace(a)
			}
			code, stdout, stderr := captureApart(t, args...)
			if code != 2 || stdout != "" {
				t.Errorf("exit %d, stdout %q", code, stdout)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, " --help)") {
				t.Errorf("stderr %q: want one line with %q and where help is", stderr, c.want)
			}
			if entries, _ := os.ReadDir(work); len(entries) > 0 {
				t.Errorf("a usage error left %s behind", entries[0].Name())
			}
		})
	}
}

// A command that only reads refuses a data folder without a database,
// naming it, and makes nothing: a mistyped --data must not read as a
// month without work. Commands that write still make what they need.
func TestReadOnlyNeedsDatabase(t *testing.T) {
	commands := [][]string{
		{"export", "--out", "OUT.csv"},
		{"export", "--format", "xlsx", "--out", "OUT.xlsx"},
		{"tally", "--by", "outcome"},
		{"report", "--month", "2026-10", "--out", "OUT.xlsx"},
		{"report", "--year", "2026"}, // writes bao-cao-2026.xlsx here by default
		{"db", "check"},
		{"staff", "list"},
	}
	for _, folder := range []struct {
		name   string
		exists bool
		want   string
	}{
		{"missing", false, "no data folder"},
		{"empty", true, "no database in"},
	} {
		for _, cmd := range commands {
			t.Run(folder.name+"/"+strings.Join(cmd, " "), func(t *testing.T) {
				work := t.TempDir()
				t.Chdir(work)
				data := filepath.Join(work, "data")
				if folder.exists {
					if err := os.Mkdir(data, 0o750); err != nil {
						t.Fatal(err)
					}
				}
				var args []string
				for _, a := range cmd {
					args = append(args, strings.Replace(a, "OUT", filepath.Join(work, "out"), 1))
				}
				code, stdout, stderr := captureApart(t, append(args, "--data", data)...)
				if code != 1 || stdout != "" {
					t.Errorf("exit %d, stdout %q", code, stdout)
				}
				if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, folder.want+" "+data) ||
					!strings.Contains(stderr, filepath.Join(data, "kiosk.db")) {
					t.Errorf("stderr %q: want one line naming %s and the database it looked for", stderr, data)
				}
				assertOnly(t, work, folder.exists)
			})
		}
	}

	// Without --data, the user's data folder: the same refusal names it.
	t.Run("default folder", func(t *testing.T) {
		if runtime.GOOS != "linux" {
			t.Skip("the default folder comes from XDG_DATA_HOME on Linux only")
		}
		work := t.TempDir()
		t.Chdir(work)
		t.Setenv("XDG_DATA_HOME", filepath.Join(work, "xdg"))
		code, _, stderr := captureApart(t, "export", "--out", "phien.csv")
		if want := filepath.Join(work, "xdg", kiosk.Name); code != 1 || !strings.Contains(stderr, "no data folder "+want) {
			t.Errorf("exit %d: %q does not name %s", code, stderr, want)
		}
		assertOnly(t, work, false)
	})

	t.Run("backup creates", func(t *testing.T) {
		data := filepath.Join(t.TempDir(), "new")
		code, stdout, stderr := captureApart(t, "backup", "--data", data)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if _, err := os.Stat(filepath.Join(data, "kiosk.db")); err != nil {
			t.Errorf("no database made: %v", err)
		}
		if _, err := os.Stat(strings.TrimSpace(stdout)); err != nil {
			t.Errorf("no backup made: %v", err)
		}
	})
}

// assertOnly fails unless work holds nothing, or only an empty data
// folder when withData.
func assertOnly(t *testing.T, work string, withData bool) {
	t.Helper()
	var left []string
	filepath.WalkDir(work, func(path string, _ fs.DirEntry, err error) error {
		if rel, _ := filepath.Rel(work, path); rel != "." && !(withData && rel == "data") {
			left = append(left, rel)
		}
		return err
	})
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// kiosk status says what the data folder holds and flags a clock set back
// behind the records.
func TestStatusCommand(t *testing.T) {
	data := t.TempDir()
	if code, out := capture(t, "demo-data", "--data", data, "--sessions", "40", "--days", "5", "--visits", "10"); code != 0 {
		t.Fatal(out)
	}
	if code, out := capture(t, "backup", "--data", data); code != 0 {
		t.Fatal(out)
	}
	code, out := capture(t, "status", "--data", data)
	if code != 0 {
		t.Fatalf("status: exit %d: %s", code, out)
	}
	for _, want := range []string{"version:", "content:       (embedded), commune_counter", "schema ", "40 sessions", "10 visits (0 open)", "last backup:   kiosk-", "free disk:", "last start:    never started", "Vietnam time; ok"} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	code, out = capture(t, "status", "--data", data, "--json")
	var s status
	if err := json.Unmarshal([]byte(out), &s); code != 0 || err != nil || s.Database.Sessions != 40 || s.Database.Staff == 0 || s.Disk.Total == 0 {
		t.Errorf("status --json: exit %d, %v: %s", code, err, out)
	}
	// Read as if the clock had gone back a day behind the newest record.
	back := gatherStatus(data, s.Database.NewestEntry.Add(-24*time.Hour))
	if len(back.Clock.Problems) == 0 || !strings.Contains(back.Clock.Problems[0], "behind the newest record") {
		t.Errorf("a clock set back is not noticed: %+v", back.Clock)
	}
	if code, out = capture(t, "status", "--data", filepath.Join(data, "missing")); code == 0 || !strings.Contains(out, "no data folder") {
		t.Errorf("a missing folder: exit %d: %s", code, out)
	}

	// The last start after a crash names it and its report.
	r, err := runlog.Begin(data, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := runlog.NoteCrash(data, r, "panic: boom", filepath.Join(data, "logs", "crash-20261202-080000.txt")); err != nil {
		t.Fatal(err)
	}
	if code, out = capture(t, "status", "--data", data); code != 0 || !strings.Contains(out, "after a crash (panic: boom; report: "+filepath.Join(data, "logs", "crash-20261202-080000.txt")+"); running") {
		t.Errorf("status after a crash: exit %d: %s", code, out)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}} {
		code, out := capture(t, args...)
		if code != 0 || !strings.HasPrefix(out, "onestop kiosk ") || strings.Count(out, "\n") != 1 {
			t.Errorf("kiosk %s: exit %d: %q", args[0], code, out)
		}
	}
}

// A province signs its pack; a kiosk that trusts its key installs it,
// refuses the same version again, and runs on it with its own site.json.
func TestSignedPackCommands(t *testing.T) {
	work := t.TempDir()
	t.Chdir(work)
	t.Setenv("KIOSK_KEY_PASSWORD", "mật khẩu của tỉnh")
	if code, out := capture(t, "content", "keygen", "--out", "nghe-an"); code != 0 || !strings.Contains(out, `"trusted_keys": ["RW`) {
		t.Fatalf("keygen: exit %d: %s", code, out)
	}
	if code, out := capture(t, "content", "keygen", "--out", "nghe-an"); code == 0 || !strings.Contains(out, "never overwritten") {
		t.Errorf("keygen over a key: exit %d: %s", code, out)
	}
	pack := filepath.Join(work, "pack")
	if err := os.CopyFS(pack, assets.Content()); err != nil {
		t.Fatal(err)
	}
	code, out := capture(t, "content", "sign", "--key", "nghe-an.key", "--name", "Nghệ An", "--version", "7",
		"--issued", "2026-12-01", "--expires", "2099-12-31", "--out", "na-7.zip", pack)
	if code != 0 {
		t.Fatalf("sign: exit %d: %s", code, out)
	}
	pub, _ := os.ReadFile("nghe-an.pub") // a comment line, then the key
	lines := strings.Split(strings.TrimSpace(string(pub)), "\n")
	data := filepath.Join(work, "data")
	os.MkdirAll(data, 0o755)
	site := `{"site_name": "Bưu điện văn hóa xã Quỳnh Lưu", "site_kind": "postal_point", "kiosk_id": "NA-QL-BD", "trusted_keys": ["` + lines[len(lines)-1] + `"]}`
	if err := os.WriteFile(filepath.Join(data, "site.json"), []byte(site), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out := capture(t, "content", "verify", "--data", data, "na-7.zip"); code != 0 || !strings.Contains(out, "ok: Nghệ An version 7") {
		t.Fatalf("verify: exit %d: %s", code, out)
	}
	if code, out := capture(t, "content", "install", "--data", data, "na-7.zip"); code != 0 || !strings.Contains(out, "installed: Nghệ An version 7") {
		t.Fatalf("install: exit %d: %s", code, out)
	}
	if code, out := capture(t, "content", "install", "--data", data, "na-7.zip"); code == 0 || !strings.Contains(out, "version: version 7 is not newer than the installed 7") {
		t.Errorf("the same pack again: exit %d: %s", code, out)
	}
	if code, out := capture(t, "content", "list", "--data", data); code != 0 || !strings.Contains(out, "installed: Nghệ An version 7") || !strings.Contains(out, "trusted:   RW") {
		t.Errorf("list: exit %d: %s", code, out)
	}
	// The kiosk runs on the installed pack with its own settings over it.
	code, out = capture(t, "status", "--data", data)
	if !strings.Contains(out, filepath.Join(data, "content")+" with "+filepath.Join(data, "site.json")) || !strings.Contains(out, "postal_point NA-QL-BD") {
		t.Errorf("status on the installed pack: exit %d: %s", code, out)
	}
	// Another key's pack is refused.
	t.Setenv("KIOSK_KEY_PASSWORD", "mật khẩu kẻ gian")
	capture(t, "content", "keygen", "--out", "stranger")
	capture(t, "content", "sign", "--key", "stranger.key", "--name", "Nghệ An", "--version", "8", "--expires", "2099-12-31", "--out", "na-8.zip", pack)
	if code, out := capture(t, "content", "install", "--data", data, "na-8.zip"); code == 0 || !strings.Contains(out, "signature: the manifest is not signed by a trusted key") {
		t.Errorf("a stranger's pack: exit %d: %s", code, out)
	}
}

// A database damaged at a start is set aside (as the kiosk's start does);
// kiosk db recover takes back what it holds, and the backup's, once.
func TestDBRecover(t *testing.T) {
	data := t.TempDir()
	if code, out := capture(t, "demo-data", "--data", data, "--sessions", "300", "--days", "5", "--visits", "200"); code != 0 {
		t.Fatal(out)
	}
	if code, out := capture(t, "backup", "--data", data); code != 0 {
		t.Fatal(out)
	}
	file := filepath.Join(data, store.FileName)
	st := openTestStore(t, data)
	before, err := st.Holdings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	// Overwrite four pages in the second half of the file.
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	pages := len(b) / 4096
	for _, p := range []int{pages / 2, pages/2 + 3, pages * 3 / 4, pages - 2} {
		for i := p * 4096; i < (p+1)*4096; i++ {
			b[i] = byte(i * 7)
		}
	}
	if err := os.WriteFile(file, b, 0o640); err != nil {
		t.Fatal(err)
	}
	_, err = store.Open(file)
	if !store.IsDamaged(err) {
		t.Fatalf("the damaged file opens: %v", err)
	}
	fresh, aside, err := store.ReplaceDamaged(context.Background(), file, filepath.Join(data, "backups"), time.Now(), err)
	if err != nil {
		t.Fatal(err)
	}
	fresh.Close()
	if aside.Staff == 0 {
		t.Errorf("no staff restored from the backup: %+v", aside)
	}

	if code, out := capture(t, "status", "--data", data); code != 1 || !strings.Contains(out, "problem: 1 damaged database(s) set aside") {
		t.Errorf("status before recover: exit %d: %s", code, out)
	}
	code, out := capture(t, "db", "recover", "--data", data)
	if code != 0 || !strings.Contains(out, "added ") || !strings.Contains(out, aside.File+" is kept") {
		t.Fatalf("db recover: exit %d: %s", code, out)
	}
	t.Log(out)
	st = openTestStore(t, data)
	after, err := st.Holdings(context.Background())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	// The backup was taken of the whole database: everything comes back.
	if after.Sessions != before.Sessions || after.Visits != before.Visits || after.Staff != before.Staff {
		t.Errorf("before the damage %+v, after recover %+v", before, after)
	}
	if code, out := capture(t, "status", "--data", data); strings.Contains(out, "damaged database") {
		t.Errorf("status after recover: exit %d: %s", code, out)
	}
	if code, out := capture(t, "db", "recover", "--data", data); code != 0 || !strings.Contains(out, "nothing to recover") {
		t.Errorf("a second recover: exit %d: %s", code, out)
	}
	// Named again by hand, the file adds nothing.
	if code, out := capture(t, "db", "recover", "--data", data, aside.File); code != 0 || !strings.Contains(out, "added 0 records") {
		t.Errorf("recover of a file taken back already: exit %d: %s", code, out)
	}
	if code, out := capture(t, "db", "check", "--data", data); code != 0 {
		t.Errorf("db check after recover: %s", out)
	}
}
