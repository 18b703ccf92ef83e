package report

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

// Two kiosks' exports merged into a third give the sum of their tallies;
// merging the same file again adds nothing; a correction made later on
// one kiosk, merged again, becomes the current version.
func TestMerge(t *testing.T) {
	ctx := context.Background()
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, ReportZone)
	to := from.AddDate(0, 2, 0)
	export := func(st *store.Store) []byte {
		var b bytes.Buffer
		if _, err := ExportJSONL(ctx, st, &b, from, to, nil); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	_, k1 := tallyFixture(t) // kiosk K1: 3 closed sessions in Oct-Nov, a void, an open one
	k2 := openStore(t)
	d2 := &Demo{Store: k2, Site: "Bưu điện xã", Places: []string{"Thôn 9"}, Seed: 3}
	if err := d2.Fill(ctx, 40, 20, 0, time.Date(2026, 10, 31, 0, 0, 0, 0, ReportZone), nil); err != nil {
		t.Fatal(err)
	}
	hub := openStore(t)
	for _, f := range [][]byte{export(k1), export(k2)} {
		if _, err := MergeJSONL(ctx, hub, bytes.NewReader(f), nil); err != nil {
			t.Fatal(err)
		}
	}
	count := func(st *store.Store, by ...Dimension) string {
		rows, err := (&Tallies{Store: st}).Sessions(ctx, from, to, by...)
		if err != nil {
			t.Fatal(err)
		}
		return show(rows)
	}
	if got := count(hub, ByKiosk); got != "DEMO=40 K1=3" {
		t.Errorf("merged: %s", got)
	}
	before := count(hub, ByKiosk, ByProcedure, ByOutcome)
	res, err := MergeJSONL(ctx, hub, bytes.NewReader(export(k1)), nil)
	if err != nil || res.Added != 0 || res.Read != 5 {
		t.Errorf("merging again: %+v %v", res, err)
	}
	if after := count(hub, ByKiosk, ByProcedure, ByOutcome); after != before {
		t.Errorf("merging again changed the tallies:\n%s\n%s", before, after)
	}

	// K1 corrects session B afterwards; the next merge carries it.
	var b kiosk.Session
	k1.EachSession(ctx, from, to, func(s kiosk.Session) error {
		if s.Reason == "no_vneid" {
			b = s
		}
		return nil
	})
	clock := newTestClock()
	desk := &kiosk.Desk{Store: k1, Clock: clock, Places: []string{"Thôn 1", "Thôn 2"}}
	b.Outcome, b.Reason = kiosk.OutcomeDone, ""
	if _, err := desk.Correct(ctx, b.StaffID, b, "đã làm xong hôm sau"); err != nil {
		t.Fatal(err)
	}
	if _, err := MergeJSONL(ctx, hub, bytes.NewReader(export(k1)), nil); err != nil {
		t.Fatal(err)
	}
	cur, err := hub.CurrentSession(ctx, b.ID)
	if err != nil || cur.Outcome != kiosk.OutcomeDone || cur.Version != b.Version+1 {
		t.Errorf("the correction did not win: %+v %v", cur, err)
	}
	// A database file merges the same way.
	hub2 := openStore(t)
	if _, err := MergeDatabase(ctx, hub2, k2, nil); err != nil {
		t.Fatal(err)
	}
	if got := count(hub2, ByKiosk); got != "DEMO=40" {
		t.Errorf("merged from a database: %s", got)
	}
	// Garbage is refused with its line.
	if _, err := MergeJSONL(ctx, hub, strings.NewReader("{\"id\":\"x\"}\nnot json\n"), nil); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("a bad file: %v", err)
	}
	// A record whose ids are not the kiosk's UUIDs, or whose fields break
	// the rules every kiosk keeps, is refused, and nothing of its file is
	// added: the same checks as the collector's.
	good := strings.TrimSpace(strings.SplitN(string(export(k2)), "\n", 2)[0])
	holds, _ := hub.Holdings(ctx)
	for _, c := range []struct{ old, new, says string }{
		{`"id":"`, `"id":"not-a-uuid","x":"`, "not a kiosk id"},
		{`"staff_id":"`, `"staff_id":"admin","x":"`, "staff_id"},
		{`"rating":`, `"rating":9,"x":`, "rating 9"},
		{`"note":"`, `"note":"CCCD 001203004567 ","x":"`, "number"},
	} {
		bad := strings.Replace(good, c.old, c.new, 1)
		_, err := MergeJSONL(ctx, hub, strings.NewReader(bad+"\n"), nil)
		if err == nil || !strings.Contains(err.Error(), c.says) || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("merging %s: %v; want a refusal saying %q", bad, err, c.says)
		}
	}
	if after, _ := hub.Holdings(ctx); after != holds {
		t.Errorf("refused records changed the database: %+v, then %+v", holds, after)
	}
}

// A bad line far into a file stops the merge there: the batches read
// before it are written, each once, and the one it is in is not.
func TestMergeStopsAtABadLine(t *testing.T) {
	ctx := context.Background()
	k := openStore(t)
	d := &Demo{Store: k, Site: "Bưu điện xã", Places: []string{"Thôn 9"}, Seed: 5}
	end := time.Date(2026, 10, 31, 0, 0, 0, 0, ReportZone)
	if err := d.Fill(ctx, 11000, 60, 0, end, nil); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := ExportJSONL(ctx, k, &b, end.AddDate(0, -3, 0), end.AddDate(0, 0, 1), nil); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(b.String(), "\n")
	if len(lines) < 11000 {
		t.Fatalf("%d lines exported", len(lines))
	}
	file := strings.Join(lines[:10500], "") + "not json\n" + strings.Join(lines[10500:], "")
	hub := openStore(t)
	var seen []int
	res, err := MergeJSONL(ctx, hub, strings.NewReader(file), func(n int) { seen = append(seen, n) })
	if err == nil || !strings.Contains(err.Error(), "line 10501") {
		t.Fatalf("merged a bad file: %v", err)
	}
	h, _ := hub.Holdings(ctx)
	if res.Read != 10000 || res.Added != 10000 || h.Sessions != 10000 || len(seen) != 2 || seen[1] != 10000 {
		t.Errorf("read %d, added %d, holds %d, progress %v; want the two batches before the bad line", res.Read, res.Added, h.Sessions, seen)
	}
}
