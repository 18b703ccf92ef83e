package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

// command is one subcommand's command line. Every subcommand goes through
// it, so all of them answer --help, a mistyped flag and a data folder
// without a database the same way: help on stdout (exit 0), a mistake in
// one line on stderr (exit 2), an error met doing the work (exit 1).
type command struct {
	name  string // as typed after kiosk: "export", "db check"
	usage string // the synopsis and what the command does; --help adds the flags
	fs    *flag.FlagSet

	// The operands allowed after the flags (maxArgs < 0: no limit), and
	// what they are called in errors ("BACKUP").
	minArgs, maxArgs int
	argName          string

	data     *string // --data, once dataFlag added it
	from, to *string // --from and --to, once periodFlags added them
}

// newCommand makes a command that takes flags only; see operands.
func newCommand(name, usage string) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package would dump the whole usage on stderr at any mistake,
	// and exit 2 on -h; parse reports both itself.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &command{name: name, usage: usage, fs: fs}
}

// operands lets the command take between min and max arguments after its
// flags (max < 0: any number); name is what they are called, as "BACKUP".
func (c *command) operands(min, max int, name string) {
	c.minArgs, c.maxArgs, c.argName = min, max, name
}

// dataFlag adds --data; help says what the folder is to this command
// ("" for the usual words).
func (c *command) dataFlag(help string) {
	if help == "" {
		help = "the data folder (default: the user's data folder)"
	}
	c.data = c.fs.String("data", "", help)
}

// periodFlags adds --from and --to; period reads them.
func (c *command) periodFlags() {
	c.from = c.fs.String("from", "", "first day, YYYY-MM-DD (default: the first of this month)")
	c.to = c.fs.String("to", "", "last day, YYYY-MM-DD, included (default: today)")
}

// parse reads the command line. When it returns false the command stops
// at once and exits with code: 0 after printing its help, 2 after a
// mistake.
func (c *command) parse(args []string) (code int, ok bool) {
	err := c.fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		c.help()
		return 0, false
	}
	if err != nil {
		return c.usageError("%v", err), false
	}
	rest := c.fs.Args()
	// After "--" every argument is an operand, even one that starts with -.
	ended := len(args) > len(rest) && args[len(args)-len(rest)-1] == "--"
	for _, a := range rest {
		if !ended && isHelp(a) { // kiosk restore BACKUP --help still means help
			c.help()
			return 0, false
		}
	}
	for _, a := range rest {
		// The flag package stops at the first operand: a flag after one
		// would be taken for a file name, or silently ignored.
		if !ended && len(a) > 1 && a[0] == '-' {
			return c.usageError("%s comes after %s: put the flags first", a, rest[0]), false
		}
	}
	switch {
	case len(rest) < c.minArgs:
		return c.usageError("give the %s", c.argName), false
	case c.maxArgs >= 0 && len(rest) > c.maxArgs:
		return c.usageError("unexpected argument %q", rest[c.maxArgs]), false
	}
	return 0, true
}

// help prints the command's usage and flags on stdout: asked for, it is
// the command's output, not an error.
func (c *command) help() {
	fmt.Fprint(os.Stdout, c.usage)
	hasFlags := false
	c.fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprint(os.Stdout, "\nFlags:\n")
		c.fs.SetOutput(os.Stdout)
		c.fs.PrintDefaults()
		c.fs.SetOutput(io.Discard)
	}
}

// usageError reports a mistake on the command line in one line, with
// where to read how it is used, and returns exit code 2.
func (c *command) usageError(format string, a ...any) int {
	return usageError(c.name, fmt.Sprintf(format, a...))
}

// fail reports an error met while doing the work and returns exit code 1.
func (c *command) fail(err error) int {
	fmt.Fprintf(os.Stderr, "kiosk %s: %v\n", c.name, err)
	return 1
}

// period returns the days --from and --to name, [start, end) in Vietnam's
// time zone; an error is a usage error.
func (c *command) period() (time.Time, time.Time, error) {
	return period(*c.from, *c.to, kiosk.SystemClock{}.Now())
}

// dataDir returns the folder --data names, else the user's data folder.
func (c *command) dataDir() (string, error) {
	data := ""
	if c.data != nil {
		data = *c.data
	}
	return kiosk.DataDir(data)
}

// prepareDataDir returns the data folder, created with its logs and
// backups folders, for a command that writes.
func (c *command) prepareDataDir() (string, error) {
	dir, err := c.dataDir()
	if err != nil {
		return "", err
	}
	return dir, kiosk.PrepareDataDir(dir)
}

// openStore opens the data folder's database for a command that writes,
// creating the folder and the database when they are missing. It returns
// the data folder too.
func (c *command) openStore() (*store.Store, string, error) {
	dir, err := c.prepareDataDir()
	if err != nil {
		return nil, "", err
	}
	s, err := store.Open(filepath.Join(dir, store.FileName))
	return s, dir, err
}

// existingStore returns the data folder and its database file, and
// refuses a folder that holds no database, creating nothing: to a command
// that only reads, a mistyped --data would otherwise look like a kiosk
// that recorded nothing.
func (c *command) existingStore() (dir, file string, err error) {
	if dir, err = c.dataDir(); err != nil {
		return "", "", err
	}
	file = filepath.Join(dir, store.FileName)
	info, err := os.Stat(file)
	switch {
	case err == nil && info.Mode().IsRegular():
		return dir, file, nil
	case err == nil:
		return "", "", fmt.Errorf("no database in %s: %s is not a file; give the kiosk's data folder with --data", dir, file)
	case !errors.Is(err, fs.ErrNotExist):
		return "", "", fmt.Errorf("cannot read the database in %s: %w", dir, err)
	}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return "", "", fmt.Errorf("no data folder %s (looked for %s): check the folder given with --data", dir, file)
	}
	return "", "", fmt.Errorf("no database in %s (looked for %s): give the kiosk's data folder with --data", dir, file)
}

// openStoreForReading opens the database of a data folder that has one,
// for a command that only reads it (see existingStore), without the
// whole-file integrity check (see store.OpenForReading). It returns the
// data folder too.
func (c *command) openStoreForReading() (*store.Store, string, error) {
	dir, file, err := c.existingStore()
	if err != nil {
		return nil, "", err
	}
	s, err := store.OpenForReading(file)
	return s, dir, err
}

// subcommand reads the word after a group command (content, db, staff):
// --help prints the group's usage (exit 0); a missing or unknown word is
// a usage error (exit 2). ok is false when the command should exit with
// code.
func subcommand(group, usage string, args []string, words ...string) (word string, code int, ok bool) {
	say := "say " + orList(words)
	switch {
	case len(args) == 0:
		return "", usageError(group, say), false
	case isHelp(args[0]):
		fmt.Fprint(os.Stdout, usage)
		return "", 0, false
	}
	for _, w := range words {
		if args[0] == w {
			return w, 0, true
		}
	}
	return "", usageError(group, fmt.Sprintf("unknown %q: %s", args[0], say)), false
}

// usageError prints one line saying what was wrong on the command line of
// kiosk name and where help is, and returns exit code 2.
func usageError(name, msg string) int {
	msg = strings.ReplaceAll(msg, "\n", " ") // one line, whatever the message
	fmt.Fprintf(os.Stderr, "kiosk %s: %s (see kiosk %s --help)\n", name, msg, name)
	return 2
}

// isHelp says whether a is one of the ways to ask for help.
func isHelp(a string) bool {
	switch a {
	case "-h", "-help", "--help", "--h":
		return true
	}
	return false
}

// orList writes words as "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
