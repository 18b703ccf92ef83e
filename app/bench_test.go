package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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
	h := newHarness(b, sizes["1920x1080"])
	// Narration is decoded off the UI goroutine in a running kiosk; the
	// harness decodes in line, which is not the UI's cost.
	h.k.speaker = silentSpeaker{}
	return h
}

// BenchmarkProcedureTap measures what a tap on a procedure costs the UI
// goroutine, from the tap to the procedure screen laid out, its visit
// events included: they are queued for the recorder, not synced to the
// disk on this goroutine (the store is a real SQLite file).
func BenchmarkProcedureTap(b *testing.B) {
	h := newBenchHarness(b)
	h.k.Open(Route{Kind: RouteCategory, Arg: "ho-tich"})
	var tap *tile
	for b.Loop() {
		b.StopTimer()
		h.k.Open(Route{Kind: RouteCategory, Arg: "ho-tich"})
		h.win.Canvas().Content().Resize(fyne.NewSize(1920, 1080))
		tap = h.findTile("Đăng ký khai sinh")
		b.StartTimer()
		test.Tap(tap)
		h.win.Canvas().Content().Resize(fyne.NewSize(1920, 1080))
	}
	b.StopTimer()
	if h.k.Route().Kind != RouteProcedure {
		b.Fatalf("the tap went to %v", h.k.Route())
	}
}
