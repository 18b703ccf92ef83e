package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"onestop/assets"
	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/sheet"
)

const contentUsage = `Usage:
  kiosk content check [DIR]     check a content pack and print its problems
  kiosk content check --checked DATE DIR URL...
                                record that these QR targets were scanned on a phone and opened the right page
  kiosk content links [DIR]     list every QR target of a content pack
  kiosk content sheet --out FILE.pdf [DIR]
                                print every QR target on A4, to scan each with a phone at install time
  kiosk content tutorials [DIR] list the lessons, one a line: id, steps, playing time, title
  kiosk content keygen --out NAME
                                make a key pair to sign packs with (NAME.key, NAME.pub)
  kiosk content sign --key NAME.key --name N --version V --expires DATE --out PACK.zip DIR
                                write a content pack as a signed pack
  kiosk content verify [--data DIR] PACK.zip
                                check a signed pack against every rule, installing nothing
  kiosk content install [--data DIR] PACK.zip
                                install a signed pack as the kiosk's content
  kiosk content list [--data DIR]
                                the installed pack, the one before, the trusted keys

DIR is a content pack folder; without it, the embedded pack.
`

// contentDoes says what each content subcommand does, for its --help.
var contentDoes = map[string]string{
	"check":     "Checks a content pack and prints its problems (a pack with any is refused) and its warnings\n(used, but to mend: facts not checked for 12 months, a QR target that does not say what it opens,\na search where the procedure's page is known).",
	"links":     "Lists every QR target of a content pack, one a line: URL, owner, label, kind.",
	"tutorials": "Lists the lessons, one a line: id, steps, playing time, title.",
	"sheet":     "Writes the install sheet: every QR target of the pack on A4, with its code, what it must open\nand a box to tick, to scan each with a real phone in one sitting.",
}

func runContent(args []string) int {
	sub, code, ok := subcommand("content", contentUsage, args, "check", "links", "tutorials", "sheet", "keygen", "sign", "verify", "install", "list")
	if !ok {
		return code
	}
	if packDoes[sub] != "" {
		return runPack(sub, args[1:])
	}
	c := newCommand("content "+sub, fmt.Sprintf("Usage: kiosk content %s [DIR]\n\n%s\nDIR is a content pack folder; without it, the embedded pack.\n", sub, contentDoes[sub]))
	c.dataFlag("the data folder (not used by this command)")
	var out, checked *string
	switch sub {
	case "sheet":
		out = c.fs.String("out", "", "the PDF to write (required)")
	case "check":
		checked = c.fs.String("checked", "", "a date (2026-12-01): record that the URLs after DIR were scanned on a phone that day and opened the right page")
	}
	if sub == "check" && slices.ContainsFunc(args[1:], func(a string) bool { return strings.HasPrefix(strings.TrimLeft(a, "-"), "checked") }) {
		c.operands(2, -1, "DIR URL...")
	} else {
		c.operands(0, 1, "DIR")
	}
	if code, ok := c.parse(args[1:]); !ok {
		return code
	}
	if out != nil && *out == "" {
		return c.usageError("--out FILE.pdf is required")
	}
	if checked != nil && *checked != "" {
		return recordChecked(c, *checked, c.fs.Arg(0), c.fs.Args()[1:])
	}
	var p *content.Pack
	var err error
	if dir := c.fs.Arg(0); dir != "" {
		p, err = content.LoadDir(dir)
	} else {
		p, err = content.Load(assets.Content(), "(embedded)")
	}
	var cerr *content.Error
	switch {
	case errors.As(err, &cerr):
		for _, pr := range cerr.Problems {
			fmt.Println(pr)
		}
		fmt.Fprintf(os.Stderr, "%d problem(s): the pack is refused\n", len(cerr.Problems))
		return 1
	case err != nil:
		return c.fail(err)
	}
	switch sub {
	case "check":
		warnings := p.Warnings(time.Now())
		for _, w := range warnings {
			fmt.Println("warning: " + w.String())
		}
		fmt.Printf("ok: %s, at a %s site: %d categories, %d procedures, %d tutorials, %d posters, %d QR targets",
			p.Source, p.Settings.SiteKind, len(p.Categories), len(p.Procedures), len(p.Tutorials), len(p.Posters), len(p.Links()))
		if len(warnings) > 0 {
			fmt.Printf("; %d warning(s): the pack is used, but mend them", len(warnings))
		}
		fmt.Println()
	case "links":
		for _, l := range p.Links() {
			kind := string(l.Kind)
			if kind == "" {
				kind = "-"
			}
			fmt.Printf("%s\t%s\t%s\t%s\n", l.URL, l.Owner, l.Label, kind)
		}
	case "sheet":
		fonts := sheet.Fonts{Regular: assets.FontRegular(), Bold: assets.FontBold()}
		if err := kiosk.WriteFile(*out, func(w io.Writer) error {
			return sheet.Write(w, p, p.Settings.SiteName, time.Now(), fonts)
		}); err != nil {
			return c.fail(err)
		}
		addresses := map[string]bool{}
		for _, l := range p.Links() {
			addresses[l.URL] = true
		}
		fmt.Printf("%s: %d addresses (%d QR targets) on the install sheet\n", *out, len(addresses), len(p.Links()))
	case "tutorials":
		// One lesson a line, id first: steps, playing time, title.
		for _, t := range p.Tutorials {
			var total time.Duration
			for _, s := range t.Steps {
				total += s.Duration()
			}
			fmt.Printf("%s\t%d steps\t%s\t%s\n", t.ID, len(t.Steps), total.Round(time.Second), t.Title.VI)
		}
	}
	return 0
}

// recordChecked writes into the pack in dir that the targets with these
// addresses were scanned on a phone on date and opened the right page.
func recordChecked(c *command, date, dir string, urls []string) int {
	if _, err := time.Parse("2006-01-02", date); err != nil {
		return c.usageError("--checked: %q is not a date like 2026-12-01", date)
	}
	n, err := content.RecordChecked(dir, date, urls)
	if err != nil {
		return c.fail(err)
	}
	fmt.Printf("%s: %d QR target(s) marked as checked on %s\n", dir, n, date)
	return 0
}
