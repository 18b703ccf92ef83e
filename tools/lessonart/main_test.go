package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"onestop/assets"
	"onestop/kiosk/content"
)

const shipped = "../../assets/content/tutorials"

// The committed pictures are the ones the descriptions draw: a picture is
// changed by changing its description and running the tool, never by hand.
func TestShippedPicturesAreCurrent(t *testing.T) {
	pics, err := drawAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range sortedKeys(pics) {
		old, err := os.ReadFile(filepath.Join(shipped, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !bytes.Equal(old, pics[name]) {
			t.Errorf("%s differs from its description: run go run ./tools/lessonart", name)
		}
	}
}

// Every step of every lesson has a description, and every description a step.
func TestEveryStepIsDescribed(t *testing.T) {
	p, err := content.LoadAllSites(assets.Content(), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, tut := range p.Tutorials {
		for _, s := range tut.Steps {
			if name, ok := strings.CutPrefix(s.Image, "tutorials/"); ok && strings.HasSuffix(name, ".svg") {
				want = append(want, name)
			}
		}
	}
	pics, err := drawAll()
	if err != nil {
		t.Fatal(err)
	}
	got := sortedKeys(pics)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("described %v\nthe lessons show %v", got, want)
	}
}

// Every picture draws in the kiosk's renderer with nothing it skips.
func TestPicturesDraw(t *testing.T) {
	pics, err := drawAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range sortedKeys(pics) {
		img, err := raster(pics[name], 200)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		// not blank: a good part of it is more than its background
		drawn := 0
		for y := 0; y < 200; y += 4 {
			for x := 0; x < 200; x += 4 {
				r, g, b, _ := img.At(x, y).RGBA()
				if c := [3]uint32{r >> 8, g >> 8, b >> 8}; c != [3]uint32{0xEA, 0xF2, 0xFB} && c != [3]uint32{0xD3, 0xE3, 0xF6} {
					drawn++
				}
			}
		}
		if drawn < 50*50/5 {
			t.Errorf("%s: almost nothing drawn (%d of 2500 samples)", name, drawn)
		}
	}
}
