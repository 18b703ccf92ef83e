package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"onestop/kiosk"
	"onestop/kiosk/datalock"
	"onestop/kiosk/store"
)

// openData opens the database of a data folder for a command.
func openData(data string) (*store.Store, string, error) {
	return openDataWith(data, store.Open)
}

// openDataForReading opens the data folder's database for a command that
// only reads it, without the whole-file integrity check (see
// store.OpenForReading).
func openDataForReading(data string) (*store.Store, string, error) {
	return openDataWith(data, store.OpenForReading)
}

func openDataWith(data string, open func(string) (*store.Store, error)) (*store.Store, string, error) {
	dir, err := kiosk.DataDir(data)
	if err != nil {
		return nil, "", err
	}
	if err := kiosk.PrepareDataDir(dir); err != nil {
		return nil, "", err
	}
	s, err := open(filepath.Join(dir, store.FileName))
	return s, dir, err
}

func runStaff(args []string) int {
	if len(args) == 0 || (args[0] != "add" && args[0] != "list") {
		fmt.Fprint(os.Stderr, "kiosk staff: say add or list\n\n"+usage)
		return 2
	}
	fs := flag.NewFlagSet("staff "+args[0], flag.ContinueOnError)
	data := fs.String("data", "", "the data folder (default: the user's data folder)")
	code := fs.String("code", "", "the short code the member types with the PIN")
	name := fs.String("name", "", "the name shown in the app")
	role := fs.String("role", kiosk.RoleStaff, "staff or admin")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	st, _, err := openData(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk staff:", err)
		return 1
	}
	defer st.Close()
	ctx := context.Background()
	if args[0] == "list" {
		all, err := st.ListStaff(ctx)
		if err != nil {
			fmt.Fprintln(os.Stderr, "kiosk staff list:", err)
			return 1
		}
		for _, m := range all {
			state := "active"
			if !m.Disabled.IsZero() {
				state = "disabled"
			}
			fmt.Printf("%s\t%s\t%s\t%s\n", m.Code, m.Role, state, m.Name)
		}
		return 0
	}
	p, err := readPIN(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk staff add:", err)
		return 1
	}
	m, err := (&kiosk.Roster{Store: st, Clock: kiosk.SystemClock{}}).Add(ctx, "", *code, *name, *role, p)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk staff add:", err)
		return 1
	}
	fmt.Printf("added %s %s (%s)\n", m.Code, m.Name, m.Role)
	return 0
}

// readPIN reads the new PIN twice: from a terminal without echo, or one
// line from a pipe (for scripted installs).
func readPIN(in *os.File) (string, error) {
	if term.IsTerminal(int(in.Fd())) {
		fmt.Fprint(os.Stderr, "PIN (4-8 digits): ")
		a, err := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(os.Stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(os.Stderr, "The same PIN again: ")
		b, err := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(os.Stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", errors.New("the two PINs differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimSpace(line), nil
}

func runBackup(args []string) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	data := fs.String("data", "", "the data folder (default: the user's data folder)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	st, dir, err := openData(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk backup:", err)
		return 1
	}
	defer st.Close()
	b := &kiosk.Backups{Store: st, Dir: filepath.Join(dir, "backups"), Clock: kiosk.SystemClock{}}
	name, err := b.Now(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk backup:", err)
		return 1
	}
	fmt.Println(name)
	return 0
}

func runRestore(args []string) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	data := fs.String("data", "", "the data folder (default: the user's data folder)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: kiosk restore [--data DIR] BACKUP\n\nReplaces the kiosk's database with BACKUP (see DATA/backups/); the kiosk must be stopped.\n")
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	dir, err := kiosk.DataDir(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk restore:", err)
		return 1
	}
	release, err := datalock.Take(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk restore:", err)
		return 1
	}
	defer release()
	ctx := context.Background()
	file := filepath.Join(dir, store.FileName)
	if err := store.Restore(ctx, fs.Arg(0), file); err != nil {
		fmt.Fprintln(os.Stderr, "kiosk restore:", err)
		return 1
	}
	st, err := store.Open(file)
	if err == nil {
		err = st.Audit(ctx, kiosk.AuditEntry{At: kiosk.SystemClock{}.Now(), Action: kiosk.AuditRestore, Detail: filepath.Base(fs.Arg(0))})
		st.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk restore:", err)
		return 1
	}
	fmt.Printf("restored %s from %s; the database it replaced is %s.before-restore\n", file, fs.Arg(0), file)
	return 0
}
