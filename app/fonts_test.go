package app

import (
	"os"
	"os/exec"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestNoSystemFonts runs in fresh processes, since Fyne looks for system
// fonts once per process: measuring text normally builds Fyne's map of the
// system's fonts (the variable linked to is Fyne's), and after
// noSystemFonts it does not.
func TestNoSystemFonts(t *testing.T) {
	switch os.Getenv("KIOSK_FONT_CASE") {
	case "":
	case "fyne":
		test.NewTempApp(t)
		fyne.MeasureText("Hộ tịch", 20, fyne.TextStyle{Bold: true})
		if !fyneFontsLooked || fyneFontMap == nil {
			t.Fatalf("after measuring text Fyne's font search ran: %v, map %v", fyneFontsLooked, fyneFontMap)
		}
		return
	case "kiosk":
		test.NewTempApp(t)
		noSystemFonts()
		fyne.MeasureText("Hộ tịch", 20, fyne.TextStyle{Bold: true})
		if fyneFontMap != nil {
			t.Fatal("Fyne built its map of system fonts after noSystemFonts")
		}
		return
	}
	for _, c := range []string{"fyne", "kiosk"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestNoSystemFonts$", "-test.count=1")
		cmd.Env = append(os.Environ(), "KIOSK_FONT_CASE="+c)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", c, err, out)
		}
	}
}
