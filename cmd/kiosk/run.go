package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"onestop/app"
	"onestop/assets"
	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/crashreport"
	"onestop/kiosk/datalock"
	"onestop/kiosk/display"
	"onestop/kiosk/fleet"
	"onestop/kiosk/logfile"
	"onestop/kiosk/packfile"
	"onestop/kiosk/report"
	"onestop/kiosk/runlog"
	"onestop/kiosk/slip"
	"onestop/kiosk/sound"
	"onestop/kiosk/store"
	"onestop/kiosk/watchdog"
)

// chooseScale sets the scale Fyne draws at, before the app starts: the one
// given, else (on Linux) the one the display's reported size calls for
// (kiosk/display), in place of Fyne's own guess from the DPI, which only
// ever enlarges and knows nothing of how far away the resident stands.
// FYNE_SCALE set by hand is left as it is. On Windows the system's display
// scaling applies, times --scale.
func chooseScale(given float64, logger *log.Logger) {
	switch {
	case given > 0:
		os.Setenv("FYNE_SCALE", strconv.FormatFloat(given, 'f', -1, 64))
		logger.Printf("text scale %g (--scale)", given)
	case os.Getenv("FYNE_SCALE") != "" || runtime.GOOS != "linux":
		return
	default:
		ds, err := display.Connected("/sys/class/drm")
		if err != nil || len(ds) == 0 {
			logger.Print("text scale 1: the display does not report its size")
			return
		}
		// The kiosk's smallest layouts: 1280×768 landscape, 1080×1920 portrait.
		s := display.Scale(ds[0], display.Size{W: 1280, H: 768}, display.Size{W: 1080, H: 1920})
		logger.Printf("text scale %g for %v", s, ds[0])
		os.Setenv("FYNE_SCALE", strconv.FormatFloat(s, 'f', -1, 64))
	}
	os.Setenv("FYNE_DISABLE_DPI_DETECTION", "1") // the scale is the kiosk's, not multiplied by Fyne's guess
}

// appID names the kiosk to the desktop and to Fyne's preferences.
const appID = "vn.onestop.kiosk"

// textureLife is how long the window keeps what it drew of a screen no
// longer shown. Ten seconds covers going back a screen or two; Fyne's
// minute let a resident stepping through lessons pile up some 40 MB of
// text textures (make bench, every lesson played through).
const textureLife = 10 * time.Second

// goMemoryLimit is the soft limit on the memory Go itself holds (its heap,
// stacks and runtime), about three times what the running kiosk uses; the
// memory of OpenGL and the fonts' textures is outside it.
const goMemoryLimit = 36 << 20

