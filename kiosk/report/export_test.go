package report

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
)

func TestExportCSV(t *testing.T) {
	ctx := context.Background()
	tl, st := tallyFixture(t)
	_ = tl
	// A note an attacker would like Excel to run.
	d := &kiosk.Desk{Store: st, KioskID: "K1", Site: "Xã Quỳnh Lưu", Clock: &testClock{T: time.Date(2026, 10, 22, 9, 0, 0, 0, ReportZone)}}
	staff, _ := st.StaffByCode(ctx, "lan")
	s, err := d.Open(ctx, staff.ID, "counter")
	if err != nil {
		t.Fatal(err)
	}
	s.Outcome, s.Note = kiosk.OutcomeDone, `=HYPERLINK("http://x","bấm vào")`
	if _, err := d.Close(ctx, s); err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, ReportZone)
	var buf bytes.Buffer
	n, err := ExportCSV(ctx, st, &buf, from, from.AddDate(0, 2, 0), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Every session in the period, one row each, voided and open ones too
	// (their status says so): A B C D E and the new one.
	if n != 6 {
		t.Errorf("%d rows, want 6", n)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatal("no byte-order mark: Excel would garble Vietnamese")
	}
	rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(ExportColumns, ",") || len(rows) != 7 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	col := func(name string) int {
		for i, c := range rows[0] {
			if c == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	var notes, statuses, places []string
	for _, r := range rows[1:] {
		notes = append(notes, r[col("note")])
		statuses = append(statuses, r[col("status")])
		places = append(places, r[col("place")])
	}
	if !strings.Contains(strings.Join(notes, "|"), `'=HYPERLINK("http://x","bấm vào")`) {
		t.Errorf("the formula is not neutralised: %q", notes)
	}
	if got := strings.Join(statuses, " "); got != "closed void open closed closed closed" {
		t.Errorf("statuses in start order: %s", got)
	}
	if !strings.Contains(strings.Join(places, " "), "Thôn 1") {
		t.Errorf("Vietnamese lost: %v", places)
	}
	if started := rows[1][col("started")]; started != "2026-10-15T09:00:00+07:00" {
		t.Errorf("started %q, want Vietnam time", started)
	}
	for in, want := range map[string]string{"=1+1": "'=1+1", "+84": "'+84", "-2": "'-2", "@SUM": "'@SUM", "\tx": "'\tx", "Thôn 1": "Thôn 1", "": ""} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q", in, got)
		}
	}
}

func TestExportJSONL(t *testing.T) {
	ctx := context.Background()
	_, st := tallyFixture(t)
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, ReportZone)
	var buf bytes.Buffer
	n, err := ExportJSONL(ctx, st, &buf, from, from.AddDate(0, 2, 0), nil)
	if err != nil || n != 5 {
		t.Fatalf("%d lines, %v", n, err)
	}
	sc := bufio.NewScanner(&buf)
	var corrected exportRecord
	lines := 0
	for sc.Scan() {
		var r exportRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d: %v", lines+1, err)
		}
		if r.ChangeReason != "" && r.Status == kiosk.SessionClosed {
			corrected = r
		}
		lines++
	}
	if lines != 5 || corrected.Version != 3 || corrected.Reason != "missing_papers" || strings.Join(corrected.Procedures, ",") != "1.004222" {
		t.Errorf("%d lines; the corrected session %+v", lines, corrected)
	}
	// Cancelling stops the export.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := ExportJSONL(cctx, st, &bytes.Buffer{}, from, from.AddDate(0, 2, 0), nil); err == nil {
		t.Error("a cancelled export ran")
	}
}

// An XLSX export that would pass a sheet's last row says so instead of
// writing a cut workbook.
func TestExportXLSXTooManyRows(t *testing.T) {
	_, st := tallyFixture(t)
	defer func(n int) { xlsxRows = n }(xlsxRows)
	xlsxRows = 4 // the heading and 3 sessions
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, ReportZone)
	var buf bytes.Buffer
	n, err := ExportXLSX(context.Background(), st, &buf, from, from.AddDate(0, 2, 0), nil)
	if !errors.Is(err, ErrTooManyRows) || n != 3 {
		t.Errorf("got %d rows, %v", n, err)
	}
	xlsxRows = 6
	if n, err := ExportXLSX(context.Background(), st, &buf, from, from.AddDate(0, 2, 0), nil); err != nil || n != 5 {
		t.Errorf("got %d rows, %v", n, err)
	}
}
