package app

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/report"
	"onestop/kiosk/slip"
)

// fakePrinter stands for the counter's receipt printer.
type fakePrinter struct {
	mu     sync.Mutex
	jobs   [][]byte
	broken error // every Print and Ready fails with it
}

func (p *fakePrinter) String() string { return "fake" }
func (p *fakePrinter) Ready() error   { p.mu.Lock(); defer p.mu.Unlock(); return p.broken }
func (p *fakePrinter) Print(b []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.broken != nil {
		return p.broken
	}
	p.jobs = append(p.jobs, b)
	return nil
}

// "In phiếu" is offered only with a printer that answers; a tap prints one
// slip, counted once in the visit and in the admin's numbers; a second tap
// prints nothing more.
func TestSlipPrintedOnce(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	h.tap("Chạm vào màn hình")
	h.k.navigate(Route{Kind: RouteProcedure, Arg: "1.001193"})
	if h.findTile(h.k.t("print_slip")) != nil {
		t.Fatal("In phiếu offered with no printer")
	}

	pr := &fakePrinter{}
	h.k.usePrinter(pr, slip.Dots58)
	h.k.redraw()
	h.tap(h.k.t("print_slip"))
	if len(pr.jobs) != 1 || len(pr.jobs[0]) < 1000 {
		t.Fatalf("%d jobs printed", len(pr.jobs))
	}
	if h.findTile(h.k.t("slip_printed")) == nil {
		t.Errorf("after printing the button reads: %s", h.screenText())
	}
	h.tap(h.k.t("slip_printed"))
	if len(pr.jobs) != 1 {
		t.Errorf("a second tap printed again: %d jobs", len(pr.jobs))
	}
	if n := count(h.visitEvents(), kiosk.EventSlip, "1.001193"); n != 1 {
		t.Errorf("%d slip events, want 1", n)
	}
	h.k.reset(kiosk.EndIdle)
	rows, err := (&report.Tallies{Store: h.store}).Visits(context.Background(), report.SlipsPrinted,
		h.clock.Now().Add(-24*time.Hour), h.clock.Now().Add(time.Hour))
	if err != nil || len(rows) != 1 || rows[0].Count != 1 {
		t.Errorf("slips printed in the numbers: %+v, %v", rows, err)
	}
}

// A printer that fails hides the button and tells staff, never the
// resident; once it answers again the next resident is offered it.
func TestSlipPrinterFailure(t *testing.T) {
	h := newHarness(t, sizes["1366x768"])
	pr := &fakePrinter{}
	h.k.usePrinter(pr, slip.Dots80)
	h.tap("Chạm vào màn hình")
	h.k.navigate(Route{Kind: RouteProcedure, Arg: "1.004222"})
	pr.broken = errors.New("out of paper")
	h.tap(h.k.t("print_slip"))
	if h.findTile(h.k.t("print_slip")) != nil || h.findTile(h.k.t("slip_printing")) != nil {
		t.Error("the button stays after the printer failed")
	}
	text := h.screenText()
	if strings.Contains(text, "paper") || strings.Contains(text, h.k.words["vi"]["printer_down"]) {
		t.Errorf("the resident is told of the printer: %s", text)
	}
	if n := count(h.visitEvents(), kiosk.EventSlip, ""); n != 0 {
		t.Errorf("a slip not printed was counted")
	}
	h.k.reset(kiosk.EndIdle)
	if !strings.Contains(h.screenText(), h.k.words["vi"]["printer_down"]) {
		t.Errorf("staff are not told on the poster screen: %s", h.screenText())
	}
	pr.broken = nil
	h.k.reset(kiosk.EndIdle) // the next visit's check finds it mended
	h.tap("Chạm vào màn hình")
	h.k.navigate(Route{Kind: RouteProcedure, Arg: "1.004222"})
	if h.findTile(h.k.t("print_slip")) == nil {
		t.Error("a mended printer is not offered again")
	}
}