func runKiosk(args []string) int {
	startMark("main")
	c := newCommand("run", "Usage: kiosk [run] [flags]\n\nStarts the kiosk.\n")
	c.dataFlag("the data folder for the database, logs and backups (default: the user's data folder)")
	contentDir := c.fs.String("content", "", "a content pack folder to use instead of the embedded one (default: DATA/content when it exists)")
	fullscreen := c.fs.Bool("fullscreen", false, "kiosk mode: fill the screen; the window's close button does nothing")
	open := c.fs.String("open", "", "start on a screen: home, category/ID, procedure/CODE, tutorials, tutorial/ID or search/TEXT")
	size := c.fs.String("size", "1366x768", "the window's size in windowed mode, WIDTHxHEIGHT")
	scale := c.fs.Float64("scale", 0, "the scale of text and controls, 0.5 to 4 (default: from the display's size where it reports it, else 1)")
	if code, ok := c.parse(args); !ok {
		return code
	}
	route := app.Route{Kind: app.RouteAttract}
	if *open != "" {
		r, err := app.ParseRoute(*open)
		if err != nil {
			return c.usageError("--open: %v", err)
		}
		route = r
	}
	w, h, err := parseSize(*size)
	if err != nil {
		return c.usageError("--size: %v", err)
	}
	if *scale != 0 && (*scale < 0.5 || *scale > 4) {
		return c.usageError("--scale: %g is not between 0.5 and 4", *scale)
	}
	if runtime.GOOS == "linux" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		fmt.Fprintln(os.Stderr, "kiosk: no display: DISPLAY and WAYLAND_DISPLAY are unset. Start it on the kiosk's screen, or under Xvfb (xvfb-run make run).")
		return 1
	}

	// KIOSK_CPUPROFILE=FILE writes a CPU profile of the whole run, for
	// finding what a slow screen spends its time on (go tool pprof).
	if f := os.Getenv("KIOSK_CPUPROFILE"); f != "" {
		out, err := os.Create(f)
		if err == nil && pprof.StartCPUProfile(out) == nil {
			defer func() { pprof.StopCPUProfile(); out.Close() }()
		}
	}
	// KIOSK_HEAPPROFILE=FILE writes the memory in use when the kiosk stops.
	if f := os.Getenv("KIOSK_HEAPPROFILE"); f != "" {
		defer func() {
			if out, err := os.Create(f); err == nil {
				runtime.GC()
				_ = pprof.WriteHeapProfile(out)
				out.Close()
			}
		}()
	}
	// Start-up allocates fast (fonts parsed, the first screens laid out)
	// and keeps most of it: collecting at every few megabytes took about
	// 80 ms of CPU a start (profiles of five starts), beside the first
	// frame on a two-core kiosk. Once the window is up, the
	// kiosk allocates little; a tight heap target keeps its memory close to
	// what it uses, all day. GOGC still overrides both.
	//
	// A lesson's pictures and sounds come and go in blocks of megabytes,
	// and Go keeps freed pages for a while: over the lessons its share of
	// the kiosk's memory rose from 13 to 39 MB while 10–13 MB were in use.
	// A soft limit (goMemoryLimit) makes Go hand them back as it goes.
	// GOMEMLIMIT overrides it.
	tightGC := func() {}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
		tightGC = func() { debug.SetGCPercent(20) }
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		gc := tightGC
		tightGC = func() { gc(); debug.SetMemoryLimit(goMemoryLimit) }
	}

	dir, err := c.prepareDataDir()
	if err != nil {
		return c.fail(err)
	}
	release, err := datalock.Take(dir)
	if err != nil {
		return c.fail(err)
	}
	defer release()
	logger, closeLog := openLog(dir)
	defer closeLog()
	startMark("log open")
	started, err := runlog.Begin(dir, time.Now())
	if err != nil {
		logger.Printf("run record: %v", err)
	}
	// What the run before left if it crashed becomes a short report; this
	// run's crash, if any, goes to the file armed after.
	logs := filepath.Join(dir, "logs")
	// A crash output that could not be made a report is left as it is:
	// arming would empty it.
	if crash, err := crashreport.Collect(logs, time.Now(), version()); err != nil {
		logger.Printf("crash report: %v (this run's crash output is not kept)", err)
	} else {
		if crash.File != "" {
			if started, err = runlog.NoteCrash(dir, started, crash.Summary, crash.File); err != nil {
				logger.Printf("run record: %v", err)
			}
		}
		if err := crashreport.Arm(logs); err != nil {
			logger.Printf("crash report: %v", err)
		}
	}
	switch started.Previous {
	case runlog.Crash:
		logger.Printf("%s started; the run before crashed: %s (report: %s)", version(), started.Crash, started.CrashReport)
	case runlog.Unclean:
		logger.Printf("%s started; the run before was not stopped cleanly (a crash, a power cut or a kill)", version())
	default:
		logger.Printf("%s started", version())
	}

	if err := packfile.Recover(dir); err != nil {
		logger.Printf("content install cut short: %v", err)
	}
	pack, notice := loadPack(*contentDir, dir, logger)
	startMark("pack loaded")
	for _, w := range pack.Warnings(time.Now()) {
		logger.Printf("content warning: %s", w)
	}

	// The database: a damaged or locked one must not stop the resident's
	// screens; the kiosk then runs without records and says so.
	var db *store.Store
	dbFile := filepath.Join(dir, store.FileName)
	db, err = store.Open(dbFile)
	if err != nil && store.IsDamaged(err) {
		// A damaged file is set aside, kept whole, and a fresh one takes
		// the records from now on, with the staff and settings of the last
		// good backup; kiosk db recover takes back what the old one holds.
		logger.Printf("the database is damaged: %v", err)
		fresh, aside, rerr := store.ReplaceDamaged(context.Background(), dbFile, filepath.Join(dir, "backups"), time.Now(), err)
		if rerr != nil {
			logger.Printf("replacing the damaged database: %v", rerr)
		}
		if fresh != nil {
			db, err = fresh, nil
			from := "no backup: add the staff again"
			if aside.Backup != "" {
				from = fmt.Sprintf("%d staff and %d settings from %s", aside.Staff, aside.Settings, aside.Backup)
			}
			logger.Printf("the damaged database is kept as %s; a fresh one records from now on (%s). To take back what it still holds, stop the kiosk and run: kiosk db recover --data %s", aside.File, from, dir)
		}
	}
	var adminNotice string
	if pending, perr := store.Unrecovered(dir); perr != nil {
		logger.Printf("damaged databases: %v", perr)
	} else if len(pending) > 0 {
		p := pending[len(pending)-1]
		adminNotice = fmt.Sprintf("Cơ sở dữ liệu bị hỏng lúc khởi động ngày %s nên đã được cất riêng (%s); máy ghi số liệu vào tệp mới từ lúc đó", p.At.In(report.ReportZone).Format("02/01/2006 15:04"), p.File)
		if p.Backup != "" {
			adminNotice += ", cán bộ và cài đặt lấy từ bản sao lưu " + filepath.Base(p.Backup)
		}
		adminNotice += ". Để lấy lại số liệu cũ, tắt kiosk rồi chạy: kiosk db recover"
	}
	if err != nil {
		logger.Printf("records are off: %v. To restore, stop the kiosk and run: kiosk restore --data %s %s",
			err, dir, filepath.Join(dir, "backups", "kiosk-YYYY-MM-DD.db"))
		notice = strings.TrimSpace(notice + " Không ghi được số liệu (cơ sở dữ liệu lỗi): báo quản trị viên.")
		db = nil
	} else {
		defer db.Close()
		if n, err := db.CloseInterrupted(context.Background()); err != nil {
			logger.Print(err)
		} else if n > 0 {
			logger.Printf("closed %d visit(s) left open by an earlier crash or power cut", n)
		}
		go dailyBackups(&kiosk.Backups{Store: db, Dir: filepath.Join(dir, "backups"), Clock: kiosk.SystemClock{}}, logger)
	}

	tuneMalloc()
	chooseScale(*scale, logger)
	startMark("db open")
	a := fyneapp.NewWithID(appID)
	startMark("app made")
	win := a.NewWindow("Kiosk Dịch vụ công")
	startMark("window made")
	visits := &kiosk.Visits{KioskID: pack.Settings.KioskID, Clock: kiosk.SystemClock{}, Log: logger}
	if db != nil { // a nil *store.Store in the interface would not read as nil
		visits.Store = db
	}
	player := sound.Open(logger)
	printer, err := slip.OpenPrinter(pack.Settings.Printer)
	if err != nil { // the pack's check refuses a malformed setting; this is a safeguard
		logger.Print(err)
	}
	dots := slip.Dots80
	if pack.Settings.PaperMM == 58 {
		dots = slip.Dots58
	}
	var staff app.StaffOptions
	var desk *kiosk.Desk
	var reports *report.Reports
	packs := &packService{dir: dir, logger: logger}
	// The province's collector, where this kiosk sends its records.
	syncCfg, syncOn, err := readSyncConfig(dir)
	if err != nil {
		logger.Printf("sync is off: %v", err)
	}
	syncOn = syncOn && db != nil
	var syncing syncer
	if db != nil {
		clock := kiosk.SystemClock{}
		desk = &kiosk.Desk{Store: db, KioskID: pack.Settings.KioskID, Site: pack.Settings.SiteName, Clock: clock,
			Places: pack.Settings.Places, Procedures: func(code string) bool { _, ok := pack.Procedure(code); return ok }}
		reports = report.NewReports(db, pack.Settings)
		staff = app.StaffOptions{
			Roster:   &kiosk.Roster{Store: db, Clock: clock},
			Desk:     desk,
			Settings: &kiosk.Settings{Store: db, Clock: clock},
			Tallies:  &report.Tallies{Store: db},
			Exporter: &report.Exporter{Store: db},
			Reports:  reports,
			Packs:    packs,
			Sync: func() fleet.Status {
				return syncStatus(context.Background(), db, syncOn, syncing.err())
			},
		}
	}
	// The first screens' pictures are drawn once the window has shown its
	// first frame: a second after the app's loop starts.
	prewarm := make(chan struct{})
	// In kiosk mode only an admin ends the program, with an exit status
	// that tells the service not to start it again.
	var left atomic.Bool
	var leave func()
	if *fullscreen {
		leave = func() { left.Store(true); a.Quit() }
	}
	k, err := app.New(a, win, app.Options{
		PrewarmAfter: prewarm,
		Pack:         pack, Words: assets.I18n(), Visits: visits, Notice: notice, AdminNotice: adminNotice, Log: logger, Beep: player.Chime,
		Speaker: player, Films: app.NewMPV(filepath.Join(dir, "cache")),
		CacheDir: filepath.Join(dir, "cache", "pictures"), Staff: staff,
		TextureLife: textureLife,
		KioskMode:   *fullscreen,
		Leave:       leave,
		// A pack an admin installs is taken between two residents; the
		// services built on the pack follow it (pack is read by Desk's
		// procedure check, on the UI goroutine like this).
		OnPack: func(p *content.Pack) {
			pack = p
			if desk != nil {
				desk.Places, desk.Site = p.Settings.Places, p.Settings.SiteName
				reports.SetSettings(p.Settings)
			}
		},
		FreeMemory: freeMemory,
		Printer:    printer,
		PaperDots:  dots,
	})
	if err != nil {
		logger.Print(err)
		return 1
	}
	if route.Kind != app.RouteAttract {
		k.Open(route)
	}
	startMark("screens made")
	if !*fullscreen {
		win.Resize(fyne.NewSize(float32(w), float32(h)))
	}

	stop := make(chan struct{})
	go k.Run(stop)
	syncCtx, stopSync := context.WithCancel(context.Background())
	defer stopSync()
	if syncOn {
		go syncing.run(syncCtx, syncCfg, pack.Settings, db, dir, packs, k.OfferPack, logger)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	// Fyne's driver quits on SIGTERM and SIGINT by itself once its loop
	// runs; quitting here as well races it (a second Quit after its loop
	// has ended calls into a terminated GLFW and panics). A signal that
	// comes before the loop starts is acted on when it starts, on the main
	// thread.
	var stopping atomic.Bool
	var startedOnce sync.Once
	a.Lifecycle().SetOnStarted(func() {
		startMark("loop started")
		if stopping.Load() {
			a.Quit()
		}
		startedOnce.Do(func() {
			time.AfterFunc(time.Second, func() { tightGC(); close(prewarm) })
			// Under the kiosk's service (Type=notify) the start is done once
			// the window is up; then the watchdog pings while the loop answers.
			if err := watchdog.Systemd("READY=1"); err != nil {
				logger.Printf("service manager: %v", err)
			}
			if every := watchdog.Interval(); every > 0 {
				wd := &watchdog.Watchdog{Post: fyne.Do, Notify: watchdog.Systemd, Log: logger}
				ticker := time.NewTicker(every)
				go func() { defer ticker.Stop(); wd.Run(syncCtx, ticker.C) }()
				logger.Printf("watchdog: a ping every %v while the screen's loop answers", every)
			}
		})
	})
	go func() {
		s := <-sig
		logger.Printf("stopping on %v", s)
		stopping.Store(true)
	}()

	win.ShowAndRun()
	_ = watchdog.Systemd("STOPPING=1")
	close(stop)
	k.Shutdown()
	if err := runlog.End(dir, started, time.Now()); err != nil {
		logger.Printf("run record: %v", err)
	}
	logger.Print("stopped")
	if left.Load() {
		return exitLeftKioskMode
	}
	return 0
}

