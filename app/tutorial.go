package app

import (
	"fmt"
	"image"
	"math"
	"path"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/sound"
	"onestop/kiosk/sound/mp3"
)

// Speaker plays narration. *sound.Player is the real one; tests record
// what would be said.
type Speaker interface {
	// Say plays narration from a point into it, replacing any before.
	Say(pcm sound.PCM, from time.Duration)
	// Hush stops the narration.
	Hush()
	// SetVolume sets the narration volume, 0 (mute) to 1.
	SetVolume(v float64)
	// Silent reports a machine without sound: nothing is decoded for it.
	Silent() bool
}

// volumes are the narration volume steps, loudest first: many residents
// hear poorly, so the kiosk starts loud.
var volumes = []float64{1, 0.6, 0.3}

// lessonPlayer is the tutorial on screen: the lesson's rule (in kiosk/),
// the widgets it updates in place from step to step, and its narration.
type lessonPlayer struct {
	k    *Kiosk
	tut  content.Tutorial
	rule *kiosk.Lesson
	done bool // the end was recorded
	gone bool // the resident left the lesson: late pictures and sounds are dropped
	// end is the lesson's end screen: its QR codes, one shown at a time,
	// and its slip (In phiếu) of the steps; scr is the screen playing it.
	end  detail
	slip slipState
	scr  screen

	// The widgets of the step view; nil while the end screen shows.
	picture  *fyne.Container
	caption  *widget.RichText
	text     *widget.RichText
	column   *fyne.Container // the caption, the text and the sound buttons
	counter  *widget.RichText
	progress *progressBar
	playBtn  *fyne.Container // holds the play/pause tile, swapped on change
	playWord string          // the word on it now
	anim     *animation      // the animated GIF of the step, if any
	// The layout chosen for the lesson at this screen and text size (fit).
	pictureSide float32
	textSize    fyne.ThemeSizeName
	textFits    []bool // per step: whether its longer text has room
	// filming: the lesson's video is playing in the external player.
	filming bool

	// Narration decoded for the step showing and the next; gen discards a
	// decoding that finishes after its step has gone.
	voice map[int]sound.PCM
	gen   int
	// The step picture: two images reused for every step. pic shows the
	// step; spare, drawn offstage, already holds the next step's picture
	// (spareStep), so its texture is made before "Bước sau" is tapped, not
	// in the frame that answers the tap. pics are the pictures decoded for
	// the step showing and the next.
	pic, spare *canvas.Image
	spareStep  int
	pics       map[int]image.Image
	// The next step's words, drawn offstage with the spare picture while
	// the resident reads, so the textures of their lines are made too.
	nextCaption, nextText, nextCounter *widget.RichText
	off                                *offstage
}

// tutorialScreen plays a lesson; a redraw (a setting changed) shows the
// lesson where it is.
type tutorialScreen struct {
	k  *Kiosk
	id string
	p  *lessonPlayer // nil: no such lesson
}

func newTutorialScreen(k *Kiosk, id string) screen {
	s := &tutorialScreen{k: k, id: id}
	if t, ok := k.pack.Tutorial(id); ok {
		s.p = &lessonPlayer{k: k, tut: t, rule: k.lessonRule(t), voice: map[int]sound.PCM{}, pics: map[int]image.Image{}}
		s.p.end = detail{k: k, targets: k.pack.EndTargets(t), onQR: func(target content.Target) {
			k.visits.Record(kiosk.Event{Kind: kiosk.EventQR, Screen: "tutorial", Detail: target.URL})
		}}
		s.p.scr = s
	}
	return s
}

func (s *tutorialScreen) view() fyne.CanvasObject {
	if s.p == nil {
		return s.k.frame(s.k.t("not_found"), s.id, container.NewVBox(), nil)
	}
	return s.p.view()
}

// enter starts the lesson: recorded, and its first step read aloud.
func (s *tutorialScreen) enter() {
	if s.p == nil {
		return
	}
	s.k.visits.Record(kiosk.Event{Kind: kiosk.EventLessonStart, Screen: "tutorial", Detail: s.id, Step: 1})
	s.p.speak()
}

