package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"onestop/assets"
	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/sound"
)

// fakeSpeaker records what the kiosk would say.
type fakeSpeaker struct {
	mu     sync.Mutex
	said   []said
	hushes int
	volume float64
}

type said struct {
	length time.Duration // of the narration given
	from   time.Duration
}

func (s *fakeSpeaker) Say(pcm sound.PCM, from time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.said = append(s.said, said{pcm.Duration(), from})
}

func (s *fakeSpeaker) Hush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hushes++
}

func (s *fakeSpeaker) SetVolume(v float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.volume = v
}

func (s *fakeSpeaker) Silent() bool { return false }

func (s *fakeSpeaker) last() (said, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.said) == 0 {
		return said{}, 0
	}
	return s.said[len(s.said)-1], len(s.said)
}

// waitSaid waits for the n-th narration (decoding runs in the background).
func (h *harness) waitSaid(n int) said {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if s, got := h.speaker.last(); got >= n {
			return s
		}
		time.Sleep(5 * time.Millisecond)
	}
	h.t.Fatalf("narration %d never started", n)
	return said{}
}

// lessonEvents lists the lesson events of the open visit, "kind:step".
func (h *harness) lessonEvents() []string {
	h.t.Helper()
	ctx := context.Background()
	vs, err := h.db().Visits(ctx, time.Time{}, h.clock.Now().Add(time.Hour))
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, v := range vs {
		evs, err := h.db().Events(ctx, v.ID)
		if err != nil {
			h.t.Fatal(err)
		}
		for _, e := range evs {
			if strings.HasPrefix(string(e.Kind), "lesson_") {
				out = append(out, fmt.Sprintf("%s:%s:%d", e.Kind, e.Detail, e.Step))
			}
		}
	}
	return out
}

// A resident finds the birth lesson from the home screen, it plays and
// speaks step by step, they pause and go on, and at the end the QR code on
// the screen opens the procedure's page.
func TestLessonPlaysToTheQR(t *testing.T) {
	for name, size := range sizes {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, size)
			lesson, _ := h.pack.Tutorial("khai-sinh")
			h.tap(h.k.t("touch_to_start"))
			h.tap(h.k.t("lessons_tile"))
			h.tap("Khai sinh trực tuyến")
			if r := h.k.Route(); r.Kind != "tutorial" || r.Arg != "khai-sinh" {
				t.Fatalf("on %v", r)
			}
			if txt := h.screenText(); !strings.Contains(txt, "Bước 1/6") || !strings.Contains(txt, "Đăng nhập Cổng Dịch vụ công") {
				t.Fatalf("first step not shown: %s", txt)
			}
			// Its narration starts from the beginning.
			if s := h.waitSaid(1); s.from != 0 || s.length < time.Second {
				t.Errorf("first narration %+v", s)
			}

			// The step moves on by itself when its time has passed: its
			// narration, then the pause the admin chose (5 s at first),
			// for a resident copying it onto their own phone.
			h.clock.Add(lesson.Steps[0].Length + kiosk.DefaultPause - 100*time.Millisecond)
			h.k.Tick()
			if !strings.Contains(h.screenText(), "Bước 1/6") {
				t.Fatal("the step moved on before its pause ended")
			}
			h.clock.Add(100 * time.Millisecond)
			h.k.Tick()
			if !strings.Contains(h.screenText(), "Bước 2/6") {
				t.Fatalf("no auto-advance: %s", h.screenText())
			}
			h.waitSaid(2)

			// Pause: the voice stops and the step holds.
			h.clock.Add(2 * time.Second)
			hushes := h.speaker.hushes
			h.tap(h.k.t("lesson_pause"))
			if h.speaker.hushes == hushes {
				t.Error("pause did not stop the narration")
			}
			h.clock.Add(30 * time.Second)
			h.k.Tick()
			if !strings.Contains(h.screenText(), "Bước 2/6") {
				t.Fatal("a paused lesson moved on")
			}
			// Play again: the narration resumes where it stopped.
			h.tap(h.k.t("lesson_play"))
			if s := h.waitSaid(3); s.from != 2*time.Second {
				t.Errorf("resumed from %v, want 2s", s.from)
			}
			// Replay starts the step's narration again from the start.
			h.clock.Add(time.Second)
			h.tap(h.k.t("lesson_replay"))
			if s := h.waitSaid(4); s.from != 0 {
				t.Errorf("replay from %v", s.from)
			}

			for range len(lesson.Steps) - 1 {
				h.tap(h.k.t("lesson_next"))
			}
			if txt := h.screenText(); !strings.Contains(txt, h.k.t("lesson_done_title")) {
				t.Fatalf("no end screen: %s", txt)
			}
			want := h.pack.EndTargets(lesson)[0].URL
			if got := decodeQR(t, h.capture()); got != want {
				t.Errorf("the QR code says %q, want %q", got, want)
			}

			got := h.lessonEvents()
			wantEv := []string{"lesson_start:khai-sinh:1", "lesson_step:khai-sinh:2", "lesson_step:khai-sinh:3",
				"lesson_step:khai-sinh:4", "lesson_step:khai-sinh:5", "lesson_step:khai-sinh:6", "lesson_done:khai-sinh:6"}
			if strings.Join(got, " ") != strings.Join(wantEv, " ") {
				t.Errorf("events:\n got %v\nwant %v", got, wantEv)
			}

			// Xem lại plays it again from the first step.
			h.tap(h.k.t("lesson_again"))
			if !strings.Contains(h.screenText(), "Bước 1/6") {
				t.Errorf("Xem lại did not restart: %s", h.screenText())
			}
		})
	}
}

