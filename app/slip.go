package app

import (
	"sync/atomic"

	"fyne.io/fyne/v2"

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
	if was != (err == nil) && k.cur != nil && k.route.Kind == RouteProcedure {
		k.redraw() // the button comes or goes
	}
}

// printSlip prints the slip of procedure p with the code of target t, off
// the UI thread, and calls done on it with whether it printed. A printed
// slip is counted in the visit's events. The slip is in Vietnamese, the
// language of the papers it lists.
func (k *Kiosk) printSlip(p content.Procedure, t content.Target, done func(ok bool)) {
	opens := k.words["vi"]["qr_opens_"+string(t.Kind)]
	if opens == "" {
		opens = k.words["vi"]["qr_caption"]
	}
	s := slip.ForProcedure(p, t, opens, k.pack.Settings, k.clock.Now())
	printer, dots := k.print.printer, k.print.dots
	fonts := slip.Fonts{Regular: assets.FontRegular(), Bold: assets.FontBold()}
	k.background(func() {
		img, err := slip.Render(s, dots, fonts)
		if err == nil {
			err = printer.Print(slip.ESCPOS(img))
		}
		fyne.Do(func() {
			if err == nil {
				k.visits.Record(kiosk.Event{Kind: kiosk.EventSlip, Screen: string(k.route.Kind), Procedure: p.Code, Detail: t.URL})
			} else {
				k.printerAnswered(err)
			}
			done(err == nil)
		})
	})
}
