package logfile

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The log is rotated past its limit, the number kept holds, no record is
// split between two files, and a reopened log goes on where it was.
func TestRotation(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "kiosk.log")
	w, err := Open(path, 1000, 3)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(w, nil))
	for i := 0; i < 200; i++ {
		log.Info("visit closed", "n", i, "reason", "idle")
	}
	w.Close()
	names, _ := filepath.Glob(path + "*")
	if len(names) != 4 {
		t.Fatalf("files: %v, want the log and 3 older", names)
	}
	total := 0
	for _, n := range names {
		data, _ := os.ReadFile(n)
		if len(data) > 1000 {
			t.Errorf("%s holds %d bytes, over the limit", n, len(data))
		}
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			if !strings.HasPrefix(line, "time=") || !strings.Contains(line, `msg="visit closed"`) || !strings.HasSuffix(line, "reason=idle") {
				t.Fatalf("%s: a record split or mangled: %q", n, line)
			}
			total++
		}
	}
	last, _ := os.ReadFile(path)
	if !strings.Contains(string(last), "n=199 ") {
		t.Errorf("the newest record is not in the current file")
	}
	// The oldest are gone; the newest kept are in order.
	older, _ := os.ReadFile(path + ".1")
	if !strings.Contains(string(older), fmt.Sprintf("n=%d ", 199-strings.Count(string(last), "\n"))) {
		t.Errorf("kiosk.log.1 does not hold the records just before kiosk.log's")
	}
	if total >= 200 {
		t.Errorf("%d records kept of 200 with 4 files of 1000 bytes: nothing was dropped", total)
	}
	// Reopened, it appends.
	w, _ = Open(path, 1000, 3)
	before, _ := os.Stat(path)
	fmt.Fprintln(w, "time=x level=INFO msg=again")
	w.Close()
	after, _ := os.Stat(path)
	if after.Size() <= before.Size() {
		t.Errorf("reopening did not append: %d then %d bytes", before.Size(), after.Size())
	}
}
