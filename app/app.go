// Package app is the kiosk's Fyne user interface: the resident's screens,
// staff mode, the admin's screens, the top bar, the on-screen keypad, the
// idle warning and the theme. Each screen is a small value built from its
// route (routes.go); the screens talk to the domain services in kiosk/ and
// kiosk/report, never to the store.
package app

import (
	"encoding/json"
	"fmt"
	"image"
	"io/fs"
	"log"
	"path"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/fleet"
	"onestop/kiosk/removable"
	"onestop/kiosk/report"
	"onestop/kiosk/search"
	"onestop/kiosk/slip"
)

// Options are what the kiosk's UI is built from.
type Options struct {
	// KioskMode locks the window down (lockdown.go); Leave, when set, is
	// how an admin ends the program in kiosk mode.
	KioskMode bool
	Leave     func()
	// OnPack, if set, is told of a new content pack taken between two
	// residents, for the services built on the pack.
	OnPack func(*content.Pack)
	Pack   *content.Pack
	// Words holds the kiosk's own words: one JSON file per language.
	Words fs.FS
	// Visits records anonymous visits; nil records nothing.
	Visits *kiosk.Visits
	Clock  kiosk.Clock
	// AdminNotice is shown to an admin, above the admin's home (a damaged
	// database set aside at the start, waiting for kiosk db recover).
	AdminNotice string
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
	// PrewarmAfter, when set, holds back drawing the pictures of the first
	// screens until it is closed (the running kiosk closes it once its
	// window shows), so the drawing does not compete with the first frame
	// for the CPU. Nil draws them at once.
	PrewarmAfter <-chan struct{}
	// TextureLife is how long a texture (and a widget's renderer) of
	// something no longer drawn is kept; 0 keeps Fyne's minute.
	TextureLife time.Duration
	// FreeMemory hands memory no longer used back to the system; the
	// kiosk calls it after drawing its pictures and when a lesson is
	// left. Nil: Go's debug.FreeOSMemory.
	FreeMemory func()
	// Printer prints the slips residents take home; nil offers none.
	// PaperDots is its paper's printable width (slip.Dots58 or
	// slip.Dots80; 0: Dots80).
	Printer   slip.Printer
	PaperDots int
}

// StaffOptions are the services of staff mode and the admin's screens;
// without them the gesture shows that records are off (a kiosk whose
// database could not be opened records no sessions).
type StaffOptions struct {
	Roster   *kiosk.Roster
	Desk     *kiosk.Desk
	Settings *kiosk.Settings  // nil: the content pack's settings, unchangeable
	Tallies  *report.Tallies  // the numbers screen
	Exporter *report.Exporter // its export
	Reports  *report.Reports  // its periodic report, printed or saved
	Packs    PackInstaller    // signed content packs installed from a USB stick
	// Sync says how the records' push to the province's collector stands
	// (nil: the kiosk sends none; its records travel by USB).
	Sync func() fleet.Status
}