// Leaving a lesson before its end is recorded as abandoned at the
// furthest step, inside the visit, whether by the home button or the
// idle reset.
func TestLessonAbandoned(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.k.Open(Route{Kind: "tutorial", Arg: "vneid"})
	h.tap(h.k.t("lesson_next"))
	h.tap(h.k.t("lesson_next"))
	h.tap(h.k.t("lesson_prev"))
	h.tap(h.k.t("home"))
	if h.lesson() != nil {
		t.Fatal("the lesson is still held after leaving it")
	}
	got := strings.Join(h.lessonEvents(), " ")
	want := "lesson_start:vneid:1 lesson_step:vneid:2 lesson_step:vneid:3 lesson_abandon:vneid:3"
	if got != want {
		t.Errorf("events:\n got %s\nwant %s", got, want)
	}
	hushes := h.speaker.hushes

	// Paused and left alone: the idle warning comes, then the reset, and
	// the abandonment is in the visit that ends.
	h.k.Open(Route{Kind: "tutorial", Arg: "tra-cuu"})
	h.tap(h.k.t("lesson_pause"))
	h.clock.Add(61 * time.Second)
	h.k.Tick()
	if !h.k.warn.showing() {
		t.Fatal("no idle warning on a paused lesson")
	}
	h.clock.Add(10 * time.Second)
	h.k.Tick()
	if h.k.Route().Kind != "attract" {
		t.Fatalf("no reset from a paused lesson: %v", h.k.Route())
	}
	if h.speaker.hushes <= hushes {
		t.Error("the reset did not stop the narration")
	}
	evs := h.lessonEvents()
	if last := evs[len(evs)-1]; last != "lesson_abandon:tra-cuu:1" {
		t.Errorf("last event %s", last)
	}
	vs, _ := h.db().Visits(context.Background(), time.Time{}, h.clock.Now().Add(time.Hour))
	if v := vs[len(vs)-1]; v.EndReason != kiosk.EndIdle {
		t.Errorf("visit ended %q", v.EndReason)
	}
}

