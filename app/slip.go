package app

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"onestop/assets"
	"onestop/kiosk"
	"onestop/kiosk/content"
	"onestop/kiosk/slip"
)

// printing is the counter's receipt printer, when the settings name one.
// A printer that cannot print is hidden from residents; staff are told.
type printing struct {
	printer slip.Printer
	dots    int         // the paper's printable width
	ok      atomic.Bool // the printer answered the last check
}

// usePrinter takes the printer (nil: none) and asks it whether it can print.
func (k *Kiosk) usePrinter(p slip.Printer, dots int) {
	if dots == 0 {
		dots = slip.Dots80
	}
	k.print.printer, k.print.dots = p, dots
	k.print.ok.Store(false)
	k.checkPrinter()
}

// canPrint says whether "In phiếu" is offered.
func (k *Kiosk) canPrint() bool { return k.print.printer != nil && k.print.ok.Load() }

// checkPrinter asks the printer, off the UI thread, whether it can print.
func (k *Kiosk) checkPrinter() {
	p := k.print.printer
	if p == nil {
		return
	}
	k.background(func() {
		err := p.Ready()
		fyne.Do(func() { k.printerAnswered(err) })
	})
}

// printerAnswered takes the printer's state: a failure hides the button,
// is logged and shown to staff on the poster screen, never to a resident.
func (k *Kiosk) printerAnswered(err error) {
	was := k.print.ok.Load()
	k.print.ok.Store(err == nil)
	if err != nil && (was || k.printerNotice == "") {
		k.log.Printf("slip printer %s: %v", k.print.printer, err)
		k.printerNotice = k.words["vi"]["printer_down"]
	}
	if err == nil {
		k.printerNotice = ""
	}
	if was != (err == nil) && k.cur != nil && (k.route.Kind == RouteProcedure || k.route.Kind == RouteTutorial) {
		k.redraw() // the button comes or goes
	}
}

// printSlip prints the slip of procedure p with the code of target t, off
// the UI thread, and calls done on it with whether it printed. The slip is
// in Vietnamese, the language of the papers it lists.
func (k *Kiosk) printSlip(p content.Procedure, t content.Target, done func(ok bool)) {
	s := slip.ForProcedure(p, t, k.slipOpens(t), k.slipSite(), k.clock.Now())
	k.sendSlip(s, kiosk.Event{Kind: kiosk.EventSlip, Screen: string(k.route.Kind), Procedure: p.Code, Detail: t.URL}, done)
}

// printLessonSlip prints the steps of lesson l with the code of target t.
func (k *Kiosk) printLessonSlip(l content.Tutorial, t content.Target, done func(ok bool)) {
	s := slip.ForLesson(l, t, k.slipOpens(t), k.slipSite(), k.clock.Now())
	e := kiosk.Event{Kind: kiosk.EventSlip, Screen: string(k.route.Kind), Detail: t.URL}
	if len(l.Procedures) > 0 {
		e.Procedure = l.Procedures[0]
	}
	k.sendSlip(s, e, done)
}

// slipOpens says under a slip's code what it opens.
func (k *Kiosk) slipOpens(t content.Target) string {
	if opens := k.words["vi"]["qr_opens_"+string(t.Kind)]; opens != "" {
		return opens
	}
	return k.words["vi"]["qr_caption"]
}

// sendSlip draws and prints a slip off the UI thread; a printed slip is
// counted in the visit's events as e.
func (k *Kiosk) sendSlip(s slip.Slip, e kiosk.Event, done func(ok bool)) {
	printer, dots := k.print.printer, k.print.dots
	fonts := slip.Fonts{Regular: assets.FontRegular(), Bold: assets.FontBold()}
	k.background(func() {
		img, err := slip.Render(s, dots, fonts)
		if err == nil {
			err = printer.Print(slip.ESCPOS(img))
		}
		fyne.Do(func() {
			if err == nil {
				k.visits.Record(e)
			} else {
				k.printerAnswered(err)
			}
			done(err == nil)
		})
	})
}

// slipState is where the resident's slip is: one a screen's view.
type slipState int

const (
	slipNone slipState = iota
	slipPrinting
	slipPrinted
)

// slipButton is "In phiếu" beside a screen's QR codes, while the printer
// answers (or once printed, to say so); nil otherwise. print sends the
// slip and calls its argument with whether it printed; on is the screen
// the button belongs to, redrawn when the slip is done if still showing.
func (k *Kiosk) slipButton(state *slipState, on screen, print func(done func(ok bool))) *tile {
	if !k.canPrint() && *state != slipPrinted {
		return nil
	}
	label := map[slipState]string{slipNone: k.t("print_slip"), slipPrinting: k.t("slip_printing"), slipPrinted: k.t("slip_printed")}[*state]
	return k.tabButton(theme.DocumentPrintIcon(), label, func() {
		if *state != slipNone {
			return // one slip a view: a second tap while it prints, or after, prints nothing
		}
		*state = slipPrinting
		k.redraw()
		print(func(ok bool) {
			if ok {
				*state = slipPrinted
			} else {
				*state = slipNone // the button is gone with the printer
			}
			if k.cur == on {
				k.redraw()
			}
		})
	})
}
