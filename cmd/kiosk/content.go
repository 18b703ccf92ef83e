package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"onestop/assets"
	"onestop/kiosk/content"
)

func runContent(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, "kiosk content: say check, links or tutorials\n\n"+usage)
		return 2
	}
	fs := flag.NewFlagSet("content "+args[0], flag.ContinueOnError)
	fs.String("data", "", "the data folder (not used by this command)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: kiosk content %s [DIR]\n\nDIR is a content pack folder; without it, the embedded pack.\n", args[0])
	}
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	var p *content.Pack
	var err error
	if dir := fs.Arg(0); dir != "" {
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
		fmt.Fprintln(os.Stderr, "kiosk content:", err)
		return 1
	}
	switch args[0] {
	case "check":
		fmt.Printf("ok: %s: %d categories, %d procedures, %d tutorials, %d posters, %d QR targets\n",
			p.Source, len(p.Categories), len(p.Procedures), len(p.Tutorials), len(p.Posters), len(p.Links()))
	case "links":
		for _, l := range p.Links() {
			fmt.Printf("%s\t%s\t%s\n", l.URL, l.Owner, l.Label)
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
	default:
		fmt.Fprintf(os.Stderr, "kiosk content: unknown %q: say check, links or tutorials\n", args[0])
		return 2
	}
	return 0
}
