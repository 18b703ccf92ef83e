package collector

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"onestop/kiosk/report"
	"onestop/kiosk/store"
)

// An offline commune's USB export gives the same tallies whether a kiosk
// merges it or the collector imports it, and importing it twice adds
// nothing.
func TestImportAgreesWithMerge(t *testing.T) {
	db, _ := openTestDB(t)
	ctx := context.Background()
	src := demoKiosk(t, "NA-OFF-01", 400, 0, 31)
	var export bytes.Buffer
	if _, err := report.ExportJSONL(ctx, src, &export, monthStart.AddDate(0, -1, 0), monthEnd, nil); err != nil {
		t.Fatal(err)
	}
	hub, err := store.Open(filepath.Join(t.TempDir(), "hub.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer hub.Close()
	merged, err := report.MergeJSONL(ctx, hub, bytes.NewReader(export.Bytes()), nil)
	if err != nil {
		t.Fatal(err)
	}
	read, added, err := db.ImportJSONL(ctx, bytes.NewReader(export.Bytes()))
	if err != nil || read != merged.Read || added != merged.Added {
		t.Fatalf("import: %d read, %d added, %v; merge: %+v", read, added, err, merged)
	}
	if read2, added2, err := db.ImportJSONL(ctx, bytes.NewReader(export.Bytes())); err != nil || read2 != read || added2 != 0 {
		t.Errorf("importing again: %d read, %d added, %v", read2, added2, err)
	}
	for _, by := range [][]report.Dimension{{report.ByProcedure, report.ByOutcome}, {report.ByPlace, report.ByHelp}, {report.ByDay, report.ByRating}} {
		want, err := (&report.Tallies{Store: hub}).Sessions(ctx, monthStart, monthEnd, by...)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Tally(ctx, TallyRequest{From: monthStart, To: monthEnd, By: by})
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("by %v: the collector's import counts %v, the kiosk's merge %v", by, got, want)
		}
	}
}
