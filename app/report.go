package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk"
	"onestop/kiosk/report"
)

// reportState is the report screen's work: the period, the files made
// for it, their preview, and what was last done with them.
type reportState struct {
	period  report.ReportPeriod
	busy    bool
	made    report.Made
	pages   []string // the preview, a PNG a page
	err     error    // making the report failed
	preview error    // drawing the preview failed; the files are whole
	printer string   // the default printer; "" when there is none
	status  string   // what the last action did
}

// reportDevices are how the report screen reaches the machine: the
// default printer, printing, and drawing a preview. Tests replace them.
type reportDevices struct {
	defaultPrinter func() (string, error)
	print          func(file string) error
	preview        func(file, dir string, dpi int) ([]string, error)
}

var systemReportDevices = reportDevices{report.DefaultPrinter, report.PrintPDF, report.PreviewPDF}

// reportDir is where the report is made before it is printed or copied:
// DATA/cache/report.
func (k *Kiosk) reportDir() string {
	if k.reportsDir != "" {
		return k.reportsDir
	}
	if k.cacheDir != "" {
		return filepath.Join(filepath.Dir(k.cacheDir), "report")
	}
	return filepath.Join(os.TempDir(), "onestop-report")
}

// openReport makes the period's report in the background and shows its
// preview with "In" and "Lưu vào USB".
func (k *Kiosk) openReport(p report.ReportPeriod) {
	if k.staff == nil || k.svc.Reports == nil {
		return
	}
	rs := &reportState{period: p, busy: true}
	k.staff.report = rs
	k.navigate(Route{Kind: RouteReport})
	dir, dev, now := k.reportDir(), k.reportDevices, k.clock.Now()
	k.background(func() {
		made, err := k.svc.Reports.Make(context.Background(), dir, p, now)
		var pages []string
		var perr error
		printer := ""
		if err == nil {
			pages, perr = dev.preview(made.PDF, filepath.Join(dir, "preview"), 80)
			if name, err := dev.defaultPrinter(); err == nil {
				printer = name
			} else {
				k.log.Printf("report: %v", err)
			}
		}
		fyne.Do(func() {
			rs.busy, rs.made, rs.err, rs.pages, rs.preview, rs.printer = false, made, err, pages, perr, printer
			if perr != nil {
				k.log.Printf("report preview: %v", perr)
			}
			k.redrawReport(rs)
		})
	})
}

// redrawReport draws the report screen again if it still shows rs.
func (k *Kiosk) redrawReport(rs *reportState) {
	if k.route.Kind == RouteReport && k.staff != nil && k.staff.report == rs {
		k.redraw()
	}
}

type reportScreen struct{ k *Kiosk }

func newReportScreen(k *Kiosk, _ string) screen { return &reportScreen{k: k} }

func (s *reportScreen) view() fyne.CanvasObject {
	k := s.k
	say := func(msg string) fyne.CanvasObject {
		return newText(msg, textOpts{size: sizeBody, wrap: fyne.TextWrapWord})
	}
	var rs *reportState
	if k.staff != nil {
		rs = k.staff.report
	}
	switch {
	case rs == nil:
		return k.staffFrame(k.t("numbers_report"), say(k.t("report_none")))
	case rs.busy:
		return k.staffFrame(k.tf("report_title", rs.period.Name), say(k.t("report_making")))
	case rs.err != nil:
		return k.staffFrame(k.tf("report_title", rs.period.Name), say(k.tf("report_failed", rs.err)))
	}
	// The pages side by side in landscape, one above the other in
	// portrait, each as large as its share of the room.
	var pages []fyne.CanvasObject
	for _, f := range rs.pages {
		img := canvas.NewImageFromFile(f)
		img.FillMode = canvas.ImageFillContain
		img.ScaleMode = canvas.ImageScaleSmooth
		img.SetMinSize(fyne.NewSize(120, 170))
		pages = append(pages, img)
	}
	var preview fyne.CanvasObject
	switch {
	case len(pages) == 0:
		preview = say(k.tf("report_no_preview", rs.preview))
	case k.shape().portrait():
		preview = container.NewGridWithRows(len(pages), pages...)
	default:
		preview = container.NewGridWithColumns(len(pages), pages...)
	}
	var actions []fyne.CanvasObject
	if rs.printer != "" {
		actions = append(actions, k.wideButton(theme.DocumentPrintIcon(), k.tf("report_print", rs.printer), styleAccent, k.staffAct(func() { k.printReport(rs) })))
	}
	actions = append(actions, k.wideButton(theme.DownloadIcon(), k.t("report_save"), styleTile, k.staffAct(func() { k.saveReport(rs) })))
	lines := []fyne.CanvasObject{say(k.tf("report_made", rs.made.Sessions, report.FileBase(rs.period)))}
	if rs.printer == "" {
		lines = append(lines, say(k.t("report_no_printer")))
	}
	if rs.status != "" {
		lines = append(lines, newText(rs.status, textOpts{size: sizeBody, bold: true, wrap: fyne.TextWrapWord}))
	}
	foot := container.NewVBox(append(lines, container.NewGridWithColumns(len(actions), actions...))...)
	return k.staffFrame(k.tf("report_title", rs.period.Name), container.NewBorder(nil, foot, nil, nil, preview))
}

// printReport sends the report's PDF to the default printer and says so.
func (k *Kiosk) printReport(rs *reportState) {
	by, print, file := k.staff.member.ID, k.reportDevices.print, rs.made.PDF
	rs.status = k.t("report_printing")
	k.redrawReport(rs)
	k.background(func() {
		err := print(file)
		fyne.Do(func() {
			if err != nil {
				k.log.Printf("report print: %v", err)
				rs.status = k.tf("report_print_failed", err)
			} else {
				rs.status = k.tf("report_printed", rs.printer)
				k.auditReport(by, fmt.Sprintf(kiosk.DetailReportPrinted, rs.period.Name, filepath.Base(file), rs.printer))
			}
			k.redrawReport(rs)
		})
	})
}

// saveReport copies the report's PDF and XLSX to the first USB stick (or
// DATA/exports) and says where.
func (k *Kiosk) saveReport(rs *reportState) {
	dir := k.exportDir()
	if err := os.MkdirAll(dir, 0o750); err != nil {
		rs.status = k.tf("report_save_failed", err)
	} else if err := rs.made.CopyTo(dir); err != nil {
		rs.status = k.tf("report_save_failed", err)
	} else {
		rs.status = k.tf("report_saved", dir)
		k.auditReport(k.staff.member.ID, fmt.Sprintf(kiosk.DetailReportSaved, rs.period.Name, report.FileBase(rs.period), dir))
	}
	k.redrawReport(rs)
}

func (k *Kiosk) auditReport(by, detail string) {
	if k.svc.Roster == nil {
		return
	}
	if err := k.svc.Roster.Log(context.Background(), by, kiosk.AuditExport, detail); err != nil {
		k.log.Print(err)
	}
}