func (s *tutorialScreen) leave() {
	if s.p != nil {
		s.p.leave()
	}
}

func (s *tutorialScreen) tick(time.Time) {
	if s.p != nil {
		s.p.tick()
	}
}

func (s *tutorialScreen) awake() bool { return s.p != nil && s.p.awake() }

// showsQR: the lesson's end shows its QR codes.
func (s *tutorialScreen) showsQR() bool { return s.p != nil && s.p.rule.State() == kiosk.Finished }

// holdPause is how long a step waits after its narration before it holds
// for "Bước sau", when the admin chose that a lesson waits.
const holdPause = time.Second

// lessonRule is the rule of a lesson at the pace the admin chose: each
// narrated step waits the chosen pause after its narration, or holds at
// its end until the resident taps Bước sau.
func (k *Kiosk) lessonRule(t content.Tutorial) *kiosk.Lesson {
	pause := k.settings.Pause
	if pause == 0 {
		pause = holdPause
	}
	steps := make([]time.Duration, len(t.Steps))
	for i, st := range t.Steps {
		steps[i] = st.DurationWith(pause)
	}
	l := kiosk.NewLesson(steps, k.clock.Now())
	l.Hold = k.settings.Pause == 0
	return l
}

// leave is called when the resident leaves the lesson: a lesson left
// before its end is recorded as abandoned at the furthest step.
func (p *lessonPlayer) leave() {
	k := p.k
	p.gone = true
	p.gen++
	p.stopAnim()
	// The spare picture is inside a widget, where the screen change does
	// not reach (letGo); its picture and texture go now.
	if p.spare != nil {
		p.spare.Image = nil
		k.win.Canvas().Refresh(p.spare)
	}
	clear(p.pics)
	clear(p.voice)
	// The lesson's pictures are garbage now; hand them back to the system
	// (a kiosk runs for days) once the next screen is drawn.
	time.AfterFunc(time.Second, k.freeMemory)
	if k.speaker != nil {
		k.speaker.Hush()
	}
	if !p.done {
		k.visits.Record(kiosk.Event{Kind: kiosk.EventLessonAbandon, Screen: "tutorial", Detail: p.tut.ID, Step: p.rule.Reached() + 1})
	}
}

// view builds the screen for the lesson's state.
func (p *lessonPlayer) view() fyne.CanvasObject {
	if p.rule.State() == kiosk.Finished {
		return p.endView()
	}
	return p.stepView()
}

