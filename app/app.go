// Package app is the kiosk's Fyne user interface: the resident's screens,
// the top bar, the on-screen keypad, the idle warning and the theme. It
// talks to the domain in kiosk/ and holds no SQL.
package app

import (
	"encoding/json"
	"fmt"
	"image"
	"io/fs"
	"log"
	"path"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/removable"
	"onestop/kiosk/search"
	"onestop/kiosk/store"
)

// Options are what the kiosk's UI is built from.
type Options struct {
	Pack *content.Pack
	// Words holds the kiosk's own words: one JSON file per language.
	Words fs.FS
	// Visits records anonymous visits; nil records nothing.
	Visits *kiosk.Visits
	Clock  kiosk.Clock
	// Notice is shown to staff on the attract screen (e.g. the content pack
	// given was refused and the embedded one is in use).
	Notice string
	// Beep sounds the idle warning; nil is silent.
	Beep func()
	// Speaker reads the tutorials' narration; nil is silent.
	Speaker Speaker
	// Films plays a tutorial's video full screen; nil offers no video.
	Films FilmPlayer
	Log   *log.Logger
	// CacheDir keeps drawn pictures between runs; empty keeps them in memory only.
	CacheDir string
	// Staff connects staff mode; empty: staff mode is off.
	Staff StaffOptions
}

// Kiosk is the running user interface.
type Kiosk struct {
	app     fyne.App
	win     fyne.Window
	pack    *content.Pack
	index   *search.Index
	visits  *kiosk.Visits
	clock   kiosk.Clock
	beep    func()
	speaker Speaker
	films   FilmPlayer
	log     *log.Logger
	notice  string
	words   map[string]map[string]string

	// What the current resident chose; forgotten at the idle reset.
	lang         string
	textStep     int
	highContrast bool
	history      []kiosk.Route
	query        string
	muted        bool
	volumeStep   int                      // index into volumes
	settings     kiosk.LocalSettings      // the pack's, as the admin changed them
	drafts       map[string]store.Session // by member: an open session's form at logout
	lesson       *lessonPlayer            // the tutorial on screen, if any
	reading      string                   // the narration being read aloud by Nghe, if any
	// Staff mode.
	staffOpts   StaffOptions
	staff       *staffMode  // the member logged in, if any
	secret      []time.Time // taps of the staff gesture
	pin         string      // the PIN being typed
	pinMessage  string
	pinFirst    string // a new member's PIN, typed once
	pickerPage  int
	todayPage   int
	formPage    int
	auditPage   int
	shownMinute int

	// usbDrives lists the plugged-in USB sticks (exports go there first).
	usbDrives func() []string

	// background runs work off the UI path (decoding narration); its
	// result comes back through fyne.Do. Tests run it in line.
	background func(func())

	current      kiosk.Route
	categoryPage int
	homePage     int
	idle         kiosk.Idle
	screen       *fyne.Container // holds the current screen
	warning      *idleWarning
	attract      *attractScreen
	pictures     map[pictureKey]image.Image
	picMu        sync.Mutex
	prewarmed    chan struct{}  // closed once the first screens' pictures are drawn
	drawing      sync.WaitGroup // pictures being drawn for a screen showing
	cacheDir     string

	missMu sync.Mutex
	misses map[string]bool // words asked for that no language has; tests fail on any
}

// New builds the kiosk's UI in the window.
func New(a fyne.App, w fyne.Window, o Options) (*Kiosk, error) {
	if o.Clock == nil {
		o.Clock = kiosk.SystemClock{}
	}
	if o.Log == nil {
		o.Log = log.Default()
	}
	if o.Visits == nil {
		o.Visits = &kiosk.Visits{Clock: o.Clock}
	}
	words, err := loadWords(o.Words)
	if err != nil {
		return nil, err
	}
	s := o.Pack.Settings
	k := &Kiosk{
		app: a, win: w, pack: o.Pack, index: search.New(o.Pack), visits: o.Visits,
		clock: o.Clock, beep: o.Beep, speaker: o.Speaker, films: o.Films, log: o.Log, staffOpts: o.Staff, notice: o.Notice, words: words,
		lang:       "vi",
		idle:       kiosk.Idle{Quiet: s.IdleTimeout(), Warn: s.WarnTimeout()},
		pictures:   map[pictureKey]image.Image{},
		cacheDir:   o.CacheDir,
		prewarmed:  make(chan struct{}),
		misses:     map[string]bool{},
		background: func(f func()) { go f() },
		usbDrives:  removable.Drives,
	}
	k.loadSettings()
	k.screen = container.NewStack()
	k.warning = newIdleWarning(k)
	w.SetPadded(false) // the kiosk's screens run to the window's edges
	w.SetContent(container.NewStack(k.screen, k.warning.layer))
	k.applyTheme()
	k.Open(kiosk.Route{Kind: "attract"})
	go k.prewarm()
	return k, nil
}

