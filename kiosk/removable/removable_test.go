package removable

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestMountPoints(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"media/lan/USB B", "media/lan/USB A", "run/media/lan/THẺ NHỚ"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// A file where a stick would be is not a stick.
	os.WriteFile(filepath.Join(root, "media", "lan", "notes.txt"), nil, 0o644)
	got := mountPoints([]string{filepath.Join(root, "media/*/*"), filepath.Join(root, "run/media/*/*"), filepath.Join(root, "media/*/*")})
	want := []string{filepath.Join(root, "media/lan/USB A"), filepath.Join(root, "media/lan/USB B"), filepath.Join(root, "run/media/lan/THẺ NHỚ")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := mountPoints([]string{filepath.Join(root, "nothing/*")}); len(got) != 0 {
		t.Errorf("no sticks gave %q", got)
	}
}
