// Command kiosk-collector is the province's collector: it takes the
// records kiosks push, stores each once in PostgreSQL, counts them for the
// province or one commune, and serves the current signed content pack.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/collector"
	"onestop/kiosk/report"
)

const usage = `Usage: kiosk-collector COMMAND [flags]

Commands:
  serve          take kiosks' batches over HTTP(S) and serve tallies, the pack and metrics
  token add KIOSK     issue a token for a kiosk (shown once; only its hash is kept)
  token add --reader NAME
                      issue a reader's token: tallies, reports, stale kiosks, metrics
  token revoke NAME   revoke every token of a kiosk or a reader
  token list          list the tokens, with each kiosk's last contact
  tally          count the fleet's records, as kiosk tally counts one kiosk's
  report         the periodic report (PDF to sign, or its data as XLSX), for the province or one site
  stale          list the kiosks that have not pushed for some days
  import FILE... take a kiosk's JSON Lines export (kiosk export --format jsonl), as kiosk merge does

Every command reads the PostgreSQL address from --db or KIOSK_COLLECTOR_DB
(for example postgres://collector@127.0.0.1/collector).
`

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(os.Stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd := map[string]func([]string) int{
		"serve": serve, "token": token, "tally": tally, "stale": stale, "import": importFiles, "report": makeReport,
	}[args[0]]
	if cmd == nil {
		fmt.Fprintf(os.Stderr, "kiosk-collector: no command %q\n\n%s", args[0], usage)
		return 2
	}
	return cmd(args[1:])
}

// flags is a command's flag set with the database address.
type flags struct {
	*flag.FlagSet
	dsn *string
}

func newFlags(name, help string) flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "Usage: kiosk-collector %s\n\nFlags:\n", help)
		fs.PrintDefaults()
	}
	return flags{fs, fs.String("db", os.Getenv("KIOSK_COLLECTOR_DB"), "the PostgreSQL address (default: $KIOSK_COLLECTOR_DB)")}
}

func (f flags) open(ctx context.Context) (*collector.DB, error) {
	if *f.dsn == "" {
		return nil, errors.New("give the PostgreSQL address with --db or KIOSK_COLLECTOR_DB")
	}
	return collector.Open(ctx, *f.dsn)
}

func fail(name string, err error) int {
	fmt.Fprintf(os.Stderr, "kiosk-collector %s: %v\n", name, err)
	return 1
}

