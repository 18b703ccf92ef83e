// Package logfile is the kiosk's log file, kept to a bounded size on a
// small disk: when it grows past its limit it is renamed kiosk.log.1 (the
// one before becomes .2, and so on) and a new one is begun; the oldest
// beyond the number kept is removed. A kiosk up for months thus never
// fills its SD card with its log, and an admin finds the recent days in a
// handful of files.
package logfile

import (
	"fmt"
	"os"
	"sync"
)

// Writer writes to a log file and rotates it.
type Writer struct {
	mu   sync.Mutex
	path string
	max  int64
	keep int
	f    *os.File
	size int64
}

// Open opens (appending to) the log file at path, to be rotated once it
// passes limit bytes, keeping keep older files.
func Open(path string, limit int64, keep int) (*Writer, error) {
	w := &Writer{path: path, max: limit, keep: max(keep, 1)}
	if err := w.open(); err != nil {
		return nil, err
	}
	return w, nil
}

func (w *Writer) open() error {
	f, err := os.OpenFile(w.path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	w.f, w.size = f, st.Size()
	return nil
}

// Write writes one log record (the log packages write a record a call),
// rotating first if it would take the file past its limit.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return 0, os.ErrClosed
	}
	if w.size > 0 && w.size+int64(len(p)) > w.max {
		if err := w.rotate(); err != nil {
			// Keep logging into the file as it is rather than lose lines.
			fmt.Fprintf(os.Stderr, "log rotation: %v\n", err)
		}
	}
	n, err := w.f.Write(p)
	w.size += int64(n)
	return n, err
}

func (w *Writer) rotate() error {
	if err := w.f.Close(); err != nil {
		return err
	}
	w.f = nil
	os.Remove(fmt.Sprintf("%s.%d", w.path, w.keep))
	for i := w.keep - 1; i >= 1; i-- {
		os.Rename(fmt.Sprintf("%s.%d", w.path, i), fmt.Sprintf("%s.%d", w.path, i+1))
	}
	err := os.Rename(w.path, w.path+".1")
	if errOpen := w.open(); errOpen != nil {
		return errOpen
	}
	return err
}

// Close closes the file.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	err := w.f.Close()
	w.f = nil
	return err
}