// exitLeftKioskMode is the exit status of a kiosk an admin took out of
// kiosk mode: the service is not to restart it (RestartPreventExitStatus).
const exitLeftKioskMode = 3

// loadPack returns the content pack to run on: the one in flagDir, else the
// one in the data folder's content/ (a signed pack installed there, or a
// folder copied by hand), else the embedded one; with the kiosk's own
// settings (DATA/site.json) over the pack's. A pack that fails validation
// is refused whole; the kiosk runs on the embedded pack and staff see a
// notice. A site.json that makes the pack fail is left out the same way.
func loadPack(flagDir, dataDir string, logger *log.Logger) (*content.Pack, string) {
	dir := flagDir
	if dir == "" {
		if st, err := os.Stat(filepath.Join(dataDir, "content")); err == nil && st.IsDir() {
			dir = filepath.Join(dataDir, "content")
		}
	}
	site, err := os.ReadFile(filepath.Join(dataDir, content.SiteFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		logger.Printf("%s: %v", content.SiteFile, err)
	}
	// load reads the pack in fsys, with the site's settings over it.
	load := func(fsys fs.FS, source string, builtIn bool) (*content.Pack, error) {
		if site != nil {
			var err error
			if fsys, err = content.WithSite(fsys, site); err != nil {
				return nil, err
			}
			source += " with " + filepath.Join(dataDir, content.SiteFile)
		}
		if builtIn {
			return content.LoadBuiltIn(fsys, source)
		}
		return content.Load(fsys, source)
	}
	notice := ""
	if dir != "" {
		fromDir := func(d string) (*content.Pack, error) {
			root, err := os.OpenRoot(d)
			if err != nil {
				return nil, err
			}
			return load(root.FS(), d, false)
		}
		p, err := fromDir(dir)
		if err == nil {
			logger.Printf("content: %s", p.Source)
			return p, ""
		}
		logger.Printf("%v", err)
		// A damaged installed pack gives way to the one it replaced.
		if prev := filepath.Join(dataDir, packfile.PreviousDir); flagDir == "" {
			if p, perr := fromDir(prev); perr == nil {
				logger.Printf("running on the pack before it instead: %s", p.Source)
				return p, "Nội dung ở " + dir + " bị lỗi nên máy đang dùng gói nội dung trước đó. Xem nhật ký hoặc chạy: kiosk content check " + dir
			}
		}
		logger.Print("running on the embedded content instead")
		notice = "Nội dung ở " + dir + " bị lỗi nên máy đang dùng nội dung mặc định. Xem nhật ký hoặc chạy: kiosk content check " + dir
	}
	p, err := load(assets.Content(), "(embedded)", true)
	if err != nil && site != nil {
		logger.Printf("%v", err)
		logger.Printf("%s is left out: the embedded content with it is refused", content.SiteFile)
		notice = strings.TrimSpace(notice + " Tệp " + content.SiteFile + " của máy bị lỗi nên máy chạy với cài đặt mặc định. Xem nhật ký.")
		site = nil
		p, err = load(assets.Content(), "(embedded)", true)
	}
	if err != nil {
		// The embedded pack is checked by the tests; this is a broken build.
		logger.Fatalf("the embedded content pack is broken: %v", err)
	}
	return p, notice
}

// packService installs signed packs for the admin's screen.
type packService struct {
	dir    string
	logger *log.Logger
}

func (s *packService) Installed() (*packfile.Manifest, error) { return packfile.Installed(s.dir) }

// Install installs the pack and loads the content as the kiosk will run
// on it, its site.json over it.
func (s *packService) Install(file string) (packfile.Manifest, *content.Pack, error) {
	m, err := packfile.Install(file, s.dir, time.Now())
	if err != nil {
		return m, nil, err
	}
	p, notice := loadPack("", s.dir, s.logger)
	if notice != "" {
		// Installed but not loadable as this kiosk runs it: put the pack
		// before back, so what the admin is told is what the kiosk does.
		if err := packfile.Rollback(s.dir); err != nil {
			s.logger.Printf("content rollback: %v", err)
		}
		return m, nil, &unloadableError{notice}
	}
	return m, p, nil
}

// unloadableError is a pack that installs but that this kiosk cannot run
// on (it was put back): waiting will not change it.
type unloadableError struct{ notice string }

func (e *unloadableError) Error() string { return e.notice }

// openLog writes the log to stderr and to logs/kiosk.log in the data
// folder, as structured records (log/slog's key=value text: time, level,
// msg), the file rotated past 5 MB with 5 older ones kept. Fyne's own
// messages and the standard logger go the same way.
func openLog(dir string) (*log.Logger, func()) {
	var out io.Writer = os.Stderr
	closeLog := func() {}
	w, err := logfile.Open(filepath.Join(dir, "logs", "kiosk.log"), 5<<20, 5)
	if err == nil {
		out, closeLog = io.MultiWriter(os.Stderr, w), func() { w.Close() }
	}
	h := slog.NewTextHandler(out, nil)
	slog.SetDefault(slog.New(h))
	l := slog.NewLogLogger(h, slog.LevelInfo)
	if err != nil {
		l.Printf("no log file: %v", err)
	}
	return l, closeLog
}

func parseSize(s string) (int, int, error) {
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if !ok || err1 != nil || err2 != nil || w < 640 || h < 480 {
		return 0, 0, errors.New("give WIDTHxHEIGHT, at least 640x480, as in 1366x768")
	}
	return w, h, nil
}

// dailyBackups makes the day's backup a minute after the start and checks
// every hour after, so a kiosk that runs for days, or is switched on and
// off each day, has one backup a day. A failure is logged, never fatal.
func dailyBackups(b *kiosk.Backups, logger *log.Logger) {
	wait := time.Minute
	for {
		time.Sleep(wait)
		wait = time.Hour
		if made, err := b.Daily(context.Background()); err != nil {
			logger.Printf("daily backup: %v", err)
		} else if made != "" {
			logger.Printf("daily backup: %s", made)
		}
	}
}

// startMark prints, when KIOSK_STARTMARKS is set, the wall-clock time in
// microseconds at a phase of the start, to line up with a frame watch.
func startMark(what string) {
	if os.Getenv("KIOSK_STARTMARKS") != "" {
		fmt.Fprintf(os.Stderr, "mark %d %s\n", time.Now().UnixMicro(), what)
	}
}