// stepView: the step's picture on the left; its caption in large letters
// and its text on the right, with the sound buttons; the progress and the
// big play controls along the bottom.
func (p *lessonPlayer) stepView() fyne.CanvasObject {
	k := p.k
	p.counter = newText("", textOpts{size: sizeChrome, bold: true})
	p.progress = newProgressBar()
	p.playBtn = container.NewStack()

	prev := k.controlButton(theme.MediaSkipPreviousIcon(), k.t("lesson_prev"), styleTile, func() { p.apply(p.rule.Prev(p.now())) })
	replay := k.controlButton(theme.MediaReplayIcon(), k.t("lesson_replay"), styleTile, func() { p.apply(p.rule.Replay(p.now())) })
	next := k.controlButton(theme.MediaSkipNextIcon(), k.t("lesson_next"), styleTile, func() { p.apply(p.rule.Next(p.now())) })
	controls := container.NewGridWithColumns(4, prev, p.playBtn, replay, next)
	bottom := container.NewVBox(
		container.NewBorder(nil, nil, p.counter, nil, vCenter(p.progress)),
		controls,
	)

	tools := []fyne.CanvasObject{container.NewGridWithColumns(2, k.muteButton(), k.volumeButton())}
	if film := k.filmButton(p); film != nil {
		tools = append(tools, film)
	}
	toolBox := container.NewVBox(tools...)

	space := k.bodySpace(p.tut.Title.In(k.visit.lang), "", nil)
	room := space.Height - bottom.MinSize().Height - theme.Padding()
	// In portrait the picture stands above the words, as wide as the
	// screen allows; in landscape beside them.
	below := k.shape().portrait()
	p.fit(space.Width, room, toolBox.MinSize().Height, below)
	p.caption = newText("", textOpts{size: sizeHeading, bold: true, wrap: fyne.TextWrapWord})
	p.text = newText("", textOpts{size: p.textSize, wrap: fyne.TextWrapWord})
	right := container.NewVBox(p.caption, p.text, layout.NewSpacer(), toolBox)
	p.column = right

	p.picture = container.NewStack()
	pictureBox := container.New(&fixedWidthLayout{width: p.pictureSide}, p.picture)

	if p.pic == nil {
		p.pic, p.spare, p.spareStep = stepImage(), stepImage(), -1
	}
	p.nextCaption = newText("", textOpts{size: sizeHeading, bold: true, wrap: fyne.TextWrapWord})
	p.nextText = newText("", textOpts{size: p.textSize, wrap: fyne.TextWrapWord})
	p.nextCounter = newText("", textOpts{size: sizeChrome, bold: true})
	p.off = newOffstage(p.nextCaption, p.nextText, p.nextCounter, p.spare)
	words := container.NewStack(container.NewPadded(right), p.off)
	body := container.NewBorder(nil, bottom, pictureBox, nil, words)
	if below {
		body = container.NewBorder(container.NewCenter(pictureBox), bottom, nil, nil, words)
	}
	p.showStep()
	return k.frame(p.tut.Title.In(k.visit.lang), "", body, nil)
}

// awake reports whether the lesson holds off the idle reset: while it
// plays, or while its film plays.
func (p *lessonPlayer) awake() bool { return p.filming || p.rule.Awake() }

func (p *lessonPlayer) stopAnim() {
	if p.anim != nil {
		p.anim.stop()
		p.anim = nil
	}
}

// fit chooses the lesson's layout for a body of width w and height room
// (above the controls), the same for every step so nothing jumps from step
// to step: the largest picture that leaves every step's caption and text
// room beside it (or below it), with the text in the lead size, else the
// body size. At
// the largest text sizes a step whose text still has no room shows its
// caption only (always shown); its narration reads the text anyway.
func (p *lessonPlayer) fit(w, room, tools float32, below bool) {
	pad := theme.Padding()
	fixed := tools + 4*pad // the VBox's gaps and the padded column's edges
	height := func(side float32, size fyne.ThemeSizeName, i int) (capH, textH float32) {
		cw := w - side - 2*pad - 2*pad
		if below {
			cw, capH = w-4*pad, side+pad // the picture counts as part of the column
		}
		s := p.tut.Steps[i]
		capH += heightAt(newText(s.Caption, textOpts{size: sizeHeading, bold: true, wrap: fyne.TextWrapWord}), cw)
		if s.Text != "" {
			textH = heightAt(newText(s.Text, textOpts{size: size, wrap: fyne.TextWrapWord}), cw)
		}
		return capH, textH
	}
	largest := max(minPicture, min(room, w*0.5))
	if below {
		largest = max(minPicture, min(room*0.6, w))
	}
	for _, size := range []fyne.ThemeSizeName{sizeLead, sizeBody} {
		for side := largest; side >= minPicture; side -= 40 {
			ok := true
			for i := range p.tut.Steps {
				c, t := height(side, size, i)
				if c+t+fixed > room {
					ok = false
					break
				}
			}
			if ok {
				p.pictureSide, p.textSize = side, size
				p.textFits = make([]bool, len(p.tut.Steps))
				for i := range p.textFits {
					p.textFits[i] = true
				}
				return
			}
		}
	}
	p.pictureSide, p.textSize = minPicture, sizeBody
	p.textFits = make([]bool, len(p.tut.Steps))
	for i := range p.tut.Steps {
		c, t := height(minPicture, sizeBody, i)
		p.textFits[i] = c+t+fixed <= room
	}
}

