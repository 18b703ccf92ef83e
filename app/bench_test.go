package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// BenchmarkShowScreen measures building and laying out a screen on the
// headless driver: the kiosk's own share of a tap's latency (drawing on
// the real window comes on top, measured by make bench under Xvfb).
func BenchmarkShowScreen(b *testing.B) {
	routes := []Route{
		{Kind: "home"},
		{Kind: "category", Arg: "ho-tich"},
		{Kind: "procedure", Arg: "1.001193"},
		{Kind: "tutorial", Arg: "vneid"},
		{Kind: "search", Arg: "khai sinh"},
	}
	for _, r := range routes {
		b.Run(string(r.Kind), func(b *testing.B) {
			h := newBenchHarness(b)
			for b.Loop() {
				h.k.show(r)
				h.win.Canvas().Content().Resize(fyne.NewSize(1920, 1080))
			}
		})
	}
}

func newBenchHarness(b *testing.B) *harness {
	return newHarness(b, sizes["1920x1080"])
}
