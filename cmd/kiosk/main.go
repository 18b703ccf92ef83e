// Command kiosk runs the One-Stop online public services kiosk, and holds
// the admins' subcommands.
package main

import (
	"fmt"
	"os"
)

const usage = `kiosk: the One-Stop online public services kiosk

Usage:
  kiosk [flags]                 start the kiosk (see kiosk run --help)
  kiosk run [flags]             the same
  kiosk content check [DIR]     check a content pack and print its problems
  kiosk content links [DIR]     list every QR target of a content pack
  kiosk content tutorials [DIR] list the lessons, one a line: id, steps, playing time, title
  kiosk status [--data DIR] [--json]
                                version, content, database, backup, disk, last start, clock
  kiosk version | --version     the build: its commit and date
  kiosk db check [--data DIR]   check the database and print what it holds
  kiosk db recover [--data DIR] [FILE...]
                                take back what a damaged database set aside still holds
  kiosk staff add --code C --name N [--role admin] [--data DIR]
                                add a staff member; the PIN (4-8 digits) is asked for
  kiosk staff list [--data DIR] list the staff members
  kiosk tally [--from D] [--to D] [--by month,procedure] [--count sessions|visits|...]
                                count sessions or visits over a period (see --help)
  kiosk export --out FILE [--format csv|xlsx|jsonl] [--from D] [--to D]
                                write the assisted sessions, one row each
  kiosk report (--month 2026-10 | --quarter 2026-Q4 | --year 2026) [--format pdf|xlsx] [--out FILE]
                                the periodic report: the PDF to sign (default) or its data as XLSX
  kiosk merge [--data DIR] FILE...
                                add other kiosks' sessions (JSON Lines exports or database files)
  kiosk sync setup --url URL | now | status [--data DIR]
                                send the records to the province's collector (token on stdin)
  kiosk demo-data --data DIR [--sessions N] [--days D]
                                fill an empty database with synthetic records (kiosk DEMO)
  kiosk backup [--data DIR]     back the database up now into DATA/backups/
  kiosk restore [--data DIR] BACKUP
                                replace the database with a backup (stop the kiosk first)
  kiosk notify-relay [--socket PATH] PROGRAM [ARG...]
                                run PROGRAM (the service's session) and pass systemd the
                                notices its processes send (the service's ExecStart)

DIR defaults to the embedded content pack. Every command takes --data DIR
(default: the user's data folder); export, tally, report, db check and
staff list refuse a folder that holds no database. kiosk COMMAND --help
tells more about a command.
`

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) == 0 || (len(args[0]) > 0 && args[0][0] == '-') {
		if len(args) > 0 && isHelp(args[0]) {
			fmt.Print(usage)
			return 0
		}
		if len(args) > 0 && (args[0] == "--version" || args[0] == "-version") {
			fmt.Println(version())
			return 0
		}
		return runKiosk(args)
	}
	switch args[0] {
	case "run":
		return runKiosk(args[1:])
	case "status":
		return runStatus(args[1:])
	case "version":
		fmt.Println(version())
		return 0
	case "content":
		return runContent(args[1:])
	case "db":
		return runDB(args[1:])
	case "staff":
		return runStaff(args[1:])
	case "backup":
		return runBackup(args[1:])
	case "tally":
		return runTally(args[1:])
	case "export":
		return runExport(args[1:])
	case "demo-data":
		return runDemoData(args[1:])
	case "merge":
		return runMerge(args[1:])
	case "sync":
		return runSync(args[1:])
	case "report":
		return runReport(args[1:])
	case "restore":
		return runRestore(args[1:])
	case "notify-relay":
		return runNotifyRelay(args[1:])
	case "help":
		fmt.Print(usage)
		return 0
	}
	fmt.Fprintf(os.Stderr, "kiosk: unknown command %q (see kiosk --help)\n", args[0])
	return 2
}