// minPicture is the smallest side a step's picture is shown at.
const minPicture = 240

// now is the clock's time.
func (p *lessonPlayer) now() time.Time { return p.k.clock.Now() }

// apply follows a change of the lesson's rule on screen and in sound.
func (p *lessonPlayer) apply(c kiosk.Change) {
	k := p.k
	if c.New {
		k.visits.Record(kiosk.Event{Kind: kiosk.EventLessonStep, Screen: "tutorial", Detail: p.tut.ID, Step: p.rule.Step() + 1})
	}
	if c.Finished {
		p.gen++
		p.stopAnim()
		if k.speaker != nil {
			k.speaker.Hush()
		}
		if !p.done {
			p.done = true
			k.visits.Record(kiosk.Event{Kind: kiosk.EventLessonDone, Screen: "tutorial", Detail: p.tut.ID, Step: p.rule.Steps()})
		}
		p.end.showQR() // the end shows its first code
		k.redraw()
		return
	}
	if c.Step {
		if p.caption == nil { // from the end screen back into the steps
			k.redraw()
		} else {
			p.showStep()
		}
		p.speak()
		return
	}
	p.showState()
}

// showStep puts the current step's picture and words on screen.
func (p *lessonPlayer) showStep() {
	k := p.k
	s := p.tut.Steps[p.rule.Step()]
	p.stopAnim()
	// The picture's container is refreshed only when its objects change: a
	// refresh would throw away the texture of the picture made ahead.
	renew := true
	if a := k.animationOf(s.Image, fyne.NewSquareSize(p.pictureSide)); a != nil {
		p.anim = a
		p.picture.Objects = []fyne.CanvasObject{a.image}
		a.start()
	} else {
		renew = p.showPicture(p.rule.Step())
	}
	setText(p.caption, s.Caption)
	if p.textFits[p.rule.Step()] {
		setText(p.text, s.Text)
	} else {
		setText(p.text, "") // the narration still reads it
	}
	p.showState()
	if renew {
		k.refresh(p.picture)
	}
	k.refresh(p.caption)
	k.refresh(p.text)
	// A caption of more or fewer lines than the last step's moves the text
	// under it: the column is laid out again here, as Fyne's own pass
	// after a change of minimum size left the text where it was.
	if p.column != nil {
		p.column.Layout.Layout(p.column.Objects, p.column.Size())
	}
	p.prepareWords(p.rule.Step() + 1)
}

// prepareWords puts step i's caption, text and counter offstage, laid
// out as they will be on stage, once the frame that answered the tap has
// been drawn.
func (p *lessonPlayer) prepareWords(i int) {
	if i >= len(p.tut.Steps) || p.nextCaption == nil {
		return
	}
	p.k.later(prepareAfter, func() {
		if p.gone || p.rule.Step()+1 != i || p.caption == nil || p.caption.Size().Width <= 0 {
			return
		}
		s := p.tut.Steps[i]
		text := ""
		if p.textFits[i] {
			text = s.Text
		}
		for _, w := range []struct {
			rt, like *widget.RichText
			s        string
		}{
			{p.nextCaption, p.caption, s.Caption},
			{p.nextText, p.text, text},
			{p.nextCounter, p.counter, p.k.tf("lesson_step_of", i+1, p.rule.Steps())},
		} {
			setText(w.rt, w.s)
			w.rt.Resize(w.like.Size())
			p.k.refresh(w.rt)
		}
	})
}