// loadWords reads vi.json, en.json... from fsys.
func loadWords(fsys fs.FS) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("translation %s: %w", n, err)
		}
		out[n[:len(n)-len(path.Ext(n))]] = m
	}
	if len(out["vi"]) == 0 {
		return nil, fmt.Errorf("no Vietnamese words (vi.json) for the kiosk")
	}
	return out, nil
}

// t returns the kiosk's word for key in the resident's language.
func (k *Kiosk) t(key string) string {
	if s, ok := k.words[k.lang][key]; ok {
		return s
	}
	if s, ok := k.words["vi"][key]; ok {
		return s
	}
	k.missMu.Lock()
	k.misses[key] = true
	k.missMu.Unlock()
	return key
}

// tf is t with fmt.Sprintf arguments.
func (k *Kiosk) tf(key string, args ...any) string { return fmt.Sprintf(k.t(key), args...) }

// Route is the screen showing.
func (k *Kiosk) Route() kiosk.Route { return k.current }

// Open shows a screen without adding it to the history (for --open and
// for the start).
func (k *Kiosk) Open(r kiosk.Route) {
	k.history = nil
	k.show(r)
	if r.Kind != "attract" {
		k.idle.Input(k.clock.Now())
	}
}

// navigate goes to a screen the resident chose, remembering where they were.
func (k *Kiosk) navigate(r kiosk.Route) {
	switch {
	case isStaffRoute(k.current) && !isStaffRoute(r):
		// Leaving staff mode for the resident screens: Back there never
		// leads into a staff screen, and what staff typed on the keypad
		// (a note, a reason) is not the resident's search.
		k.history = slices.DeleteFunc(k.history, isStaffRoute)
		k.query = ""
	case k.current.Kind != "" && k.current.Kind != "attract":
		k.history = append(k.history, k.current)
	}
	k.show(r)
}

// back returns to the previous screen; from the first screen, to the
// attract loop, which ends the visit.
func (k *Kiosk) back() {
	if n := len(k.history); n > 0 {
		r := k.history[n-1]
		k.history = k.history[:n-1]
		k.show(r)
		return
	}
	if k.current.Kind == "home" {
		k.reset(store.EndFinished)
		return
	}
	k.show(kiosk.Route{Kind: "home"})
}

func (k *Kiosk) home() {
	if k.current.Kind != "home" {
		k.navigate(kiosk.Route{Kind: "home"})
	}
}

// show builds the screen for a route and records it.
func (k *Kiosk) show(r kiosk.Route) {
	if k.lesson != nil && (r.Kind != "tutorial" || r.Arg != k.lesson.tut.ID) {
		k.leaveLesson()
	}
	if k.reading != "" && r != k.current {
		k.stopReading()
	}
	var body fyne.CanvasObject
	switch r.Kind {
	case "attract":
		k.attract = newAttractScreen(k)
		body = k.attract.content
	case "home":
		body = k.homeScreen(0)
	case "category":
		body = k.categoryScreen(r.Arg, 0)
	case "procedure":
		body = k.procedureScreen(r.Arg)
	case "tutorial":
		body = k.tutorialScreen(r.Arg)
	case "tutorials":
		body = k.tutorialsScreen()
	case "search":
		if r.Arg != "" {
			k.query = r.Arg
		}
		body = k.searchScreen()
	case "staff", "staff-pin", "staff-home", "staff-session", "staff-rate", "staff-today", "staff-picker", "staff-text", "staff-fix",
		"staff-members", "staff-audit", "staff-new", "staff-numbers", "staff-numbers-range", "staff-settings":
		body = k.staffScreen(r)
	default:
		body = k.homeScreen(0)
		r = kiosk.Route{Kind: "home"}
	}
	if r.Kind != "attract" && k.attract != nil {
		k.attract.stop()
		k.attract = nil
	}
	k.current = r
	k.screen.Objects = []fyne.CanvasObject{body}
	k.refresh(k.screen)
	if r.Kind != "attract" && !isStaffRoute(r) { // staff work is not a resident's visit
		k.visits.Record(store.Event{Kind: store.EventScreen, Screen: r.Kind})
	}
}

// refresh redraws an object whose content the kiosk changed. It marks the
// window's canvas dirty directly, as well as through the object: Fyne finds
// an object's canvas through a cache whose entries expire after a minute
// without use, and a screen that changes only every few seconds (the
// attract loop) was seen to lose its entries and stop redrawing — taps were
// handled but nothing on screen changed.
func (k *Kiosk) refresh(o fyne.CanvasObject) {
	o.Refresh()
	k.win.Canvas().Refresh(o)
}

// rebuild draws the current screen again (after a setting changed).
func (k *Kiosk) rebuild() {
	// Keep the page the resident was on.
	switch k.current.Kind {
	case "category":
		k.screen.Objects = []fyne.CanvasObject{k.categoryScreen(k.current.Arg, k.categoryPage)}
		k.refresh(k.screen)
		return
	case "home":
		k.screen.Objects = []fyne.CanvasObject{k.homeScreen(k.homePage)}
		k.refresh(k.screen)
		return
	}
	k.show(k.current)
}

