package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"onestop/kiosk/content"
	"onestop/kiosk/report"
)

// attractScreen is the loop of posters shown while nobody uses the kiosk,
// with previews of lessons (their first steps, without sound) between
// them, each entry in its campaign's days and hours. It changes the slide
// every few seconds and draws nothing in between, so it costs next to
// nothing while it waits; a tap anywhere starts a visit.
type attractScreen struct {
	k       *Kiosk
	slide   content.Slide // showing
	shown   time.Time
	content fyne.CanvasObject
	stopped bool

	// One picture and one pair of texts serve every poster: changing a
	// poster swaps their contents, so the window keeps one poster texture,
	// not one per poster shown in the last minute.
	pic      *canvas.Image
	headline *widget.RichText
	line     *widget.RichText
	slot     *fyne.Container
	grid     *fyne.Container // the poster and its words
	// info is the counter's hours and hotlines; closed holds, outside the
	// hours, when the counter opens again; closedSays is what it says
	// ("" while open).
	info       *widget.RichText
	closed     *fyne.Container
	closedSays string
	hoursSet   bool
}

func newAttractScreen(k *Kiosk, _ string) screen {
	a := &attractScreen{k: k, shown: k.clock.Now()}
	a.pic = canvas.NewImageFromImage(nil)
	a.pic.FillMode = canvas.ImageFillContain
	a.pic.ScaleMode = canvas.ImageScaleFastest // OpenGL scales it, not the CPU
	a.pic.SetMinSize(fyne.NewSize(320, 240))   // it grows to the room it has
	a.headline = newText("", textOpts{size: sizePoster, bold: true, wrap: fyne.TextWrapWord})
	a.line = newText("", textOpts{size: sizeLead, wrap: fyne.TextWrapWord})
	words := container.NewVBox(a.headline, a.line)
	a.grid = container.NewGridWithColumns(2, container.New(&insetLayout{24}, a.pic), vCenter(container.New(&insetLayout{24}, words)))
	a.slot = container.NewStack(a.grid)
	a.show(a.slides()[0])

	// The counter's hours and hotlines under the site's name; outside the
	// hours, under them, when the counter opens again (checkHours).
	a.info = newText("", textOpts{size: sizeChrome, color: colorBarText, wrap: fyne.TextWrapWord})
	site := container.NewVBox(newText(siteTitle(k.pack.Settings.SiteName, k.pack.Settings.Commune), textOpts{size: sizeChrome, color: colorBarText, bold: true}), a.info)
	a.closed = container.NewStack()
	a.checkHours(k.clock.Now())
	top := []fyne.CanvasObject{container.NewStack(canvas.NewRectangle(theme.Color(colorBar)), container.NewPadded(site)), a.closed}
	if notice := strings.TrimSpace(k.notice + " " + k.printerNotice); notice != "" {
		top = append(top, container.NewStack(canvas.NewRectangle(theme.Color(colorWarn)),
			container.NewPadded(newText(notice, textOpts{size: sizeChrome, color: colorWarnText, wrap: fyne.TextWrapWord}))))
	}
	start := newTile(container.NewCenter(container.NewVBox(
		newText(k.t("touch_to_start"), textOpts{size: sizeHeading, color: colorAccentText, bold: true, align: fyne.TextAlignCenter}),
		newText(k.words["en"]["touch_to_start"], textOpts{size: sizeChrome, color: colorAccentText, align: fyne.TextAlignCenter}),
	)), styleAccent, nil)
	start.onTap = a.start
	start.minSize = fyne.NewSize(minTarget, 120)

	page := container.NewBorder(container.NewVBox(top...), container.New(&insetLayout{16}, start), nil, nil, a.slot)
	// The whole screen is one tile: a tap anywhere starts.
	whole := newTile(page, styleClear, a.start)
	a.content = whole
	return a
}

// view: the poster beside its words, or above them in portrait.
func (a *attractScreen) view() fyne.CanvasObject {
	if a.k.shape().portrait() {
		a.grid.Layout = layout.NewGridLayoutWithRows(2)
	} else {
		a.grid.Layout = layout.NewGridLayoutWithColumns(2)
	}
	return a.content
}

