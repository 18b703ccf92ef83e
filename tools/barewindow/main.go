// Command barewindow is the benchmarks' baseline: the least a Fyne program
// can be, one window with one label, so the kiosk's figures can be read as
// what it adds to the framework's own floor on the same machine.
package main

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("vn.onestop.barewindow")
	w := a.NewWindow("Bare window")
	w.SetContent(widget.NewLabel("Bare Fyne window"))
	if len(os.Args) > 1 && os.Args[1] == "--fullscreen" {
		w.SetFullScreen(true)
	} else {
		w.Resize(fyne.NewSize(1366, 768))
	}
	w.ShowAndRun()
}
