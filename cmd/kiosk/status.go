package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/fleet"
	"onestop/kiosk/report"
	"onestop/kiosk/runlog"
	"onestop/kiosk/store"
)

// version says which build this is, from what Go records of the source
// it was built from: the commit, its time, and whether it had changes.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "onestop kiosk (unknown build)"
	}
	var rev, at string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return "onestop kiosk " + info.Main.Version + " (" + info.GoVersion + ")"
	}
	v := "onestop kiosk " + rev[:min(len(rev), 12)]
	if t, err := time.Parse(time.RFC3339, at); err == nil {
		v += " of " + t.UTC().Format("2006-01-02 15:04 UTC")
	}
	if modified {
		v += " with uncommitted changes"
	}
	return v + " (" + info.GoVersion + ")"
}

// buildTime is when the build's source was committed; zero if unknown.
func buildTime() time.Time {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.time" {
				t, _ := time.Parse(time.RFC3339, s.Value)
				return t
			}
		}
	}
	return time.Time{}
}

// status is what kiosk status reports; its JSON form is for scripts.
type status struct {
	Version string `json:"version"`
	DataDir string `json:"data_dir"`
	Content struct {
		Source       string `json:"source"`
		SiteKind     string `json:"site_kind"`
		KioskID      string `json:"kiosk_id"`
		Procedures   int    `json:"procedures"`
		Lessons      int    `json:"lessons"`
		CheckedFirst string `json:"checked_first,omitempty"`
		CheckedLast  string `json:"checked_last,omitempty"`
		Warnings     int    `json:"warnings"`
		Notice       string `json:"notice,omitempty"`
	} `json:"content"`
	Database struct {
		File  string `json:"file"`
		Bytes int64  `json:"bytes"`
		store.Holdings
		Error string `json:"error,omitempty"`
	} `json:"database"`
	LastBackup struct {
		File  string    `json:"file,omitempty"`
		At    time.Time `json:"at,omitzero"`
		Bytes int64     `json:"bytes,omitempty"`
	} `json:"last_backup"`
	Disk struct {
		Free  uint64 `json:"free_bytes"`
		Total uint64 `json:"total_bytes"`
		Error string `json:"error,omitempty"`
	} `json:"disk"`
	Sync struct {
		Collector string `json:"collector,omitempty"`
		fleet.Status
	} `json:"sync"`
	LastStart runlog.Record `json:"last_start"`
	Clock     struct {
		Now      time.Time `json:"now"`
		Problems []string  `json:"problems,omitempty"`
	} `json:"clock"`
	Problems []string `json:"problems,omitempty"`
}

func runStatus(args []string) int {
	c := newCommand("status", "Usage: kiosk status [--data DIR] [--json]\n\nSays how the kiosk on this data folder is: its version, content pack and how\nfresh its facts are, the database's size and records, the last backup, free\ndisk, the last start and how the run before it ended, and whether the clock\ncan be trusted. Exit 1 when something needs an admin.\n")
	c.dataFlag("")
	asJSON := c.fs.Bool("json", false, "print JSON, for scripts")
	if code, ok := c.parse(args); !ok {
		return code
	}
	dir, err := c.dataDir()
	if err != nil {
		return c.fail(err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return c.fail(fmt.Errorf("no data folder %s: give the kiosk's data folder with --data", dir))
	}
	now := time.Now()
	s := gatherStatus(dir, now)
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(s)
	} else {
		printStatus(os.Stdout, s)
	}
	if len(s.Problems) > 0 || len(s.Clock.Problems) > 0 {
		return 1
	}
	return 0
}

