// Package runlog remembers the kiosk's starts and stops in its data
// folder, so that kiosk status can say when it last started and whether
// the run before it ended cleanly or was cut short (a crash, a power cut,
// a kill).
package runlog

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"onestop/kiosk"
)

// FileName is the record in the data folder.
const FileName = "run.json"

// How the run before the last start ended.
const (
	First   = "first"   // no run before (a new data folder)
	Clean   = "clean"   // stopped by the kiosk itself (SIGTERM, admin, close)
	Unclean = "unclean" // still marked running: a crash, a power cut or a kill
	Crash   = "crash"   // the run before crashed and left a report (kiosk/crashreport)
)

// Record is the last start and how the run before it ended.
type Record struct {
	Started     time.Time `json:"started"`
	Running     bool      `json:"running"`               // false once this run stopped cleanly
	Stopped     time.Time `json:"stopped,omitzero"`      // when this run stopped, if it did cleanly
	Previous    string    `json:"previous"`              // First, Clean or Unclean
	PreviousEnd time.Time `json:"previous_end,omitzero"` // when the run before stopped, if cleanly
	PID         int       `json:"pid"`
	Crash       string    `json:"crash,omitempty"`        // the crash's first line, when Previous is Crash
	CrashReport string    `json:"crash_report,omitempty"` // the report's file
}

// Read reads the record; a data folder without one has a zero Record.
func Read(dir string) (Record, error) {
	var r Record
	b, err := os.ReadFile(filepath.Join(dir, FileName))
	if errors.Is(err, fs.ErrNotExist) {
		return r, nil
	}
	if err != nil {
		return r, err
	}
	return r, json.Unmarshal(b, &r)
}

// Begin records a start at now and returns the record, which says how
// the run before ended. An unreadable record counts as an unclean end.
func Begin(dir string, now time.Time) (Record, error) {
	before, err := Read(dir)
	r := Record{Started: now, Running: true, PID: os.Getpid()}
	switch {
	case err != nil || before.Running:
		r.Previous = Unclean
	case before.Started.IsZero():
		r.Previous = First
	default:
		r.Previous, r.PreviousEnd = Clean, before.Stopped
	}
	return r, write(dir, r)
}

// NoteCrash records in r, begun by Begin, that the run before crashed:
// summary is the crash's first line, report the report's file.
func NoteCrash(dir string, r Record, summary, report string) (Record, error) {
	r.Previous, r.Crash, r.CrashReport = Crash, summary, report
	return r, write(dir, r)
}

// End records that the run begun with r stopped cleanly at now.
func End(dir string, r Record, now time.Time) error {
	r.Running, r.Stopped = false, now
	return write(dir, r)
}

func write(dir string, r Record) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return kiosk.WriteFile(filepath.Join(dir, FileName), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}
