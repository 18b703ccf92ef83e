package kiosk

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// A write that fails halfway leaves neither the file nor its temporary;
// one that succeeds leaves the whole file.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "phien.csv")
	err := WriteFile(name, func(w io.Writer) error {
		io.WriteString(w, "half a file")
		return errors.New("cancelled")
	})
	if err == nil {
		t.Fatal("the failure was not returned")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
	if err := WriteFile(name, func(w io.Writer) error { _, err := io.WriteString(w, "whole"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(name); string(b) != "whole" {
		t.Errorf("wrote %q", b)
	}
}