func serve(args []string) int {
	f := newFlags("serve", "serve [flags]")
	listen := f.String("listen", "127.0.0.1:8480", "the address to listen on")
	cert := f.String("tls-cert", "", "a TLS certificate (PEM): serve HTTPS")
	key := f.String("tls-key", "", "its private key (PEM)")
	pack := f.String("pack", "", "the signed content pack (zip) kiosks fetch")
	head := headFlags(f)
	rate := f.Float64("rate", 2, "batches a second one kiosk may push")
	burst := f.Int("burst", 20, "batches one kiosk may push at once")
	if err := f.Parse(args); err != nil {
		return 2
	}
	if (*cert == "") != (*key == "") {
		fmt.Fprintln(os.Stderr, "kiosk-collector serve: give both --tls-cert and --tls-key, or neither")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	db, err := f.open(ctx)
	if err != nil {
		return fail("serve", err)
	}
	defer db.Close()
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	h, err := head()
	if err != nil {
		return fail("serve", err)
	}
	s := &collector.Server{DB: db, PackFile: *pack, Head: h, Rate: *rate, Burst: *burst, Log: log}
	srv := &http.Server{Addr: *listen, Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 2 * time.Minute, WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() {
		if *cert != "" {
			errc <- srv.ListenAndServeTLS(*cert, *key)
		} else {
			errc <- srv.ListenAndServe()
		}
	}()
	log.Info("collector listening", "addr", *listen, "tls", *cert != "")
	select {
	case err := <-errc:
		return fail("serve", err)
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	srv.Shutdown(shut) // batches under way finish; a kiosk cut off sends again
	return 0
}

func token(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, "Usage: kiosk-collector token add [--reader] NAME | revoke NAME | list [--db DSN]\n")
		return 2
	}
	f := newFlags("token", "token add [--reader] NAME | revoke NAME | list [flags]")
	reader := f.Bool("reader", false, "add: a reader's token (the province's staff and tools), not a kiosk's")
	if err := f.Parse(args[1:]); err != nil {
		return 2
	}
	want := map[string]int{"add": 1, "revoke": 1, "list": 0}
	n, ok := want[args[0]]
	if !ok || f.NArg() != n {
		fmt.Fprint(os.Stderr, "Usage: kiosk-collector token add [--reader] NAME | revoke NAME | list [--db DSN]\n")
		return 2
	}
	ctx := context.Background()
	db, err := f.open(ctx)
	if err != nil {
		return fail("token", err)
	}
	defer db.Close()
	switch args[0] {
	case "add":
		if *reader {
			t, err := db.AddReader(ctx, f.Arg(0))
			if err != nil {
				return fail("token add", err)
			}
			fmt.Fprintf(os.Stderr, "The reader token of %s (shown this once; send it as Authorization: Bearer):\n", f.Arg(0))
			fmt.Println(t)
			break
		}
		t, err := db.AddToken(ctx, f.Arg(0))
		if err != nil {
			return fail("token add", err)
		}
		fmt.Fprintf(os.Stderr, "The token of kiosk %s (shown this once; put it in the kiosk with kiosk sync setup):\n", f.Arg(0))
		fmt.Println(t)
	case "revoke":
		n, err := db.RevokeTokens(ctx, f.Arg(0))
		if err != nil {
			return fail("token revoke", err)
		}
		if n == 0 {
			fmt.Fprintf(os.Stderr, "kiosk %s has no valid token\n", f.Arg(0))
			return 1
		}
		fmt.Printf("%d token(s) of kiosk %s revoked\n", n, f.Arg(0))
	case "list":
		ts, err := db.Tokens(ctx)
		if err != nil {
			return fail("token list", err)
		}
		fmt.Println("name\tkind\ttoken\tissued\trevoked\tlast contact")
		for _, t := range ts {
			kind := "kiosk"
			if t.Reader {
				kind = "reader"
			}
			fmt.Printf("%s\t%s\t%s…\t%s\t%s\t%s\n", t.Kiosk, kind, t.Prefix, when(t.Created), when(t.Revoked), when(t.Last))
		}
	}
	return 0
}

func when(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(report.ReportZone).Format("2006-01-02 15:04")
}

func tally(args []string) int {
	f := newFlags("tally", "tally [flags]")
	from := f.String("from", "", "the first day, 2026-11-01 (default: the first of this month)")
	to := f.String("to", "", "the last day, included (default: today)")
	by := f.String("by", "", "group by, comma-separated: the dimensions of kiosk tally")
	count := f.String("count", "sessions", "sessions, visits, procedures_viewed, qr_shown, lessons_finished, help_requests or slips_printed")
	site := f.String("site", "", "one commune or postal point, as its kiosks name it (default: the whole province)")
	asJSON := f.Bool("json", false, "write JSON, as the /v1/tally endpoint")
	if err := f.Parse(args); err != nil {
		return 2
	}
	req := collector.TallyRequest{Count: *count, Site: *site}
	var err error
	if req.From, req.To, err = report.Days(*from, *to, time.Now()); err != nil {
		fmt.Fprintln(os.Stderr, "kiosk-collector tally:", err)
		return 2
	}
	for _, d := range strings.Split(*by, ",") {
		if d = strings.TrimSpace(d); d != "" {
			req.By = append(req.By, report.Dimension(d))
		}
	}
	ctx := context.Background()
	db, err := f.open(ctx)
	if err != nil {
		return fail("tally", err)
	}
	defer db.Close()
	rows, err := db.Tally(ctx, req)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk-collector tally:", err)
		return 2
	}
	if *asJSON {
		if rows == nil {
			rows = []report.Row{}
		}
		json.NewEncoder(os.Stdout).Encode(rows)
		return 0
	}
	report.WriteTally(os.Stdout, req.By, *count, rows)
	return 0
}