func (a *attractScreen) leave() { a.stopped = true }

func (a *attractScreen) start() {
	a.k.input()
	a.k.navigate(Route{Kind: RouteHome})
}

// slides are the loop's slides now; a pack whose campaigns all ended, or
// whose entries are all outside their hours, still shows its posters.
func (a *attractScreen) slides() []content.Slide {
	if s := a.k.pack.SlidesAt(a.k.clock.Now().In(report.ReportZone)); len(s) > 0 {
		return s
	}
	return a.k.pack.Slides()
}

// show puts a slide's words and picture in place. A picture not yet
// drawn (first start, new content) appears when the background drawing ends.
func (a *attractScreen) show(s content.Slide) {
	a.slide = s
	setText(a.headline, s.Headline)
	setText(a.line, s.Text)
	if a.k.pictureReady(s.Image, posterPx) {
		a.pic.Image = a.k.loadPicture(s.Image, posterPx)
		return
	}
	a.pic.Image = nil
	a.k.drawing.Add(1)
	go func() {
		defer a.k.drawing.Done()
		img := a.k.loadPicture(s.Image, posterPx)
		fyne.Do(func() {
			if a.slide.Image == s.Image {
				a.pic.Image = img
				a.k.refresh(a.pic)
			}
		})
	}()
}

// next is the slide after the one showing, in the loop as it is now: the
// hours may have let an entry in or out since the last change.
func (a *attractScreen) next() content.Slide {
	slides := a.slides()
	for i, s := range slides {
		if s.Poster == a.slide.Poster && s.Step == a.slide.Step {
			return slides[(i+1)%len(slides)]
		}
	}
	return slides[0]
}

// setText replaces the text of a one-segment text made by newText.
func setText(rt *widget.RichText, s string) {
	if seg, ok := rt.Segments[0].(*widget.TextSegment); ok {
		seg.Text = s
	}
}

// tick shows the next poster once the current one has had its time.
func (a *attractScreen) tick(now time.Time) {
	if a.stopped {
		return
	}
	if now.Sub(a.shown) < a.k.pack.Settings.PosterInterval() {
		return
	}
	a.shown = now
	if a.checkHours(now) {
		a.k.refresh(a.content)
	}
	next := a.next()
	if next == a.slide {
		return // a loop of one slide
	}
	// The poster changes in one step, with no fade: without a GPU every
	// frame of a fade redraws the whole window, and a two-step fade cost
	// the loop 1.3 % of a core at 1920×1080 (make bench). The last poster's
	// picture is left to the garbage collector: handing memory back to the
	// system at every poster cost another 0.8 % (a full collection, and
	// the next picture's pages faulted in afresh).
	a.show(next)
	a.k.refresh(a.slot)
}

// checkHours shows, outside the counter's hours, when it opens again, in
// a band across the screen in place of the hours; it reports a change.
func (a *attractScreen) checkHours(now time.Time) bool {
	says := a.k.closedNotice(now)
	if a.hoursSet && says == a.closedSays {
		return false
	}
	a.hoursSet, a.closedSays = true, says
	lines := a.k.siteLines()
	a.closed.Objects = nil
	if says != "" {
		a.closed.Objects = []fyne.CanvasObject{a.k.closedBand(says, sizeBody, true)}
		if len(lines) > 0 && a.k.pack.Settings.Schedule().Known() {
			lines = lines[1:] // the hours: the band says when it opens
		}
	}
	// While the band shows, a poster keeps its picture and headline: its
	// longer line would push the band and the start button off the screen.
	if says != "" {
		a.line.Hide()
	} else {
		a.line.Show()
	}
	setText(a.info, strings.Join(lines, "\n"))
	if len(lines) == 0 {
		a.info.Hide()
	} else {
		a.info.Show()
	}
	a.info.Refresh()
	a.closed.Refresh()
	return true
}

// current is the slide showing.
func (a *attractScreen) current() content.Slide { return a.slide }
