package content

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// content check --checked writes the date a code was scanned into the
// pack, and nothing else; an address that is not a target changes nothing.
func TestRecordChecked(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, validPack()); err != nil {
		t.Fatal(err)
	}
	before, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n, err := RecordChecked(dir, "2026-12-02", []string{pageURL})
	if err != nil || n != 1 {
		t.Fatalf("RecordChecked = %d, %v", n, err)
	}
	after, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := after.Procedures[0].QR[0].Checked; got != "2026-12-02" {
		t.Errorf("the target's checked reads %q", got)
	}
	if after.Tutorials[0].QR[0].Checked != "" {
		t.Error("a target not named was marked too")
	}
	after.Procedures[0].QR[0].Checked = ""
	if !reflect.DeepEqual(before.Procedures, after.Procedures) || !reflect.DeepEqual(before.Tutorials, after.Tutorials) {
		t.Error("recording changed more than the date")
	}

	saved, _ := os.ReadFile(filepath.Join(dir, ProceduresFile))
	if _, err := RecordChecked(dir, "2026-12-03", []string{pageURL, "https://dichvucong.gov.vn/khong-co"}); err == nil || !strings.Contains(err.Error(), "is not a QR target") {
		t.Errorf("an unknown address: %v", err)
	}
	if now, _ := os.ReadFile(filepath.Join(dir, ProceduresFile)); !bytes.Equal(now, saved) {
		t.Error("a refused recording wrote the pack")
	}
}

// The files are written back whole: a commune's pack keeps the lessons it
// holds for postal points, which its own kiosk does not load.
func TestRecordCheckedKeepsOtherSites(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, sitePack(CommuneCounter, "")); err != nil {
		t.Fatal(err)
	}
	if _, err := RecordChecked(dir, "2026-12-02", []string{pageURL}); err != nil {
		t.Fatal(err)
	}
	all, err := LoadAllSites(os.DirFS(dir), dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, l := range all.Tutorials {
		ids = append(ids, l.ID+"/"+strings.Join(func() []string {
			var s []string
			for _, k := range l.Sites {
				s = append(s, string(k))
			}
			return s
		}(), ",")+"/"+l.Category)
	}
	if got := strings.Join(ids, " "); got != "vneid// gui-ho-so/postal_point/buu-dien" {
		t.Errorf("the lessons after recording: %s", got)
	}
}
