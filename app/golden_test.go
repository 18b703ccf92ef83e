package app

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"onestop/kiosk"
)

var updateGolden = flag.Bool("update-golden", false, "write the golden screens under app/testdata/golden anew (make golden)")

// TestGoldenScreens compares six screens with their golden copies: every
// object drawn, its place, size, text and colours, as Fyne's markup. A
// screen changed by accident fails here; a change meant is written with
// make golden (go test ./app -run TestGoldenScreens -update-golden) and
// reviewed in the diff.
func TestGoldenScreens(t *testing.T) {
	screens := []struct {
		name string
		open func(h *harness)
	}{
		{"home", func(h *harness) { h.k.Open(Route{Kind: RouteHome}) }},
		{"category", func(h *harness) { h.k.Open(Route{Kind: RouteCategory, Arg: "ho-tich"}) }},
		{"procedure", func(h *harness) { h.k.Open(Route{Kind: RouteProcedure, Arg: "1.001193"}) }},
		{"lesson-step", func(h *harness) { h.k.Open(Route{Kind: RouteTutorial, Arg: "khai-sinh"}) }},
		{"staff-session", func(h *harness) {
			h.addStaff("lan", "Nguyễn Thị Lan", kiosk.RoleStaff, "4821")
			h.k.Open(Route{Kind: RoutePIN, Arg: "lan"})
			h.k.login("lan", "4821")
			h.k.startSession()
		}},
		{"admin-numbers", func(h *harness) {
			h.adminWithDemo()
			h.k.show(Route{Kind: RouteNumbers})
		}},
	}
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			h := newHarness(t, sizes["1366x768"])
			sc.open(h)
			got := test.RenderToMarkup(h.win.Canvas())
			file := filepath.Join("testdata", "golden", sc.name+".xml")
			if *updateGolden {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("no golden copy (make golden writes it): %v", err)
			}
			if got != string(want) {
				failed := filepath.Join(t.TempDir(), sc.name+".xml")
				os.WriteFile(failed, []byte(got), 0o644)
				t.Errorf("%s differs from %s at line %d; the screen as drawn now is in %s. If the change is meant, run make golden and review the diff.",
					sc.name, file, firstDiffLine(string(want), got), failed)
			}
		})
	}
}

// firstDiffLine is the first line, from 1, where two texts differ.
func firstDiffLine(a, b string) int {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return i + 1
		}
	}
	return min(len(la), len(lb)) + 1
}
