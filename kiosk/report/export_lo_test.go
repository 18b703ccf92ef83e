package report

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
)

// sofficeBin is LibreOffice's program; make test installs it
// (KIOSK_TEST_ALL=1 makes its absence a failure).
func sofficeBin(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("KIOSK_TEST_ALL") != "" {
			t.Fatal("LibreOffice (soffice) is not installed: make test installs it")
		}
		t.Skip("LibreOffice (soffice) is not installed")
	}
	return bin
}

// soffice converts a spreadsheet to CSV files (one per sheet, UTF-8) with
// LibreOffice in headless mode, a real consumer of what the kiosk writes.
// make test installs it (KIOSK_TEST_ALL=1 makes its absence a failure).
func soffice(t *testing.T, file string) map[string][][]string {
	t.Helper()
	bin := sofficeBin(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	// Comma, double quote, UTF-8, from line 1; cells as shown; every sheet.
	filter := "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile")}
	if strings.HasSuffix(file, ".csv") {
		// LibreOffice's import dialog asks for the character set; headless,
		// it is given: UTF-8, as the byte-order mark says.
		args = append(args, "--infilter=CSV:44,34,76,1")
	}
	cmd := exec.Command(bin, append(args, "--convert-to", filter, "--outdir", out, file)...)
	// Sheet names become file names: a UTF-8 locale that every Debian has
	// (the one make test sets may not be generated on the machine).
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	said, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v: %s", err, said)
	}
	sheets := map[string][][]string{}
	files, _ := filepath.Glob(filepath.Join(out, "*.csv"))
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		name := strings.TrimPrefix(strings.TrimSuffix(filepath.Base(f), ".csv"), base)
		sheets[strings.TrimPrefix(name, "-")] = rows
	}
	if len(sheets) == 0 {
		t.Fatalf("soffice wrote nothing for %s: %s", file, said)
	}
	return sheets
}

// The XLSX and the CSV, opened by LibreOffice and converted back, hold the
// same values, Vietnamese text and dates; a formula in a note stays text.
func TestExportsOpenInLibreOffice(t *testing.T) {
	ctx := context.Background()
	_, st := tallyFixture(t)
	d := &kiosk.Desk{Store: st, KioskID: "K1", Site: "Xã Quỳnh Lưu", Clock: &testClock{T: time.Date(2026, 10, 22, 9, 0, 0, 0, ReportZone)}}
	staff, _ := st.StaffByCode(ctx, "lan")
	s, _ := d.Open(ctx, staff.ID, "counter")
	s.Outcome, s.Note = kiosk.OutcomeDone, `=HYPERLINK("http://x","bấm vào")`
	if _, err := d.Close(ctx, s); err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, ReportZone)
	to := from.AddDate(0, 2, 0)
	dir := t.TempDir()

	xlsx := filepath.Join(dir, "phien.xlsx")
	f, _ := os.Create(xlsx)
	if _, err := ExportXLSX(ctx, st, f, from, to, nil); err != nil {
		t.Fatal(err)
	}
	f.Close()
	sheets := soffice(t, xlsx)
	data := sheets[SheetData]
	if len(data) != 7 || strings.Join(data[0], ",") != strings.Join(ExportColumns, ",") {
		t.Fatalf("the data sheet: %d rows, header %v; sheets %v", len(data), data[0], keys(sheets))
	}
	col := map[string]int{}
	for i, c := range data[0] {
		col[c] = i
	}
	first := data[1] // session C, the oldest
	if first[col["started"]] != "2026-10-15 09:00" || first[col["place"]] != "Thôn 1" || first[col["reason"]] != "missing_papers" ||
		first[col["version"]] != "3" || first[col["duration_s"]] != "600" {
		t.Errorf("session C came back as %v", first)
	}
	var notes []string
	for _, r := range data[1:] {
		notes = append(notes, r[col["note"]])
	}
	if !strings.Contains(strings.Join(notes, "|"), `=HYPERLINK("http://x","bấm vào")`) {
		t.Errorf("the note did not come back as text: %q", notes)
	}
	sum := sheets[SheetSummary]
	if len(sum) < 5 || sum[3][0] != "2026-10" || sum[3][1] != "2" || sum[3][2] != "1" || sum[4][0] != "2026-11" || sum[4][2] != "1" {
		t.Errorf("the summary sheet: %v", sum)
	}

	csvFile := filepath.Join(dir, "phien.csv")
	f, _ = os.Create(csvFile)
	if _, err := ExportCSV(ctx, st, f, from, to, nil); err != nil {
		t.Fatal(err)
	}
	f.Close()
	back := soffice(t, csvFile)
	var rows [][]string
	for _, r := range back {
		rows = r
	}
	if len(rows) != 7 || rows[1][col["place"]] != "Thôn 1" || rows[1][col["started"]] != "2026-10-15T09:00:00+07:00" {
		t.Errorf("the CSV through LibreOffice: %v", rows[:min(2, len(rows))])
	}
	for _, r := range rows[1:] {
		if strings.Contains(r[col["note"]], "HYPERLINK") && !strings.HasPrefix(r[col["note"]], "'=") && !strings.HasPrefix(r[col["note"]], "=HYPERLINK") {
			t.Errorf("the formula ran: %q", r[col["note"]])
		}
	}
}

func keys(m map[string][][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