// showPicture shows step i's picture. When the spare image already holds
// it, the two images swap places, on stage and offstage: neither is
// refreshed, so the texture made ahead is kept and the frame that answers
// the tap only draws it. Otherwise the picture comes from the pictures
// decoded ahead, the disk cache, or is drawn in the background. Then the
// next step's picture is decoded ahead and put in the spare image. It
// reports whether the picture's container must be refreshed (its image
// changed).
func (p *lessonPlayer) showPicture(i int) bool {
	k := p.k
	side := fyne.NewSquareSize(p.pictureSide)
	p.pic.SetMinSize(side)
	p.spare.SetMinSize(side)
	renew := len(p.picture.Objects) != 1 || p.picture.Objects[0] != p.pic
	name := p.tut.Steps[i].Image
	switch img, ok := p.pics[i]; {
	case p.spareStep == i && p.spare.Image != nil && !renew:
		p.off.swap(p.pic, p.spare)
		p.pic, p.spare = p.spare, p.pic
		p.picture.Objects[0] = p.pic
		// Laid out, not refreshed: a refresh would throw the texture away.
		p.picture.Layout.Layout(p.picture.Objects, p.picture.Size())
	case ok:
		p.pic.Image = img
		k.refresh(p.pic)
	case k.pictureReady(name, stepPx):
		p.pic.Image = k.loadPicture(name, stepPx)
		k.refresh(p.pic)
	default:
		p.pic.Image = nil
		k.refresh(p.pic)
		p.fetchPicture(i)
	}
	p.spareStep = -1
	if renew {
		p.picture.Objects = []fyne.CanvasObject{p.pic}
	}
	for j := range p.pics { // keep only this step's and the next's
		if j != i && j != i+1 {
			delete(p.pics, j)
		}
	}
	if i+1 < len(p.tut.Steps) {
		if img, ok := p.pics[i+1]; ok {
			p.prepare(i+1, img)
		} else {
			k.later(prepareAfter, func() {
				if !p.gone && p.rule.Step() == i {
					p.fetchPicture(i + 1)
				}
			})
		}
	}
	return renew
}

// stepImage is one of the lesson's two step images. It is drawn near the
// size it shows at: OpenGL scales the rest rather than Fyne's CPU scaler,
// which cost a step change ~13 ms.
func stepImage() *canvas.Image {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScaleFastest
	return img
}

// prepare puts step i's picture in the spare image, once the frame that
// answered the tap has been drawn: its texture is then made in a frame of
// its own while the resident reads.
func (p *lessonPlayer) prepare(i int, img image.Image) {
	if p.spare == nil || p.spareStep == i {
		return
	}
	p.spareStep = i
	p.k.later(prepareAfter, func() {
		if p.gone || p.spareStep != i || p.rule.Step()+1 != i || p.caption == nil {
			return
		}
		// The spare has the size it will have on stage: a change of size
		// on the swap would throw its texture away.
		p.spare.Resize(p.picture.Size())
		p.spare.Image = img
		p.k.refresh(p.spare)
	})
}

// prepareAfter is how long after a step shows the next step's picture is
// made ready: after the step's own frame, well before a reader's next tap.
const prepareAfter = 150 * time.Millisecond

// fetchPicture decodes (or draws) step i's picture off the UI path and
// keeps it for its step; if that step is showing, it appears at once.
func (p *lessonPlayer) fetchPicture(i int) {
	k := p.k
	name := p.tut.Steps[i].Image
	if strings.EqualFold(path.Ext(name), ".gif") {
		return // animations are decoded when their step shows
	}
	k.drawing.Add(1)
	k.background(func() {
		defer k.drawing.Done()
		img := k.loadPicture(name, stepPx)
		fyne.Do(func() {
			if p.gone || img == nil {
				return
			}
			p.pics[i] = img
			switch {
			case p.pic == nil || p.caption == nil:
			case p.rule.Step() == i && p.pic.Image == nil:
				p.pic.Image = img
				k.refresh(p.pic)
			case p.rule.Step()+1 == i:
				p.prepare(i, img)
			}
		})
	})
}

