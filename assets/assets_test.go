package assets

import (
	"io/fs"
	"reflect"
	"testing"
	"time"

	"onestop/kiosk/content"
	"onestop/kiosk/sound/mp3"
)

// Every narration the kiosk ships decodes whole, and plays as long as the
// pack said when it loaded (from the frame headers), so a step's timing is
// its narration and the pause after it.
func TestShippedNarrationDecodes(t *testing.T) {
	if raceEnabled {
		t.Skip("decoded in the plain run: six times slower under -race, and no goroutines to check")
	}
	p, err := content.LoadAllSites(Content(), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, header time.Duration) {
		t.Helper()
		b, err := fs.ReadFile(Content(), name)
		if err != nil {
			t.Fatal(err)
		}
		pcm, err := mp3.Decode(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := pcm.Duration()
		if d := got - header; d < -30*time.Millisecond || d > 30*time.Millisecond {
			t.Errorf("%s decodes to %v, its headers say %v", name, got, header)
		}
		if got < time.Second {
			t.Errorf("%s lasts only %v", name, got)
		}
	}
	n := 0
	for _, tu := range p.Tutorials {
		if len(tu.Steps) < 4 || len(tu.Steps) > 10 {
			t.Errorf("lesson %s has %d steps; a default lesson has 4 to 10", tu.ID, len(tu.Steps))
		}
		for i, s := range tu.Steps {
			if s.Narration == "" {
				t.Errorf("lesson %s step %d has no narration", tu.ID, i+1)
				continue
			}
			check(s.Narration, s.Length)
			if s.Duration() != s.Length+content.NarrationPause {
				t.Errorf("lesson %s step %d lasts %v, its narration %v", tu.ID, i+1, s.Duration(), s.Length)
			}
			n++
		}
	}
	for _, pr := range p.Procedures {
		if pr.Narration == "" {
			t.Errorf("procedure %s has no narration for its Nghe button", pr.Code)
			continue
		}
		check(pr.Narration, pr.Length)
		n++
	}
	t.Logf("%d narration files decoded", n)
}

// The kiosk starts on the embedded pack with LoadBuiltIn, which skips the
// SVGs' XML and the procedures' narration lengths: the pack must load with
// Load (every picture parsed, every narration measured) and give the same
// pack both ways, but for those lengths.
func TestBuiltInPackLoadsBothWays(t *testing.T) {
	full, err := content.Load(Content(), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	quick, err := content.LoadBuiltIn(Content(), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	for i := range full.Procedures {
		if full.Procedures[i].Narration != "" && full.Procedures[i].Length == 0 {
			t.Fatalf("Load did not measure %s", full.Procedures[i].Narration)
		}
		full.Procedures[i].Length = 0
	}
	if !reflect.DeepEqual(full, quick) {
		t.Error("LoadBuiltIn gives another pack than Load")
	}
}