// A playing lesson is not idle: a long one plays on past the idle time
// without a warning; once it has finished, the idle rule applies again.
func TestPlayingLessonHoldsOffIdle(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.k.Open(Route{Kind: "tutorial", Arg: "vneid"}) // over a minute long
	lesson, _ := h.pack.Tutorial("vneid")
	var total time.Duration
	for _, s := range lesson.Steps {
		total += s.DurationWith(kiosk.DefaultPause)
	}
	if total <= 70*time.Second {
		t.Fatalf("the lesson lasts %v: too short to test this", total)
	}
	for at := time.Duration(0); at < total-time.Second; at += 500 * time.Millisecond {
		h.clock.Add(500 * time.Millisecond)
		h.k.Tick()
		if h.k.warn.showing() {
			t.Fatalf("idle warning %v into a playing lesson", at)
		}
	}
	h.clock.Add(2 * time.Second)
	h.k.Tick()
	if h.lesson().rule.State() != kiosk.Finished {
		t.Fatalf("lesson %v after its length", h.lesson().rule.State())
	}
	// The end shows QR codes: the resident may be aiming a phone, so the
	// idle reset waits the longer time.
	h.clock.Add(61 * time.Second)
	h.k.Tick()
	if h.k.warn.showing() {
		t.Error("idle warning a minute into the lesson's QR codes")
	}
	h.clock.Add(kiosk.DefaultQRIdle - 61*time.Second + time.Second)
	h.k.Tick()
	if !h.k.warn.showing() {
		t.Errorf("no idle warning %v after the lesson ended", kiosk.DefaultQRIdle+time.Second)
	}
}

// TestLessonWaitsForNext: with the admin's "wait for Bước sau", a step
// holds after its narration until the resident taps; left alone, the
// kiosk starts over after the usual idle time.
func TestLessonWaitsForNext(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.k.settings.Pause = 0
	h.k.Open(Route{Kind: RouteTutorial, Arg: "vneid"})
	lesson, _ := h.pack.Tutorial("vneid")
	h.clock.Add(lesson.Steps[0].Length + 10*time.Second)
	h.k.Tick()
	if l := h.lesson(); l.rule.Step() != 0 || l.rule.State() != kiosk.Paused {
		t.Fatalf("step %d, %v: want step 1 held", l.rule.Step()+1, l.rule.State())
	}
	h.tap(h.k.t("lesson_next"))
	if h.lesson().rule.Step() != 1 {
		t.Fatal("Bước sau did not move on")
	}
	h.clock.Add(lesson.Steps[1].Length + 2*time.Second)
	h.k.Tick()
	h.tap(h.k.t("lesson_play")) // Tiếp tục on a held step is the next step
	if h.lesson().rule.Step() != 2 {
		t.Fatalf("Tiếp tục on a held step: on step %d", h.lesson().rule.Step()+1)
	}
	h.clock.Add(lesson.Steps[2].Length + h.k.settings.Idle + 2*time.Second)
	h.k.Tick()
	if !h.k.warn.showing() {
		t.Error("a held lesson left alone never warns")
	}
}

// TestQRScreenWaitsLonger: a procedure with its QR code waits the admin's
// QR time before the idle warning; a screen without one, the usual time.
func TestQRScreenWaitsLonger(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.k.Open(Route{Kind: RouteProcedure, Arg: "1.001193"})
	h.clock.Add(h.k.settings.Idle + time.Second)
	h.k.Tick()
	if h.k.warn.showing() {
		t.Fatal("warned at the usual idle time on a QR screen")
	}
	h.clock.Add(h.k.settings.QRIdle - h.k.settings.Idle)
	h.k.Tick()
	if !h.k.warn.showing() {
		t.Fatalf("no warning after %v on a QR screen", h.k.settings.QRIdle+time.Second)
	}
	h.tap(h.k.t("idle_continue"))
	h.k.navigate(Route{Kind: RouteHome})
	h.clock.Add(h.k.settings.Idle + time.Second)
	h.k.Tick()
	if !h.k.warn.showing() {
		t.Error("no warning at the usual idle time on the home screen")
	}
}