// showState updates what changes while a step plays: the counter, the
// progress bar and the play/pause button.
func (p *lessonPlayer) showState() {
	k := p.k
	if p.counter == nil {
		return
	}
	setText(p.counter, k.tf("lesson_step_of", p.rule.Step()+1, p.rule.Steps()))
	p.progress.SetValue(p.rule.Progress(p.now()))
	icon, word := theme.MediaPauseIcon(), k.t("lesson_pause")
	if p.rule.State() != kiosk.Playing {
		icon, word = theme.MediaPlayIcon(), k.t("lesson_play")
	}
	if len(p.playBtn.Objects) == 0 || p.playWord != word {
		p.playWord = word
		p.playBtn.Objects = []fyne.CanvasObject{k.controlButton(icon, word, styleAccent, p.toggle)}
		k.refresh(p.playBtn)
	}
	k.refresh(p.counter)
}

func (p *lessonPlayer) toggle() {
	was := p.rule.State()
	c := p.rule.Toggle(p.now())
	if p.k.speaker != nil && !c.Step {
		if was == kiosk.Playing {
			p.k.speaker.Hush()
		} else {
			p.sayFromHere()
		}
	}
	p.apply(c)
}

// tick moves the lesson on with the clock and keeps the bar moving.
func (p *lessonPlayer) tick() {
	c := p.rule.Tick(p.now())
	if c != (kiosk.Change{}) {
		p.apply(c)
		return
	}
	if p.progress != nil && p.rule.State() == kiosk.Playing {
		p.progress.SetValue(p.rule.Progress(p.now()))
	}
}

// speak starts the current step's narration, decoding it off the UI path,
// and decodes the next step's ahead.
func (p *lessonPlayer) speak() {
	k := p.k
	p.gen++
	if k.speaker == nil || k.speaker.Silent() {
		return
	}
	k.speaker.Hush()
	i := p.rule.Step()
	for j := range p.voice { // keep only this step's and the next's
		if j != i && j != i+1 {
			delete(p.voice, j)
		}
	}
	if _, ok := p.voice[i]; ok {
		p.sayFromHere()
	} else {
		p.decode(i, true)
	}
	if i+1 < len(p.tut.Steps) {
		// The next step's narration is decoded once this step's frame
		// is drawn, not while it is drawn.
		gen := p.gen
		k.later(prepareAfter, func() {
			if p.gone || gen != p.gen {
				return
			}
			if _, ok := p.voice[i+1]; !ok {
				p.decode(i+1, false)
			}
		})
	}
}

// decode reads step i's narration in the background; then, if say and the
// step is still showing and playing, it is spoken from where the step is.
func (p *lessonPlayer) decode(i int, say bool) {
	name := p.tut.Steps[i].Narration
	if name == "" {
		return
	}
	gen := p.gen
	k := p.k
	k.narration(name, func(pcm sound.PCM) {
		if p.gone {
			return
		}
		p.voice[i] = pcm
		if say && gen == p.gen && p.rule.Step() == i {
			p.sayFromHere()
		}
	})
}

// narration decodes a pack's narration file off the UI path and hands it
// to then on the UI path; a file that cannot be read is logged.
func (k *Kiosk) narration(name string, then func(sound.PCM)) {
	pack := k.pack
	k.background(func() {
		b, err := pack.ReadFile(name)
		var pcm sound.PCM
		if err == nil {
			pcm, err = mp3.Decode(b)
		}
		fyne.Do(func() {
			if err != nil {
				k.log.Printf("narration %s: %v", name, err)
				return
			}
			then(pcm)
		})
	})
}

// sayFromHere plays the current step's narration from the point the step
// has reached, if it is playing and its narration is decoded.
func (p *lessonPlayer) sayFromHere() {
	k := p.k
	if k.speaker == nil || p.rule.State() != kiosk.Playing {
		return
	}
	pcm, ok := p.voice[p.rule.Step()]
	if !ok {
		return
	}
	k.speaker.Say(pcm, p.rule.Elapsed(p.now()))
}