func stale(args []string) int {
	f := newFlags("stale", "stale [flags]")
	n := f.Int("days", 3, "list kiosks silent for more than this many days")
	if err := f.Parse(args); err != nil {
		return 2
	}
	ctx := context.Background()
	db, err := f.open(ctx)
	if err != nil {
		return fail("stale", err)
	}
	defer db.Close()
	ks, err := db.Stale(ctx, time.Now().AddDate(0, 0, -*n))
	if err != nil {
		return fail("stale", err)
	}
	fmt.Println("kiosk\tsite\tlast contact")
	for _, k := range ks {
		fmt.Printf("%s\t%s\t%s\n", k.ID, k.Site, when(k.Last))
	}
	fmt.Fprintf(os.Stderr, "%d kiosk(s) silent for more than %d days\n", len(ks), *n)
	return 0
}

// importFiles takes kiosks' JSON Lines exports, checked as kiosk merge
// checks them, each version stored once.
func importFiles(args []string) int {
	f := newFlags("import", "import [flags] FILE...")
	if err := f.Parse(args); err != nil {
		return 2
	}
	if f.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "kiosk-collector import: name the export file(s)")
		return 2
	}
	ctx := context.Background()
	db, err := f.open(ctx)
	if err != nil {
		return fail("import", err)
	}
	defer db.Close()
	for _, name := range f.Args() {
		read, added, err := importFile(ctx, db, name)
		if err != nil {
			return fail("import", fmt.Errorf("%s: %w", name, err))
		}
		fmt.Printf("%s: %d sessions read, %d new versions added\n", name, read, added)
	}
	return 0
}

func importFile(ctx context.Context, db *collector.DB, name string) (read, added int, err error) {
	file, err := os.Open(name)
	if err != nil {
		return 0, 0, err
	}
	defer file.Close()
	return db.ImportJSONL(ctx, file)
}

// headFlags are who issues and signs the reports.
func headFlags(f flags) func() (collector.ReportHead, error) {
	province := f.String("province", "", "the province, as the reports name it: \"Tỉnh Nghệ An\"")
	letterhead := f.String("letterhead", "", "a JSON file with who issues and signs the reports: the fields of kiosk.json's \"report\" block")
	return func() (collector.ReportHead, error) {
		h := collector.ReportHead{Province: *province}
		if *letterhead != "" {
			data, err := os.ReadFile(*letterhead)
			if err != nil {
				return h, err
			}
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&h.ReportSettings); err != nil {
				return h, fmt.Errorf("%s: %w", *letterhead, err)
			}
		}
		return h, nil
	}
}

func makeReport(args []string) int {
	f := newFlags("report", "report (--month M | --quarter Q | --year Y) [flags]")
	month := f.String("month", "", "a month, as 2026-11")
	quarter := f.String("quarter", "", "a quarter, as 2026-Q4")
	year := f.String("year", "", "a year, as 2026")
	site := f.String("site", "", "one commune or postal point, as its kiosks name it (default: the whole province)")
	format := f.String("format", "pdf", "pdf (the document to sign) or xlsx (the data behind it)")
	out := f.String("out", "", "the file to write (default: bao-cao-PERIOD.pdf or .xlsx)")
	head := headFlags(f)
	if err := f.Parse(args); err != nil {
		return 2
	}
	given := *month + *quarter + *year
	if (*month != "" && *quarter+*year != "") || (*quarter != "" && *year != "") {
		fmt.Fprintln(os.Stderr, "kiosk-collector report: give one of --month, --quarter or --year, not two")
		return 2
	}
	p, err := report.ParseReportPeriod(given)
	if err != nil || given == "" {
		fmt.Fprintln(os.Stderr, "kiosk-collector report: give the period with --month 2026-11, --quarter 2026-Q4 or --year 2026")
		return 2
	}
	if *format != "pdf" && *format != "xlsx" {
		fmt.Fprintf(os.Stderr, "kiosk-collector report: --format %q is neither pdf nor xlsx\n", *format)
		return 2
	}
	h, err := head()
	if err != nil {
		return fail("report", err)
	}
	if *out == "" {
		*out = "bao-cao-" + given + "." + *format
	}
	ctx := context.Background()
	db, err := f.open(ctx)
	if err != nil {
		return fail("report", err)
	}
	defer db.Close()
	err = kiosk.WriteFile(*out, func(w io.Writer) error { return db.Report(ctx, p, *site, h, *format == "xlsx", w) })
	if err != nil {
		return fail("report", err)
	}
	fmt.Printf("%s written\n", *out)
	return 0
}
