package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"onestop/assets"
	"onestop/kiosk/content"
)

const contentUsage = `Usage:
  kiosk content check [DIR]     check a content pack and print its problems
  kiosk content links [DIR]     list every QR target of a content pack
  kiosk content tutorials [DIR] list the lessons, one a line: id, steps, playing time, title

DIR is a content pack folder; without it, the embedded pack.
`

// contentDoes says what each content subcommand does, for its --help.
var contentDoes = map[string]string{
	"check":     "Checks a content pack and prints its problems (a pack with any is refused) and its warnings\n(used, but to mend: facts not checked for 12 months, a QR target that does not say what it opens,\na search where the procedure's page is known).",
	"links":     "Lists every QR target of a content pack, one a line: URL, owner, label, kind.",
	"tutorials": "Lists the lessons, one a line: id, steps, playing time, title.",
}

func runContent(args []string) int {
	sub, code, ok := subcommand("content", contentUsage, args, "check", "links", "tutorials")
	if !ok {
		return code
	}
	c := newCommand("content "+sub, fmt.Sprintf("Usage: kiosk content %s [DIR]\n\n%s\nDIR is a content pack folder; without it, the embedded pack.\n", sub, contentDoes[sub]))
	c.dataFlag("the data folder (not used by this command)")
	c.operands(0, 1, "DIR")
	if code, ok := c.parse(args[1:]); !ok {
		return code
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
		fmt.Printf("ok: %s: %d categories, %d procedures, %d tutorials, %d posters, %d QR targets",
			p.Source, len(p.Categories), len(p.Procedures), len(p.Tutorials), len(p.Posters), len(p.Links()))
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