// endView: the lesson is done. "Làm ngay trên điện thoại" with the QR code
// of each target, and "Xem lại" to see it again.
func (p *lessonPlayer) endView() fyne.CanvasObject {
	k := p.k
	p.caption, p.text, p.counter, p.progress, p.column = nil, nil, nil, nil, nil
	tabs := []detailTab{{k.t("lesson_done_tab"), []detailItem{{"", k.t("lesson_done_text")}}}}
	again := k.tabButton(theme.MediaReplayIcon(), k.t("lesson_again"), func() {
		p.apply(p.rule.Play(p.now()))
	})
	extras := []*tile{again}
	if ts := p.end.targets; len(ts) > 0 {
		if b := k.slipButton(&p.slip, p.scr, func(done func(bool)) {
			k.printLessonSlip(p.tut, ts[clampPage(p.end.target, len(ts))], done)
		}); b != nil {
			extras = append(extras, b)
		}
	}
	return p.end.view(k.t("lesson_done_title"), p.tut.Title.In(k.visit.lang), tabs, extras)
}

// stepPx is the resolution tutorial pictures are drawn at.
const stepPx = posterPx // the attract loop's lesson previews share the drawings

// controlButton is a big player button: an icon above a word.
func (k *Kiosk) controlButton(icon fyne.Resource, word string, style tileStyle, onTap func()) *tile {
	c := colorTileText
	if style == styleAccent {
		c = colorAccentText
	}
	content := container.NewVBox(
		container.NewCenter(iconBox(theme.NewColoredResource(icon, c), 40)),
		newText(word, textOpts{size: sizeChrome, color: c, bold: true, align: fyne.TextAlignCenter}),
	)
	t := newTile(vCenter(content), style, k.act(onTap))
	t.minSize = fyne.NewSize(minTarget*2, minTarget+24)
	return t
}

// muteButton turns the narration off and on.
func (k *Kiosk) muteButton() *tile {
	icon, word := theme.VolumeMuteIcon(), k.t("sound_off")
	if k.visit.muted {
		icon, word = theme.VolumeUpIcon(), k.t("sound_on")
	}
	return k.controlButton(icon, word, styleTile, func() {
		k.visit.muted = !k.visit.muted
		k.applyVolume()
		k.redraw()
	})
}

// volumeButton steps the narration volume: loud, middle, soft.
func (k *Kiosk) volumeButton() *tile {
	word := k.tf("volume_step", k.t(fmt.Sprintf("volume_%d", k.visit.volumeStep)))
	return k.controlButton(theme.VolumeUpIcon(), word, styleTile, func() {
		k.visit.volumeStep = (k.visit.volumeStep + 1) % len(volumes)
		k.visit.muted = false
		k.applyVolume()
		k.redraw()
	})
}

func (k *Kiosk) applyVolume() {
	if k.speaker == nil {
		return
	}
	v := volumes[k.visit.volumeStep]
	if k.visit.muted {
		v = 0
	}
	k.speaker.SetVolume(v)
}

// progressBar is a thick bar: the part of the lesson played, in the
// accent colour, over a track.
type progressBar struct {
	widget.BaseWidget
	value float64
	track *canvas.Rectangle
	fill  *canvas.Rectangle
}

func newProgressBar() *progressBar {
	b := &progressBar{}
	b.ExtendBaseWidget(b)
	return b
}

// SetValue sets how much is done, from 0 to 1.
func (b *progressBar) SetValue(v float64) {
	v = max(0, min(1, v))
	if v != b.value {
		b.value = v
		b.Refresh()
	}
}

func (b *progressBar) CreateRenderer() fyne.WidgetRenderer {
	b.track = canvas.NewRectangle(theme.Color(theme.ColorNameDisabledButton))
	b.track.StrokeColor = theme.Color(colorTileEdge)
	b.track.StrokeWidth = 2
	b.track.CornerRadius = 8
	b.fill = canvas.NewRectangle(theme.Color(colorAccent))
	b.fill.CornerRadius = 8
	return &progressRenderer{b: b}
}

type progressRenderer struct{ b *progressBar }

func (r *progressRenderer) Destroy() {}

func (r *progressRenderer) Layout(s fyne.Size) {
	r.b.track.Resize(s)
	r.b.fill.Resize(fyne.NewSize(s.Width*float32(r.b.value), s.Height))
}

