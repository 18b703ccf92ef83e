// Command barewindow is the benchmarks' baseline: the least a Fyne program
// can be, one window with one label, so the kiosk's figures can be read as
// what it adds to the framework's own floor on the same machine.
package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	if f := os.Getenv("KIOSK_CPUPROFILE"); f != "" {
		out, _ := os.Create(f)
		pprof.StartCPUProfile(out)
		defer pprof.StopCPUProfile()
	}
	mark("main")
	a := app.NewWithID("vn.onestop.barewindow")
	w := a.NewWindow("Bare window")
	w.SetContent(widget.NewLabel("Bare Fyne window"))
	if len(os.Args) > 1 && os.Args[1] == "--fullscreen" {
		w.SetFullScreen(true)
	} else {
		w.Resize(fyne.NewSize(1366, 768))
	}
	a.Lifecycle().SetOnStarted(func() { mark("loop started") })
	mark("window made")
	w.ShowAndRun()
}

func mark(what string) {
	if os.Getenv("KIOSK_STARTMARKS") != "" {
		fmt.Fprintf(os.Stderr, "mark %d %s\n", time.Now().UnixMicro(), what)
	}
}
