// Package crashreport keeps a short report of each crash of the kiosk. The
// Go runtime writes what it prints when the program dies (an unrecovered
// panic, a fatal error, a signal in C code) to a file armed at the start;
// the next start turns that file into a report of a few dozen lines, the
// message and the stack of the goroutine that crashed, which an admin can
// read and send on. The full trace is kept beside it.
package crashreport

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"
)

// pendingName is the file the runtime writes a crash into, in the logs folder.
const pendingName = "crash.out"

// Keep is how many reports (and full traces) are kept; older ones go.
const Keep = 5

// maxLines caps the report's stack, for a goroutine with a deep stack.
const maxLines = 40

// Report is one crash, found at a start.
type Report struct {
	File    string // the short report
	Full    string // the runtime's whole output, beside it
	Summary string // its first line: "panic: ...", "fatal error: ..." or the signal
}

// Arm sends the runtime's output on a crash to logsDir/crash.out from now
// on, emptying the file: call Collect first. The trace holds every
// goroutine, not only the one that crashed (GOTRACEBACK=all), unless
// GOTRACEBACK asks for more.
func Arm(logsDir string) error {
	if os.Getenv("GOTRACEBACK") == "" {
		debug.SetTraceback("all")
	}
	f, err := os.OpenFile(filepath.Join(logsDir, pendingName), os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	defer f.Close() // SetCrashOutput keeps a copy of the descriptor
	return debug.SetCrashOutput(f, debug.CrashOptions{})
}

// Collect makes a report of what the run before left in crash.out, if it
// crashed: crash-STAMP.txt (short) and crash-STAMP-full.txt in logsDir,
// named by now; version heads the report. It returns a zero Report when
// the run before did not crash. Reports beyond Keep are removed, oldest
// first.
func Collect(logsDir string, now time.Time, version string) (Report, error) {
	pending := filepath.Join(logsDir, pendingName)
	out, err := os.ReadFile(pending)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(strings.TrimSpace(string(out))) == 0) {
		return Report{}, nil
	}
	if err != nil {
		return Report{}, err
	}
	stamp := now.Format("20060102-150405")
	r := Report{
		File:    filepath.Join(logsDir, "crash-"+stamp+".txt"),
		Full:    filepath.Join(logsDir, "crash-"+stamp+"-full.txt"),
		Summary: firstLine(string(out)),
	}
	short := fmt.Sprintf("The kiosk crashed. Found at the start of %s by %s.\nThe whole trace: %s\n\n%s",
		now.Format(time.DateTime), version, filepath.Base(r.Full), Short(string(out)))
	if err := os.WriteFile(r.Full, out, 0o640); err != nil {
		return Report{}, err
	}
	if err := os.WriteFile(r.File, []byte(short), 0o640); err != nil {
		return Report{}, err
	}
	// Emptied only once the report is written: a start cut short in
	// between finds the crash again.
	if err := os.Truncate(pending, 0); err != nil {
		return r, err
	}
	return r, prune(logsDir)
}

// Short returns the message and the stack of the goroutine that crashed
// from the runtime's output: the lines up to the end of the first
// goroutine's stack (the runtime prints the crashing one first), at most
// maxLines of stack, and how many goroutines were left out.
func Short(out string) string {
	var b strings.Builder
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	inStack, ended, stack, others := false, false, 0, 0
	for sc.Scan() {
		line := sc.Text()
		isHead := strings.HasPrefix(line, "goroutine ") && strings.HasSuffix(line, ":")
		switch {
		case ended:
			if isHead {
				others++
			}
			continue
		case isHead:
			inStack = true
		case inStack && line == "":
			ended = true
			continue
		case inStack:
			stack++
			if stack > maxLines {
				continue
			}
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	if stack > maxLines {
		fmt.Fprintf(&b, "... %d more lines of this stack\n", stack-maxLines)
	}
	if others > 0 {
		fmt.Fprintf(&b, "\n(%d other goroutines are in the whole trace)\n", others)
	}
	return b.String()
}

func firstLine(s string) string {
	for line := range strings.SplitSeq(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			if len(line) > 200 {
				line = line[:200] + "…"
			}
			return line
		}
	}
	return ""
}

// prune keeps the newest Keep reports and their traces.
func prune(logsDir string) error {
	shorts, err := filepath.Glob(filepath.Join(logsDir, "crash-*.txt"))
	if err != nil {
		return err
	}
	shorts = slices.DeleteFunc(shorts, func(p string) bool { return strings.HasSuffix(p, "-full.txt") })
	slices.Sort(shorts) // the stamps sort by time
	for len(shorts) > Keep {
		old := shorts[0]
		shorts = shorts[1:]
		if err := os.Remove(old); err != nil {
			return err
		}
		if err := os.Remove(strings.TrimSuffix(old, ".txt") + "-full.txt"); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}