func (r *progressRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 20) }

func (r *progressRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.b.track, r.b.fill}
}

func (r *progressRenderer) Refresh() {
	r.b.track.FillColor = theme.Color(theme.ColorNameDisabledButton)
	r.b.track.StrokeColor = theme.Color(colorTileEdge)
	r.b.fill.FillColor = theme.Color(colorAccent)
	r.Layout(r.b.Size())
	canvas.Refresh(r.b.track)
	canvas.Refresh(r.b.fill)
}

// wideButton is a button with an icon left of its words, the width of
// its column.
func (k *Kiosk) wideButton(icon fyne.Resource, word string, style tileStyle, onTap func()) *tile {
	c := colorTileText
	if style == styleAccent {
		c = colorAccentText
	}
	content := container.NewBorder(nil, nil, container.NewCenter(iconBox(theme.NewColoredResource(icon, c), 40)), nil,
		vCenter(newText(word, textOpts{size: sizeChrome, color: c, bold: true, wrap: fyne.TextWrapWord})))
	t := newTile(content, style, k.act(onTap))
	t.minSize = fyne.NewSize(minTarget*3, minTarget+8)
	return t
}

// tabButton is a button that sits in a row of tabs but acts at once. It
// is drawn like a tab not chosen, with an icon in a filled circle before
// its word, so it never looks like the chosen tab.
func (k *Kiosk) tabButton(icon fyne.Resource, word string, onTap func()) *tile {
	disc := canvas.NewCircle(theme.Color(colorAccent))
	mark := container.NewStack(disc, container.NewCenter(iconBox(theme.NewColoredResource(icon, colorAccentText), 28)))
	content := container.NewBorder(nil, nil, container.NewCenter(container.New(&fixedWidthLayout{width: 44}, container.NewGridWrap(fyne.NewSquareSize(44), mark))), nil,
		vCenter(newText(word, textOpts{size: sizeChrome, color: colorTileText, bold: true, wrap: fyne.TextWrapWord})))
	return newTile(content, styleTile, k.act(onTap))
}

// tutorialsScreen lists every lesson, two to a row, paged when the text
// is large.
type tutorialsScreen struct {
	k    *Kiosk
	page int
}

func newTutorialsScreen(k *Kiosk, _ string) screen { return &tutorialsScreen{k: k} }

func (s *tutorialsScreen) view() fyne.CanvasObject {
	k := s.k
	var tiles []fyne.CanvasObject
	for _, t := range k.pack.Tutorials {
		var total time.Duration
		for _, st := range t.Steps {
			total += st.DurationWith(max(k.settings.Pause, holdPause))
		}
		line := k.tf("lesson_line", len(t.Steps), max(1, int(math.Round(total.Minutes()))))
		tiles = append(tiles, k.iconTile(t.Icon, t.Title.In(k.visit.lang), line, 72, func() {
			k.navigate(Route{Kind: RouteTutorial, Arg: t.ID})
		}))
	}
	var rows []fyne.CanvasObject
	for i := 0; i < len(tiles); i += 2 {
		row := tiles[i:min(i+2, len(tiles))]
		if len(row) == 1 {
			row = append(row, layout.NewSpacer())
		}
		rows = append(rows, container.NewGridWithColumns(2, row...))
	}
	return k.frame(k.t("lessons_title"), k.t("lessons_sub"), k.newPagedList(&s.page, rows), nil)
}

// readAloud reads a procedure's key facts aloud (the Nghe button), from
// the start; decoding runs off the UI path. Leaving the screen stops it.
func (k *Kiosk) readAloud(name string) {
	if k.speaker == nil {
		return
	}
	k.speaker.Hush()
	from := k.cur
	k.narration(name, func(pcm sound.PCM) {
		if k.cur == from {
			k.speaker.Say(pcm, 0)
		}
	})
}

func (k *Kiosk) stopReading() {
	if k.speaker != nil {
		k.speaker.Hush()
	}
}
