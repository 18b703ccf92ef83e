package app

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/draw"
	"image/gif"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// animation plays an animated GIF in a canvas image while its step shows.
type animation struct {
	k      *Kiosk
	image  *canvas.Image
	frames []image.Image
	delays []time.Duration
	quit   chan struct{}
}

// Limits of an animated step picture, so that one content file cannot
// take the kiosk's memory: frames are kept decoded while the step shows.
const (
	maxGIFFrames = 120
	maxGIFBytes  = 64 << 20 // decoded, all frames
)

// animationOf returns an animation for a pack GIF of more than one frame,
// or nil for any other picture (which is shown still).
func (k *Kiosk) animationOf(name string, size fyne.Size) *animation {
	if !strings.EqualFold(path.Ext(name), ".gif") {
		return nil
	}
	b, err := k.pack.ReadFile(name)
	if err != nil {
		return nil
	}
	g, err := gif.DecodeAll(bytes.NewReader(b))
	if err != nil || len(g.Image) < 2 {
		return nil
	}
	w, h := g.Config.Width, g.Config.Height
	if len(g.Image) > maxGIFFrames || w*h*4*len(g.Image) > maxGIFBytes {
		k.log.Printf("animated picture %s is too big to play (%d frames of %dx%d): its first frame is shown", name, len(g.Image), w, h)
		return nil
	}
	a := &animation{k: k}
	// Each frame is drawn over what the previous left, as GIF disposal
	// methods say.
	canvasImg := image.NewRGBA(image.Rect(0, 0, w, h))
	for i, f := range g.Image {
		var before *image.RGBA
		if g.Disposal[i] == gif.DisposalPrevious {
			before = image.NewRGBA(canvasImg.Bounds())
			copy(before.Pix, canvasImg.Pix)
		}
		draw.Draw(canvasImg, f.Bounds(), f, f.Bounds().Min, draw.Over)
		frame := image.NewRGBA(canvasImg.Bounds())
		copy(frame.Pix, canvasImg.Pix)
		a.frames = append(a.frames, frame)
		a.delays = append(a.delays, max(time.Duration(g.Delay[i])*10*time.Millisecond, 50*time.Millisecond))
		switch g.Disposal[i] {
		case gif.DisposalBackground:
			draw.Draw(canvasImg, f.Bounds(), image.Transparent, image.Point{}, draw.Src)
		case gif.DisposalPrevious:
			canvasImg = before
		}
	}
	a.image = canvas.NewImageFromImage(a.frames[0])
	a.image.FillMode = canvas.ImageFillContain
	a.image.SetMinSize(size)
	return a
}

// start plays the frames in a loop until stop.
func (a *animation) start() {
	a.quit = make(chan struct{})
	quit := a.quit
	go func() {
		i := 0
		for {
			select {
			case <-quit:
				return
			case <-time.After(a.delays[i]):
			}
			i = (i + 1) % len(a.frames)
			frame := a.frames[i]
			fyne.Do(func() {
				select {
				case <-quit:
					return
				default:
				}
				a.image.Image = frame
				a.k.refresh(a.image)
			})
		}
	}()
}

func (a *animation) stop() {
	if a.quit != nil {
		close(a.quit)
		a.quit = nil
	}
}

// FilmPlayer plays a video file full screen over the kiosk and calls done
// when it has ended or the resident stopped it.
type FilmPlayer interface {
	Play(file string, done func(error)) error
}

// MPV plays films with mpv, full screen, on top of the kiosk; a tap
// anywhere on the film ends it, since a kiosk has no keyboard.
type MPV struct {
	Path     string // the mpv program
	InputDir string // where its one-line input configuration is written
}

// NewMPV finds mpv on the machine; nil when there is none, so the kiosk
// offers no film and residents get the slides.
func NewMPV(inputDir string) FilmPlayer {
	p, err := exec.LookPath("mpv")
	if err != nil {
		return nil
	}
	return &MPV{Path: p, InputDir: inputDir}
}

// Play starts mpv and returns at once.
func (m *MPV) Play(file string, done func(error)) error {
	conf := filepath.Join(m.InputDir, "mpv-input.conf")
	if err := os.MkdirAll(m.InputDir, 0o750); err != nil {
		return err
	}
	if err := os.WriteFile(conf, []byte("MBTN_LEFT quit\nMBTN_LEFT_DBL quit\nMBTN_RIGHT quit\n"), 0o640); err != nil {
		return err
	}
	cmd := exec.Command(m.Path, "--fs", "--ontop", "--no-terminal", "--osc=no", "--no-input-default-bindings",
		"--input-conf="+conf, "--", file)
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { done(cmd.Wait()) }()
	return nil
}

// filmButton offers the lesson's film when it has one and the machine can
// play it; nil otherwise.
func (k *Kiosk) filmButton(p *lessonPlayer) fyne.CanvasObject {
	if p.tut.Video == "" || k.films == nil {
		return nil
	}
	return k.wideButton(theme.MediaVideoIcon(), k.t("lesson_film"), styleTile, func() { p.playFilm() })
}

// playFilm pauses the slides and plays the film; when it ends the kiosk
// is back on the slides, paused where the resident left them.
func (p *lessonPlayer) playFilm() {
	k := p.k
	file, err := k.filmFile(p.tut.Video)
	if err != nil {
		k.log.Printf("film %s: %v", p.tut.Video, err)
		return
	}
	p.rule.Pause(p.now())
	if k.speaker != nil {
		k.speaker.Hush()
	}
	p.showState()
	err = k.films.Play(file, func(err error) {
		if err != nil {
			k.log.Printf("film %s ended: %v", p.tut.Video, err)
		}
		fyne.Do(func() {
			p.filming = false
			if !p.gone {
				k.input() // back from the film counts as the resident's doing
			}
		})
	})
	if err != nil {
		k.log.Printf("film %s: %v", p.tut.Video, err)
		return
	}
	p.filming = true
}

// filmFile is a file path for a pack video: the player needs a real file,
// and an embedded pack has none, so it is copied once into the cache.
func (k *Kiosk) filmFile(name string) (string, error) {
	b, err := k.pack.ReadFile(name)
	if err != nil {
		return "", err
	}
	// Beside the picture cache (DATA/cache/films), else in the temporary folder.
	dir := filepath.Join(os.TempDir(), "onestop-kiosk-films")
	if k.cacheDir != "" {
		dir = filepath.Join(filepath.Dir(k.cacheDir), "films")
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	file := filepath.Join(dir, fmt.Sprintf("%x%s", sum[:12], strings.ToLower(path.Ext(name))))
	if _, err := os.Stat(file); err == nil {
		return file, nil
	}
	tmp := file + ".part"
	if err := os.WriteFile(tmp, b, 0o640); err != nil {
		return "", err
	}
	return file, os.Rename(tmp, file)
}