// on says whether staff mode has its services.
func (o StaffOptions) on() bool { return o.Roster != nil && o.Desk != nil }

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
	// adminNotice is Options.AdminNotice.
	adminNotice string
	// The slip printer, and what staff are told when it cannot print.
	print         printing
	printerNotice string
	words         map[string]map[string]string
	svc           StaffOptions

	// visit is the current resident's; the idle reset replaces it.
	visit *visit
	// settings are the pack's, as the admin changed them.
	settings kiosk.LocalSettings
	// staff is the member logged in, if any; drafts keep an open
	// session's form at logout, by member, for their next login.
	staff  *staffMode
	drafts map[string]kiosk.Session

	route  Route
	cur    screen
	idle   kiosk.Idle
	screen *fyne.Container // holds the current screen's view
	// builtFor is the window size the screen showing was built for.
	builtFor fyne.Size
	warn     *idleWarning
	help     *helpCard

	// usbDrives lists the plugged-in USB sticks (exports go there first).
	usbDrives func() []string
	// background runs work off the UI path (decoding narration); its
	// result comes back through fyne.Do. Tests run it in line.
	background func(func())
	// nextPack is a content pack installed by an admin, taken at the next
	// idle reset; onPack tells the program's services of the change.
	nextPack *content.Pack
	current  atomic.Pointer[content.Pack] // k.pack, for goroutines off the UI path
	leave    func()
	onPack   func(*content.Pack)
	// reportDevices reach the printer and draw the report's preview;
	// reportsDir, when set, is where reports are made (else beside the
	// picture cache).
	reportDevices reportDevices
	reportsDir    string
	// later runs f on the UI goroutine after d. Tests run it in line.
	later func(d time.Duration, f func())
	// freeMemory hands unused memory back to the system (Options.FreeMemory).
	freeMemory func()

	pictures  map[pictureKey]image.Image
	picMu     sync.Mutex
	prewarmed chan struct{}  // closed once the first screens' pictures are drawn
	drawing   sync.WaitGroup // pictures being drawn for a screen showing
	cacheDir  string

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
		clock: o.Clock, beep: o.Beep, speaker: o.Speaker, films: o.Films, log: o.Log, svc: o.Staff, notice: o.Notice, adminNotice: o.AdminNotice, words: words,
		idle:       kiosk.Idle{Quiet: s.IdleTimeout(), Warn: s.WarnTimeout()},
		pictures:   map[pictureKey]image.Image{},
		cacheDir:   o.CacheDir,
		prewarmed:  make(chan struct{}),
		misses:     map[string]bool{},
		background: func(f func()) { go f() },
		later:      func(d time.Duration, f func()) { time.AfterFunc(d, func() { fyne.Do(f) }) },
		usbDrives:  removable.Drives,
		drafts:     map[string]kiosk.Session{},

		reportDevices: systemReportDevices,
	}
	k.current.Store(o.Pack)
	k.usePrinter(o.Printer, o.PaperDots)
	k.freeMemory = o.FreeMemory
	k.onPack = o.OnPack
	k.leave = o.Leave
	if o.KioskMode {
		k.lockDown()
	}
	if k.freeMemory == nil {
		k.freeMemory = debug.FreeOSMemory
	}
	setTextureLife(o.TextureLife)
	if odd := outsideBundledFont(o.Pack, o.Words); len(odd) == 0 {
		noSystemFonts()
	} else {
		o.Log.Printf("the content has characters the kiosk's font may lack (%q): the system's fonts are searched for them", string(odd))
	}
	k.loadSettings()
	k.visit = newVisit(k.settings.Volume)
	k.applyVolume()
	k.screen = container.NewStack()
	k.warn = newIdleWarning(k)
	k.help = newHelpCard(k)
	w.SetPadded(false) // the kiosk's screens run to the window's edges
	w.SetContent(container.New(&windowLayout{k}, k.screen, k.help.layer, k.warn.layer))
	k.applyTheme()
	k.Open(Route{Kind: RouteAttract})
	go func() {
		if o.PrewarmAfter != nil {
			<-o.PrewarmAfter
		}
		k.prewarm()
	}()
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

