package main

import (
	"bufio"
	"context"
	"errors"
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

const staffUsage = `Usage:
  kiosk staff add --code C --name N [--role admin] [--data DIR]
                                add a staff member; the PIN (4-8 digits) is asked for
  kiosk staff list [--data DIR] list the staff members

kiosk staff add --help and kiosk staff list --help tell more.
`

func runStaff(args []string) int {
	sub, code, ok := subcommand("staff", staffUsage, args, "add", "list")
	if !ok {
		return code
	}
	if sub == "list" {
		return runStaffList(args[1:])
	}
	return runStaffAdd(args[1:])
}

func runStaffAdd(args []string) int {
	c := newCommand("staff add", "Usage: kiosk staff add --code C --name N [flags]\n\nAdds a staff member, who logs in with the code and a PIN of 4 to 8 digits.\nThe PIN is asked for twice on a terminal, or read as one line from a pipe.\n")
	c.dataFlag("")
	staffCode := c.fs.String("code", "", "the short code the member types with the PIN (required)")
	name := c.fs.String("name", "", "the name shown in the app (required)")
	role := c.fs.String("role", kiosk.RoleStaff, "staff or admin")
	if code, ok := c.parse(args); !ok {
		return code
	}
	if *staffCode == "" || *name == "" {
		return c.usageError("give the member's --code and --name")
	}
	st, _, err := c.openStore()
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	p, err := readPIN(os.Stdin)
	if err != nil {
		return c.fail(err)
	}
	m, err := (&kiosk.Roster{Store: st, Clock: kiosk.SystemClock{}}).Add(context.Background(), "", *staffCode, *name, *role, p)
	if err != nil {
		return c.fail(err)
	}
	fmt.Printf("added %s %s (%s)\n", m.Code, m.Name, m.Role)
	return 0
}

func runStaffList(args []string) int {
	c := newCommand("staff list", "Usage: kiosk staff list [flags]\n\nLists the staff members, one a line: code, role, state (active or disabled), name.\n")
	c.dataFlag("")
	if code, ok := c.parse(args); !ok {
		return code
	}
	st, _, err := c.openStoreForReading()
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	all, err := st.ListStaff(context.Background())
	if err != nil {
		return c.fail(err)
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

// readPIN reads the new PIN twice: from a terminal without echo, or one
// line from a pipe (for scripted installs).
func readPIN(in *os.File) (string, error) {
	return readSecret(in, "", "PIN (4-8 digits): ", "The same PIN again: ")
}

// readSecret reads a secret: from the environment variable env when it is
// set (scripts); else, on a terminal, asked with prompt, and again when
// again is not empty; else a line of standard input.
func readSecret(in *os.File, env, prompt, again string) (string, error) {
	if v := os.Getenv(env); env != "" && v != "" {
		return v, nil
	}
	if term.IsTerminal(int(in.Fd())) {
		fmt.Fprint(os.Stderr, prompt)
		a, err := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(os.Stderr)
		if err != nil || again == "" {
			return string(a), err
		}
		fmt.Fprint(os.Stderr, again)
		b, err := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(os.Stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", errors.New("the two differ")
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
	c := newCommand("backup", "Usage: kiosk backup [flags]\n\nBacks the database up now into DATA/backups/ and prints the backup's name.\n")
	c.dataFlag("")
	if code, ok := c.parse(args); !ok {
		return code
	}
	st, dir, err := c.openStore()
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	b := &kiosk.Backups{Store: st, Dir: filepath.Join(dir, "backups"), Clock: kiosk.SystemClock{}}
	name, err := b.Now(context.Background())
	if err != nil {
		return c.fail(err)
	}
	fmt.Println(name)
	return 0
}

func runRestore(args []string) int {
	c := newCommand("restore", "Usage: kiosk restore [--data DIR] BACKUP\n\nReplaces the kiosk's database with BACKUP (see DATA/backups/); the kiosk must be stopped.\n")
	c.dataFlag("")
	c.operands(1, 1, "BACKUP file to restore")
	if code, ok := c.parse(args); !ok {
		return code
	}
	backup := c.fs.Arg(0)
	dir, err := c.dataDir()
	if err != nil {
		return c.fail(err)
	}
	release, err := datalock.Take(dir)
	if err != nil {
		return c.fail(err)
	}
	defer release()
	ctx := context.Background()
	file := filepath.Join(dir, store.FileName)
	if err := store.Restore(ctx, backup, file); err != nil {
		return c.fail(err)
	}
	st, err := store.Open(file)
	if err == nil {
		err = st.Audit(ctx, kiosk.AuditEntry{At: kiosk.SystemClock{}.Now(), Action: kiosk.AuditRestore, Detail: filepath.Base(backup)})
		st.Close()
	}
	if err != nil {
		return c.fail(err)
	}
	fmt.Printf("restored %s from %s; the database it replaced is %s.before-restore\n", file, backup, file)
	return 0
}