// Mute and the volume steps reach the speaker and are forgotten at the reset.
func TestLessonSoundButtons(t *testing.T) {
	h := newHarness(t, sizes["1920x1080"])
	h.k.Open(Route{Kind: "tutorial", Arg: "vneid"})
	h.tap(h.k.t("sound_off"))
	if h.speaker.volume != 0 {
		t.Errorf("muted at volume %v", h.speaker.volume)
	}
	h.tap(h.k.t("sound_on"))
	if h.speaker.volume != 1 {
		t.Errorf("unmuted at volume %v", h.speaker.volume)
	}
	h.tap(h.k.tf("volume_step", h.k.t("volume_0")))
	if h.speaker.volume != volumes[1] || !strings.Contains(h.screenText(), h.k.tf("volume_step", h.k.t("volume_1"))) {
		t.Errorf("volume %v after one step", h.speaker.volume)
	}
	// A setting change rebuilds the screen but keeps the lesson where it is.
	h.tap(h.k.t("lesson_next"))
	h.tapTextSize()
	if !strings.Contains(h.screenText(), "Bước 2/8") {
		t.Errorf("the text size restarted the lesson: %s", h.screenText())
	}
	h.k.reset(kiosk.EndIdle)
	if h.speaker.volume != 1 || h.k.visit.muted || h.k.visit.volumeStep != 0 {
		t.Errorf("after reset: volume %v muted %v step %d", h.speaker.volume, h.k.visit.muted, h.k.visit.volumeStep)
	}
}

// fakeFilms records the films asked for and lets the test end them.
type fakeFilms struct {
	files []string
	done  func(error)
}

func (f *fakeFilms) Play(file string, done func(error)) error {
	f.files = append(f.files, file)
	f.done = done
	return nil
}

// A lesson with a film offers it; the film pauses the slides and holds off
// the idle reset while it plays; when it ends the slides are back.
func TestLessonFilm(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	films := &fakeFilms{}
	h.k.films = films
	// The embedded lessons have no film: give one a small file.
	pack := withFiles(t, map[string][]byte{"video/vneid.mp4": []byte("not really a film")}, func(ts []content.Tutorial) {
		ts[0].Video = "video/vneid.mp4"
	})
	h.k.pack = pack
	h.k.Open(Route{Kind: "tutorial", Arg: "vneid"})
	h.tap(h.k.t("lesson_film"))
	if len(films.files) != 1 {
		t.Fatalf("films played: %v", films.files)
	}
	if b, err := os.ReadFile(films.files[0]); err != nil || string(b) != "not really a film" {
		t.Errorf("the film file: %q %v", b, err)
	}
	if h.lesson().rule.State() != kiosk.Paused {
		t.Error("the slides play under the film")
	}
	h.clock.Add(5 * time.Minute)
	h.k.Tick()
	if h.k.warn.showing() || h.k.Route().Kind != "tutorial" {
		t.Fatal("idle while the film plays")
	}
	films.done(nil)
	h.clock.Add(61 * time.Second)
	h.k.Tick()
	if !h.k.warn.showing() {
		t.Error("the film's end did not give the idle rule back")
	}
}