// t returns the kiosk's word for key in the resident's language. A postal
// point has its own words where the staff are not the commune's
// (key_postal_point).
func (k *Kiosk) t(key string) string {
	if k.pack.Settings.SiteKind == content.PostalPoint {
		if s, ok := k.words[k.visit.lang][key+"_postal_point"]; ok {
			return s
		}
	}
	if s, ok := k.words[k.visit.lang][key]; ok {
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
func (k *Kiosk) Route() Route { return k.route }

// Open shows a screen without adding it to the history (for --open and
// for the start).
func (k *Kiosk) Open(r Route) {
	k.visit.history = nil
	k.show(r)
	if r.Kind != RouteAttract {
		k.idle.Input(k.clock.Now())
	}
}

// navigate goes to a screen the resident chose, remembering where they were.
func (k *Kiosk) navigate(r Route) {
	v := k.visit
	switch {
	case k.route.isStaff() && !r.isStaff():
		// Leaving staff mode for the resident screens: Back there never
		// leads into a staff screen, and what staff typed on the keypad
		// (a note, a reason) is not the resident's search.
		v.history = slices.DeleteFunc(v.history, Route.isStaff)
		v.query = ""
	case k.route.Kind != "" && k.route.Kind != RouteAttract:
		v.history = append(v.history, k.route)
	}
	k.show(r)
}

// back returns to the previous screen; from the first screen, to the
// attract loop, which ends the visit.
func (k *Kiosk) back() {
	v := k.visit
	if n := len(v.history); n > 0 {
		r := v.history[n-1]
		v.history = v.history[:n-1]
		k.show(r)
		return
	}
	if k.route.Kind == RouteHome {
		k.reset(kiosk.EndFinished)
		return
	}
	k.show(Route{Kind: RouteHome})
}

func (k *Kiosk) home() {
	if k.route.Kind != RouteHome {
		k.navigate(Route{Kind: RouteHome})
	}
}

// show leaves the screen showing and arrives on another: the one place a
// screen is entered, so what the resident chose is recorded here once,
// however often the screen is drawn again.
func (k *Kiosk) show(r Route) {
	d, ok := routeOf(r.Kind)
	switch {
	case !ok:
		r, d = Route{Kind: RouteHome}, mustRoute(RouteHome)
	case d.who != forResident && k.staff == nil:
		// Logged out meanwhile: staff screens need a member.
		r, d = Route{Kind: RouteStaffPick}, mustRoute(RouteStaffPick)
	case d.who == forAdmin && k.staff.member.Role != kiosk.RoleAdmin:
		r, d = Route{Kind: RouteStaffHome}, mustRoute(RouteStaffHome)
	}
	if l, ok := k.cur.(left); ok {
		l.leave()
	}
	k.help.hide()
	k.route = r
	k.cur = d.build(k, r.Arg)
	if r.Kind != RouteAttract && !r.isStaff() { // staff work is not a resident's visit
		k.visits.Record(kiosk.Event{Kind: kiosk.EventScreen, Screen: string(r.Kind)})
	}
	if e, ok := k.cur.(entered); ok {
		e.enter()
	}
	old := k.screen.Objects
	k.redraw()
	k.letGo(old, k.screen.Objects)
}

// letGo frees, at the next frame, the textures of a screen no longer shown,
// and lets go of its pictures. Fyne would keep them for textureLife after
// their last frame (its caches also keep the objects themselves), and
// without a GPU a texture lives in the process's memory: a resident who
// went through the lessons quickly left two or three lessons' pictures and
// text in memory (make bench at 1080×1920). A screen is built anew at every
// visit, so nothing freed here is drawn again; a picture the new screen
// shows too is left as it is.
func (k *Kiosk) letGo(old, shown []fyne.CanvasObject) {
	keep := map[*canvas.Image]bool{}
	eachImage(shown, func(img *canvas.Image) { keep[img] = true })
	c := k.win.Canvas()
	for _, o := range old {
		c.Refresh(o) // Fyne frees the textures of o's tree, pictures aside
	}
	eachImage(old, func(img *canvas.Image) {
		if !keep[img] {
			img.Image = nil
			c.Refresh(img)
		}
	})
}

// eachImage calls f for each picture in objs and the containers in them
// (not inside widgets).
func eachImage(objs []fyne.CanvasObject, f func(*canvas.Image)) {
	for _, o := range objs {
		switch o := o.(type) {
		case *canvas.Image:
			f(o)
		case *fyne.Container:
			eachImage(o.Objects, f)
		}
	}
}

func mustRoute(kind RouteKind) routeDef {
	d, ok := routeOf(kind)
	if !ok {
		panic("no route " + kind)
	}
	return d
}

// redraw draws the current screen again, for the window, text size,
// contrast and language as they are now; it records nothing.
func (k *Kiosk) redraw() {
	k.builtFor = k.win.Canvas().Size()
	k.screen.Objects = []fyne.CanvasObject{k.cur.view()}
	k.refresh(k.screen)
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

// input is called on every resident tap: it starts a visit and holds off
// the idle reset.
func (k *Kiosk) input() {
	k.visits.Begin()
	if k.staff != nil && k.staff.session != nil {
		// The resident browses inside an assisted session.
		k.visits.Link(k.staff.session.ID)
	}
	k.idle.Input(k.clock.Now())
	k.warn.hide()
}

// act wraps a tap handler so that it counts as input.
func (k *Kiosk) act(f func()) func() {
	return func() {
		if k.route.isStaff() {
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
	if t, ok := k.cur.(ticking); ok {
		t.tick(now)
	}
	if d, _ := routeOf(k.route.Kind); d.who != forResident && k.staff != nil {
		return // staff screens have their own timeout, not the resident's idle rule
	}
	// (The member list and the PIN pad, before a login, follow the
	// resident's idle rule: left alone, they go back to the posters.)
	if a, ok := k.cur.(awake); ok && a.awake() {
		k.idle.Input(now) // a lesson playing (or its film) is not idle; a paused one is
	}
	k.idle.Quiet = k.settings.Idle
	if q, ok := k.cur.(qrShowing); ok && q.showsQR() {
		k.idle.Quiet = max(k.settings.QRIdle, k.settings.Idle)
	}
	state, left := k.idle.Tick(now)
	switch state {
	case kiosk.IdleWarning:
		if !k.warn.showing() && k.beep != nil {
			k.beep()
		}
		k.warn.show(left)
	case kiosk.IdleExpired:
		k.reset(kiosk.EndIdle)
	}
}

// reset forgets everything the last resident did and returns to the
// attract loop.
func (k *Kiosk) reset(reason string) {
	// The kiosk is left to itself: staff mode ends too (an open session
	// stays open, with its form as it was, for the member's next login).
	k.logout("idle")
	if l, ok := k.cur.(left); ok {
		l.leave() // a lesson left is recorded inside the visit, before it ends
		k.cur = nil
	}
	k.visits.End(reason)
	k.checkPrinter() // a printer mended since is offered to the next resident
	k.idle.Stop()
	k.warn.hide()
	k.help.hide()
	// A pack an admin installed is taken now, before the next resident's
	// visit takes its settings.
	if p := k.nextPack; p != nil {
		k.nextPack = nil
		k.usePack(p)
	}
	old := k.visit
	k.visit = newVisit(k.settings.Volume)
	k.applyVolume()
	if old.lang != k.visit.lang || old.textStep != k.visit.textStep || old.highContrast != k.visit.highContrast {
		k.applyTheme()
	}
	k.show(Route{Kind: RouteAttract})
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
			fyne.Do(k.Tick)
		}
	}
}

// Shutdown ends the open visit, as when the kiosk is stopped, and writes
// every visit record still queued.
func (k *Kiosk) Shutdown() {
	k.visits.End(kiosk.EndShutdown)
	k.visits.Close()
}

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
	k.app.Settings().SetTheme(newTheme(k.pack.Settings.MinTextPx, k.visit.highContrast, k.visit.textStep))
}

func (k *Kiosk) setLang(lang string) {
	k.visit.lang = lang
	k.visits.Record(kiosk.Event{Kind: kiosk.EventSetting, Detail: "lang=" + lang})
	k.redraw()
}

func (k *Kiosk) nextTextStep() {
	k.visit.textStep = (k.visit.textStep + 1) % len(textSteps)
	k.visits.Record(kiosk.Event{Kind: kiosk.EventSetting, Detail: fmt.Sprintf("text=%d", k.visit.textStep+1)})
	k.applyTheme()
	k.redraw()
}

func (k *Kiosk) toggleContrast() {
	k.visit.highContrast = !k.visit.highContrast
	k.visits.Record(kiosk.Event{Kind: kiosk.EventSetting, Detail: fmt.Sprintf("contrast=%v", k.visit.highContrast)})
	k.applyTheme()
	k.redraw()
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

// packNow is the kiosk's content pack, for goroutines off the UI path
// (the UI path reads k.pack; usePack changes both).
func (k *Kiosk) packNow() *content.Pack { return k.current.Load() }