// input is called on every resident tap: it starts a visit and holds off
// the idle reset.
func (k *Kiosk) input() {
	k.visits.Begin()
	if k.staff != nil && k.staff.session != nil {
		// The resident browses inside an assisted session.
		k.visits.Link(k.staff.session.ID)
	}
	k.idle.Input(k.clock.Now())
	k.warning.hide()
}

// act wraps a tap handler so that it counts as input.
func (k *Kiosk) act(f func()) func() {
	return func() {
		if isStaffRoute(k.current) {
			k.staffInput() // staff work does not start a resident's visit
		} else {
			k.input()
		}
		f()
	}
}

// Tick applies the idle rule at the clock's time: the warning, its
// countdown and the reset. The running kiosk calls it twice a second;
// tests call it after moving their clock.
func (k *Kiosk) Tick() {
	now := k.clock.Now()
	k.staffTick(now)
	if isStaffRoute(k.current) && k.staff != nil {
		if k.current.Kind == "staff-session" && now.Minute() != k.shownMinute {
			k.shownMinute = now.Minute() // the session's minutes: one redraw a minute
			k.screen.Objects = []fyne.CanvasObject{k.sessionScreen()}
			k.refresh(k.screen)
		}
		return // staff screens have their own timeout, not the resident's idle rule
	}
	// (The member list and the PIN pad, before a login, follow the
	// resident's idle rule: left alone, they go back to the posters.)
	if k.lesson != nil {
		k.lesson.tick()
		// A lesson playing (or its film) is not idle; a paused one is.
		if k.lesson != nil && k.lesson.awake() {
			k.idle.Input(now)
		}
	}
	state, left := k.idle.Tick(now)
	switch state {
	case kiosk.IdleWarning:
		if !k.warning.showing() && k.beep != nil {
			k.beep()
		}
		k.warning.show(left)
	case kiosk.IdleExpired:
		k.reset(store.EndIdle)
	}
}

// reset forgets everything the last resident did and returns to the
// attract loop.
func (k *Kiosk) reset(reason string) {
	// The kiosk is left to itself: staff mode ends too (an open session
	// stays open, with its form as it was, for the member's next login).
	k.logout("idle")
	k.leaveLesson() // recorded inside the visit, before it ends
	k.visits.End(reason)
	k.idle.Stop()
	k.warning.hide()
	k.history = nil
	k.query = ""
	k.pin, k.pinMessage = "", "" // a PIN half-typed and left
	k.categoryPage, k.homePage = 0, 0
	k.muted, k.volumeStep = false, k.settings.Volume
	k.applyVolume()
	changed := k.lang != "vi" || k.textStep != 0 || k.highContrast
	k.lang, k.textStep, k.highContrast = "vi", 0, false
	if changed {
		k.applyTheme()
	}
	k.show(kiosk.Route{Kind: "attract"})
}

// Run starts the timers of the running kiosk (the idle watch and the
// attract loop) until stop is closed.
func (k *Kiosk) Run(stop <-chan struct{}) {
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			fyne.Do(func() {
				k.Tick()
				if k.attract != nil {
					k.attract.tick()
				}
			})
		}
	}
}

// Shutdown ends the open visit, as when the kiosk is stopped.
func (k *Kiosk) Shutdown() { k.visits.End(store.EndShutdown) }

// Missing lists the kiosk words asked for that no translation has.
func (k *Kiosk) Missing() []string {
	k.missMu.Lock()
	defer k.missMu.Unlock()
	var out []string
	for m := range k.misses {
		out = append(out, m)
	}
	return out
}

// applyTheme installs the theme for the resident's choices.
func (k *Kiosk) applyTheme() {
	k.app.Settings().SetTheme(newTheme(k.pack.Settings.MinTextPx, k.highContrast, k.textStep))
}

func (k *Kiosk) setLang(lang string) {
	k.lang = lang
	k.visits.Record(store.Event{Kind: store.EventSetting, Detail: "lang=" + lang})
	k.rebuild()
}

func (k *Kiosk) nextTextStep() {
	k.textStep = (k.textStep + 1) % len(textSteps)
	k.visits.Record(store.Event{Kind: store.EventSetting, Detail: fmt.Sprintf("text=%d", k.textStep+1)})
	k.applyTheme()
	k.rebuild()
}

func (k *Kiosk) toggleContrast() {
	k.highContrast = !k.highContrast
	k.visits.Record(store.Event{Kind: store.EventSetting, Detail: fmt.Sprintf("contrast=%v", k.highContrast)})
	k.applyTheme()
	k.rebuild()
}

// available is the size of the window's canvas, or a 1366×768 screen
// before the window has one.
func (k *Kiosk) available() fyne.Size {
	s := k.win.Canvas().Size()
	if s.Width < 100 || s.Height < 100 {
		return fyne.NewSize(1366, 768)
	}
	return s
}