// withFiles is the embedded pack with extra files, its tutorials changed by edit.
// defaultPackFiles is a copy of the default pack's files to change.
func defaultPackFiles(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(assets.Content(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets.Content(), p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func withFiles(t *testing.T, extra map[string][]byte, edit func([]content.Tutorial)) *content.Pack {
	t.Helper()
	m := defaultPackFiles(t)
	for name, b := range extra {
		m[name] = &fstest.MapFile{Data: b}
	}
	p, err := content.Load(m, "test")
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(p.Tutorials)
	}
	return p
}

// An animated GIF step plays its frames, drawn over one another as the
// GIF says.
func TestAnimatedStepPicture(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	pal := color.Palette{color.Transparent, color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}}
	g := &gif.GIF{}
	for i := range 3 {
		f := image.NewPaletted(image.Rect(0, 0, 20, 20), pal)
		// Frame i paints column block i; earlier blocks stay (DisposalNone).
		for y := 0; y < 20; y++ {
			for x := i * 5; x < i*5+5; x++ {
				f.SetColorIndex(x, y, uint8(1+i%2))
			}
		}
		g.Image = append(g.Image, f)
		g.Delay = append(g.Delay, 5) // 50 ms
		g.Disposal = append(g.Disposal, gif.DisposalNone)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		t.Fatal(err)
	}
	h.k.pack = withFiles(t, map[string][]byte{"anim.gif": buf.Bytes()}, nil)
	a := h.k.animationOf("anim.gif", test.NewWindow(nil).Canvas().Size())
	if a == nil {
		t.Fatal("no animation for a three-frame GIF")
	}
	if len(a.frames) != 3 {
		t.Fatalf("%d frames", len(a.frames))
	}
	last := a.frames[2]
	if r, _, _, _ := last.At(2, 10).RGBA(); r == 0 {
		t.Error("frame 3 lost what frame 1 drew")
	}
	if _, _, b, _ := last.At(7, 10).RGBA(); b == 0 {
		t.Error("frame 3 lost what frame 2 drew")
	}
	a.start()
	defer a.stop()
	first := a.image.Image
	deadline := time.Now().Add(5 * time.Second)
	for a.image.Image == first && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if a.image.Image == first {
		t.Error("the animation never moved to its next frame")
	}
	if h.k.animationOf("tutorials/vneid/01.svg", test.NewWindow(nil).Canvas().Size()) != nil {
		t.Error("an SVG is animated")
	}
}

// The mpv player is started full screen with a tap-to-quit input
// configuration; a stub mpv on a temporary PATH stands in for it.
func TestMPVCommand(t *testing.T) {
	dir := t.TempDir()
	argsFile := filepath.Join(dir, "args")
	stub := "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + argsFile + "\n"
	if err := os.WriteFile(filepath.Join(dir, "mpv"), []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	m := NewMPV(filepath.Join(dir, "cache"))
	if m == nil {
		t.Fatal("mpv on PATH not found")
	}
	done := make(chan error, 1)
	if err := m.Play("/films/a.mp4", func(err error) { done <- err }); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("mpv ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("done was never called")
	}
	b, _ := os.ReadFile(argsFile)
	args := string(b)
	for _, want := range []string{"--fs\n", "--input-conf=" + filepath.Join(dir, "cache", "mpv-input.conf"), "--\n/films/a.mp4\n"} {
		if !strings.Contains(args, want) {
			t.Errorf("mpv args lack %q:\n%s", want, args)
		}
	}
	conf, _ := os.ReadFile(filepath.Join(dir, "cache", "mpv-input.conf"))
	if !strings.Contains(string(conf), "MBTN_LEFT quit") {
		t.Errorf("a tap does not end the film: %s", conf)
	}
	t.Setenv("PATH", t.TempDir())
	if NewMPV(dir) != nil {
		t.Error("a film player without mpv")
	}
}

// Nghe reads a procedure's key facts aloud; leaving the screen stops it;
// a kiosk without sound offers no Nghe button.
func TestListenToProcedure(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	pr, _ := h.pack.Procedure("1.001193")
	h.k.Open(Route{Kind: "procedure", Arg: pr.Code})
	h.tap(h.k.t("listen"))
	s := h.waitSaid(1)
	if s.from != 0 || s.length < pr.Length-30*time.Millisecond || s.length > pr.Length+30*time.Millisecond {
		t.Errorf("read %+v, the narration lasts %v", s, pr.Length)
	}
	hushes := h.speaker.hushes
	h.tap(h.k.t("home"))
	if h.speaker.hushes == hushes {
		t.Error("leaving the procedure did not stop the reading")
	}

	h.k.speaker = silentSpeaker{}
	h.k.Open(Route{Kind: "procedure", Arg: pr.Code})
	if strings.Contains(h.screenText(), h.k.t("listen")) {
		t.Error("a silent kiosk offers Nghe")
	}
}

type silentSpeaker struct{}

func (silentSpeaker) Say(sound.PCM, time.Duration) {}
func (silentSpeaker) Hush()                        {}
func (silentSpeaker) SetVolume(float64)            {}
func (silentSpeaker) Silent() bool                 { return true }

// The attract loop shows lesson previews between its posters, without
// sound, each in its campaign's days and hours.
func TestAttractLoopPreviews(t *testing.T) {
	loop := func(h *harness) []string {
		var seen []string
		first := h.attract().current()
		for range 40 {
			s := h.attract().current()
			id := s.Poster
			if s.Tutorial != "" {
				id = fmt.Sprintf("%s#%d", s.Tutorial, s.Step+1)
				lesson, _ := h.pack.Tutorial(s.Tutorial)
				if !strings.Contains(h.screenText(), lesson.Steps[s.Step].Caption) {
					t.Errorf("preview %s: its caption is not on screen: %s", id, h.screenText())
				}
			}
			seen = append(seen, id)
			h.clock.Add(h.pack.Settings.PosterInterval())
			h.attract().tick(h.clock.Now())
			if h.attract().current() == first {
				break
			}
		}
		return seen
	}
	// 10 October, 9:00: the campaign preview of VNeID is in the loop.
	h := newHarness(t, sizes["1366x768"])
	got := strings.Join(loop(h), " ")
	if !strings.Contains(got, "khai-sinh#1 khai-sinh#2 khai-sinh#3") || !strings.Contains(got, "vneid#1 vneid#2 vneid#3") {
		t.Errorf("10 Oct 9:00 loop: %s", got)
	}
	if strings.Contains(got, "khai-sinh#4") {
		t.Errorf("the preview shows more than its steps: %s", got)
	}
	if _, n := h.speaker.last(); n != 0 {
		t.Errorf("the attract loop spoke %d times", n)
	}
	// 10 October, 18:00: outside the campaign preview's hours.
	h2 := newHarness(t, sizes["1366x768"])
	h2.clock.Add(9 * time.Hour)
	got = strings.Join(loop(h2), " ")
	if strings.Contains(got, "vneid#") || !strings.Contains(got, "khai-sinh#1") {
		t.Errorf("10 Oct 18:00 loop: %s", got)
	}
}

// TestNextPictureMadeAhead: while a step shows, the next step's picture
// waits in the spare image, invisible; "Bước sau" swaps the two images
// without refreshing the one shown, so its texture, made ahead, is kept.
func TestNextPictureMadeAhead(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.k.settings.Pause = 0
	h.k.Open(Route{Kind: RouteTutorial, Arg: "vneid"})
	lesson, _ := h.pack.Tutorial("vneid")
	l := h.lesson()
	picture := func(i int) image.Image { return h.k.loadPicture(lesson.Steps[i].Image, stepPx) }
	// is: whether img is step i's picture (pictures are decoded afresh
	// from the disk cache, so they are compared by their pixels).
	is := func(img image.Image, i int) bool {
		want := picture(i)
		if img == nil || want == nil || img.Bounds() != want.Bounds() {
			return false
		}
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y += 3 {
			for x := b.Min.X; x < b.Max.X; x += 3 {
				r1, g1, b1, a1 := img.At(x, y).RGBA()
				r2, g2, b2, a2 := want.At(x, y).RGBA()
				if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
					return false
				}
			}
		}
		return true
	}
	for i := 0; i+1 < len(lesson.Steps); i++ {
		if l.rule.Step() != i {
			t.Fatalf("on step %d, want %d", l.rule.Step()+1, i+1)
		}
		if !is(l.pic.Image, i) {
			t.Fatalf("step %d: the picture shown is not the step's", i+1)
		}
		if l.spareStep != i+1 || !is(l.spare.Image, i+1) {
			t.Fatalf("step %d: the spare image holds step %d's picture, want step %d's", i+1, l.spareStep+1, i+2)
		}
		if objs := l.picture.Objects; len(objs) != 1 || objs[0] != l.pic {
			t.Fatalf("step %d: the picture holds %d objects, want the step's picture alone", i+1, len(objs))
		}
		if i == 0 {
			// The first step's view is made before it is laid out. The
			// kiosk prepares the next step 150 ms later, when it is; this
			// harness runs that at once, so the checks of the layout
			// start at step 2.
			h.tap(h.k.t("lesson_next"))
			continue
		}
		if !slices.Contains(l.off.objects, fyne.CanvasObject(l.spare)) || l.spare.Size() != l.pic.Size() {
			t.Fatalf("step %d: the spare image is not offstage at the picture's size (%v, want %v)", i+1, l.spare.Size(), l.pic.Size())
		}
		// The next step's words are laid out offstage as they will be
		// on stage: the same lines at the same width.
		next := lesson.Steps[i+1]
		if got := l.nextCaption.String(); got != next.Caption || l.nextCaption.Size().Width != l.caption.Size().Width {
			t.Fatalf("step %d: offstage caption %q at width %v, want %q at %v", i+1, got, l.nextCaption.Size().Width, next.Caption, l.caption.Size().Width)
		}
		spare, lines := l.spare, textLines(l.nextCaption)
		h.tap(h.k.t("lesson_next"))
		if l.pic != spare {
			t.Fatalf("Bước sau to step %d made the picture afresh instead of showing the one made ahead", i+2)
		}
		if got := textLines(l.caption); !slices.Equal(got, lines) {
			t.Fatalf("step %d: the caption's lines are %q, offstage they were %q", i+2, got, lines)
		}
	}
	// Nothing offstage can be seen: the screen is the same without it.
	l.spare.Image = picture(0)
	h.k.refresh(l.spare)
	setText(l.nextCaption, lesson.Steps[0].Caption)
	h.k.refresh(l.nextCaption)
	with := h.capture()
	l.spare.Image = nil
	h.k.refresh(l.spare)
	setText(l.nextCaption, "")
	h.k.refresh(l.nextCaption)
	if !bytes.Equal(with.(*image.NRGBA).Pix, h.capture().(*image.NRGBA).Pix) {
		t.Error("what is offstage shows on the screen")
	}
}

// textLines are the lines a wrapped text is drawn in.
func textLines(rt *widget.RichText) []string {
	var out []string
	for _, o := range test.WidgetRenderer(rt).Objects() {
		if t, ok := o.(*canvas.Text); ok {
			out = append(out, t.Text)
		}
	}
	return out
}

// TestLessonStepsLayout: on every step of every lesson, at every screen
// size, "Bước sau" is where the resident's finger left it, and the step's
// text starts below its caption (a caption that gains a line from one step
// to the next, as the VNeID lesson's third does, pushes the text down).
func TestLessonStepsLayout(t *testing.T) {
	for name, size := range sizes {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, size)
			h.k.settings.Pause = 0
			for _, tut := range h.pack.Tutorials {
				h.k.Open(Route{Kind: RouteTutorial, Arg: tut.ID})
				var first fyne.Position
				for i := range tut.Steps {
					tl := h.findTile(h.k.t("lesson_next"))
					if tl == nil {
						t.Fatalf("%s step %d: no Bước sau", tut.ID, i+1)
					}
					d := fyne.CurrentApp().Driver()
					p := d.AbsolutePositionForObject(tl)
					if i == 0 {
						first = p
					} else if p != first {
						t.Errorf("%s step %d: Bước sau at %v, on step 1 at %v", tut.ID, i+1, p, first)
					}
					l := h.lesson()
					capEnd := d.AbsolutePositionForObject(l.caption).Y + l.caption.MinSize().Height
					if textTop := d.AbsolutePositionForObject(l.text).Y; l.text.String() != "" && textTop < capEnd-1 {
						t.Errorf("%s step %d: the text starts at %.0f, inside the caption, which ends at %.0f", tut.ID, i+1, textTop, capEnd)
					}
					if i+1 < len(tut.Steps) {
						h.tap(h.k.t("lesson_next"))
					}
				}
			}
		})
	}
}
