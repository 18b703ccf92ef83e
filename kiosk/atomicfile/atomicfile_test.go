package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

// Write replaces a file's bytes and leaves no temporary file beside it; a
// folder that does not exist is an error and writes nothing.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "pack.json")
	for _, want := range []string{"old", "new, longer"} {
		if err := Write(name, []byte(want)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(name); string(got) != want {
			t.Errorf("file reads %q, want %q", got, want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder, want 1", len(entries))
	}
	if err := Write(filepath.Join(dir, "missing", "x"), []byte("x")); err == nil {
		t.Error("a write into a missing folder succeeded")
	}
}