func gatherStatus(dir string, now time.Time) status {
	var s status
	s.Version, s.DataDir = version(), dir
	s.Clock.Now = now

	pack, notice := loadPack("", dir, log.New(io.Discard, "", 0))
	s.Content.Source = pack.Source
	s.Content.SiteKind, s.Content.KioskID = string(pack.Settings.SiteKind), pack.Settings.KioskID
	s.Content.Procedures, s.Content.Lessons = len(pack.Procedures), len(pack.Tutorials)
	for _, p := range pack.Procedures {
		if p.Checked == "" {
			continue
		}
		if s.Content.CheckedFirst == "" || p.Checked < s.Content.CheckedFirst {
			s.Content.CheckedFirst = p.Checked
		}
		s.Content.CheckedLast = max(s.Content.CheckedLast, p.Checked)
	}
	s.Content.Warnings = len(pack.Warnings(now))
	s.Content.Notice = notice
	if notice != "" {
		s.Problems = append(s.Problems, notice)
	}

	s.Database.File = filepath.Join(dir, store.FileName)
	if st, err := os.Stat(s.Database.File); err != nil {
		s.Database.Error = "no database yet"
	} else {
		s.Database.Bytes = st.Size()
		db, err := store.OpenForReading(s.Database.File)
		if err == nil {
			s.Database.Holdings, err = db.Holdings(context.Background())
			db.Close()
		}
		if err != nil {
			s.Database.Error = err.Error()
			s.Problems = append(s.Problems, "database: "+err.Error())
		}
	}

	backups, _ := (&kiosk.Backups{Dir: filepath.Join(dir, "backups")}).List()
	if len(backups) > 0 {
		s.LastBackup.File = backups[0]
		if st, err := os.Stat(backups[0]); err == nil {
			s.LastBackup.At, s.LastBackup.Bytes = st.ModTime(), st.Size()
		}
		if now.Sub(s.LastBackup.At) > 48*time.Hour && s.Database.Bytes > 0 {
			s.Problems = append(s.Problems, fmt.Sprintf("the last backup is %s old", ago(now.Sub(s.LastBackup.At))))
		}
	} else if s.Database.Bytes > 0 {
		s.Problems = append(s.Problems, "no backup yet")
	}

	free, total, err := diskSpace(dir)
	s.Disk.Free, s.Disk.Total = free, total
	if err != nil {
		s.Disk.Error = err.Error()
	} else if free < 500<<20 {
		s.Problems = append(s.Problems, fmt.Sprintf("only %s free on the data folder's disk", sizeText(int64(free))))
	}

	if cfg, ok, err := readSyncConfig(dir); err != nil {
		s.Problems = append(s.Problems, "sync: "+err.Error())
	} else if ok && s.Database.Bytes > 0 {
		s.Sync.Collector = cfg.URL
		if db, err := store.OpenForReading(s.Database.File); err == nil {
			s.Sync.Status = syncStatus(context.Background(), db, true, "")
			db.Close()
		}
		if s.Sync.Pending > 0 && now.Sub(s.Sync.Last) > 72*time.Hour {
			s.Problems = append(s.Problems, fmt.Sprintf("%d records have not reached the collector for 3 days", s.Sync.Pending))
		}
	}

	s.LastStart, _ = runlog.Read(dir)
	if pending, err := store.Unrecovered(dir); err != nil {
		s.Problems = append(s.Problems, "damaged databases: "+err.Error())
	} else if len(pending) > 0 {
		s.Problems = append(s.Problems, fmt.Sprintf("%d damaged database(s) set aside in %s since %s: stop the kiosk and run kiosk db recover",
			len(pending), filepath.Join(dir, store.DamagedDir), pending[0].At.In(report.ReportZone).Format("2006-01-02 15:04")))
	}

	// The clock: a kiosk without network time may start in 1970, or be
	// set back behind its own records.
	if b := buildTime(); !b.IsZero() && now.Before(b) {
		s.Clock.Problems = append(s.Clock.Problems, "the clock is earlier than this build ("+b.In(report.ReportZone).Format("2006-01-02")+"): set the date")
	}
	if n := s.Database.NewestEntry; !n.IsZero() && now.Before(n.Add(-time.Minute)) {
		s.Clock.Problems = append(s.Clock.Problems, fmt.Sprintf("the clock is %s behind the newest record (%s): it was set back", ago(n.Sub(now)), n.In(report.ReportZone).Format("2006-01-02 15:04")))
	}
	if st := s.LastStart.Started; !st.IsZero() && now.Before(st.Add(-time.Minute)) {
		s.Clock.Problems = append(s.Clock.Problems, "the clock is earlier than the last start: it was set back")
	}
	return s
}

