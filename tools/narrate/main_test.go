package main

import (
	"os"
	"path/filepath"
	"testing"
)

// The embedded pack's narration says what its screens say: every narrated
// text matches the hash recorded when its MP3 was made. A caption edited
// without `make narration` fails here.
func TestEmbeddedNarrationIsCurrent(t *testing.T) {
	dir := filepath.Join("..", "..", "assets", "content")
	jobs, err := readJobs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) == 0 {
		t.Fatal("the embedded pack names no narration")
	}
	sums := readSums(filepath.Join(dir, SumFile))
	for _, j := range jobs {
		if _, err := os.Stat(filepath.Join(dir, j.file)); err != nil {
			t.Errorf("%s is missing: run make narration", j.file)
		} else if sums[j.file] != Sum(j.text) {
			t.Errorf("%s was made from another text: run make narration", j.file)
		}
	}
}

func TestSumsRoundTrip(t *testing.T) {
	file := filepath.Join(t.TempDir(), SumFile)
	in := map[string]string{"b.mp3": Sum("hai"), "a.mp3": Sum("một")}
	if err := writeSums(file, in); err != nil {
		t.Fatal(err)
	}
	out := readSums(file)
	if len(out) != 2 || out["a.mp3"] != in["a.mp3"] || out["b.mp3"] != in["b.mp3"] {
		t.Errorf("read back %v", out)
	}
	if Sum("một") == Sum("mốt") {
		t.Error("different texts, same sum")
	}
}
