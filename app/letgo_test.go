package app

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// TestLeftLessonLetsGoOfItsPictures: a resident who leaves a lesson leaves
// none of its pictures in memory, and the screen they go to keeps all of
// its own.
func TestLeftLessonLetsGoOfItsPictures(t *testing.T) {
	h := newHarness(t, sizes["1080x1920"])
	h.k.settings.Pause = 0
	h.k.Open(Route{Kind: RouteTutorial, Arg: "vneid"})
	l := h.lesson()
	h.tap(h.k.t("lesson_next")) // step 2 shows; step 3's picture is made ahead
	if l.pic.Image == nil || l.spare.Image == nil {
		t.Fatal("the lesson shows no picture, or made none ahead: nothing to let go of")
	}
	pic, spare := l.pic, l.spare
	h.tap(h.k.t("home"))
	if h.k.Route().Kind != RouteHome {
		t.Fatalf("on %s, want the home screen", h.k.Route())
	}
	if pic.Image != nil || spare.Image != nil {
		t.Error("the lesson left keeps its pictures")
	}
	if len(l.pics) != 0 || len(l.voice) != 0 {
		t.Errorf("the lesson left keeps %d pictures and %d narrations", len(l.pics), len(l.voice))
	}
	shown := 0
	for _, o := range h.objects() {
		if img, ok := o.(*canvas.Image); ok && img.Resource == nil {
			if img.Image == nil {
				t.Error("a picture of the home screen lost its image")
			}
			shown++
		}
	}
	if shown == 0 {
		t.Fatal("the home screen shows no picture to check")
	}
}

// TestLetGoKeepsWhatStays: a picture in both the old screen and the new
// one keeps its image; one only in the old screen loses it, even inside
// containers.
func TestLetGoKeepsWhatStays(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	shared, gone := canvas.NewImageFromImage(img), canvas.NewImageFromImage(img)
	old := []fyne.CanvasObject{container.NewVBox(container.NewStack(gone), shared)}
	shown := []fyne.CanvasObject{container.NewHBox(shared)}
	h.k.letGo(old, shown)
	if shared.Image == nil {
		t.Error("a picture the new screen shows lost its image")
	}
	if gone.Image != nil {
		t.Error("a picture only the old screen showed keeps its image")
	}
}