func printStatus(w io.Writer, s status) {
	z := report.ReportZone
	when := func(t time.Time) string { return t.In(z).Format("2006-01-02 15:04:05") }
	line := func(label, format string, args ...any) {
		fmt.Fprintf(w, "%-14s %s\n", label+":", fmt.Sprintf(format, args...))
	}
	line("version", "%s", s.Version)
	line("data folder", "%s", s.DataDir)
	c := s.Content
	checked := "no dates"
	if c.CheckedFirst != "" {
		checked = "facts checked " + c.CheckedFirst + " to " + c.CheckedLast
	}
	line("content", "%s, %s %s: %d procedures, %d lessons; %s; %d warnings", c.Source, c.SiteKind, c.KioskID, c.Procedures, c.Lessons, checked, c.Warnings)
	d := s.Database
	if d.Error != "" && d.Bytes == 0 {
		line("database", "%s", d.Error)
	} else {
		line("database", "%s, %s, schema %d: %d sessions, %d visits (%d open), %d visit events, %d staff, %d audit lines",
			filepath.Base(d.File), sizeText(d.Bytes), d.Schema, d.Sessions, d.Visits, d.OpenVisits, d.Events, d.Staff, d.AuditLines)
	}
	if b := s.LastBackup; b.File != "" {
		line("last backup", "%s, %s (%s ago), %s", filepath.Base(b.File), when(b.At), ago(s.Clock.Now.Sub(b.At)), sizeText(b.Bytes))
	} else {
		line("last backup", "none yet")
	}
	if s.Disk.Error != "" {
		line("free disk", "unknown: %s", s.Disk.Error)
	} else if s.Disk.Total > 0 {
		line("free disk", "%s of %s (%d%%)", sizeText(int64(s.Disk.Free)), sizeText(int64(s.Disk.Total)), int(100*float64(s.Disk.Free)/float64(s.Disk.Total)))
	}
	line("sync", "%s", describeSync(s.Sync.Status, s.Sync.Collector))
	r := s.LastStart
	switch {
	case r.Started.IsZero():
		line("last start", "never started on this data folder")
	default:
		state := "running"
		if !r.Running {
			state = "stopped cleanly at " + when(r.Stopped)
		}
		why := map[string]string{
			runlog.First:   "the first start on this data folder",
			runlog.Clean:   "after a clean stop at " + when(r.PreviousEnd),
			runlog.Unclean: "after a crash, a power cut or a kill (the run before was not stopped cleanly)",
			runlog.Crash:   "after a crash (" + r.Crash + "; report: " + r.CrashReport + ")",
		}[r.Previous]
		line("last start", "%s, %s; %s", when(r.Started), why, state)
	}
	clock := "ok"
	if len(s.Clock.Problems) > 0 {
		clock = strings.Join(s.Clock.Problems, "; ")
	}
	line("clock", "%s Vietnam time; %s", when(s.Clock.Now), clock)
	for _, p := range s.Problems {
		fmt.Fprintln(w, "problem:", p)
	}
}

// sizeText is a size for people: 812 kB, 1.2 MB, 29.0 GB.
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// ago is a duration for people: 3 min, 5 h, 2 days.
func ago(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%d days", int(d.Hours()/24))
	case d >= 2*time.Hour:
		return fmt.Sprintf("%d h", int(d.Hours()))
	case d >= time.Minute:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	}
	return fmt.Sprintf("%d s", int(d.Seconds()))
}
