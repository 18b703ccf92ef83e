package datalock

import (
	"errors"
	"testing"
)

// A second taker is refused while the first holds the folder, and served
// once it lets go.
func TestTake(t *testing.T) {
	dir := t.TempDir()
	release, err := Take(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Take(dir); !errors.Is(err, ErrHeld) {
		t.Fatalf("second take: %v", err)
	}
	release()
	again, err := Take(dir)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again()
	if _, err := Take(dir + "/missing"); err == nil {
		t.Error("a missing folder was locked")
	}
}
