package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"onestop/kiosk"
	"onestop/kiosk/report"
)

// The numbers screen: an admin picks a period and a grouping and sees the
// table and a chart of the assisted sessions, and exports them to a USB
// stick (offered first) or the data folder.

// numbersPeriods and numbersGroupings are what the screen offers.
var (
	numbersPeriods   = []string{"this_month", "last_month", "this_quarter", "this_year", "custom"}
	numbersGroupings = []report.Dimension{report.ByProcedure, report.ByPlace, report.ByOutcome, report.ByHelp, report.ByGroup, report.ByMonth}
)

// numbersState is what the admin chose, kept while in staff mode.
type numbersState struct {
	period   string
	by       report.Dimension
	page     int
	exporter *exportJob
	status   *fyne.Container // shows the export's progress, updated alone

	// The days of period "custom": first and last, both included, at
	// midnight in Vietnam. The calendar's taps go to pickFirst and
	// pickLast (zero until tapped) and become the period only on "Xem số
	// liệu", so leaving the calendar half-picked changes nothing.
	first, last         time.Time
	pickFirst, pickLast time.Time
	month               time.Time // the month the calendar shows
}

// period turns a choice into dates, in Vietnam's time zone.
func (k *Kiosk) numbersPeriod(choice string) (time.Time, time.Time) {
	now := k.clock.Now().In(report.ReportZone)
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, report.ReportZone)
	switch choice {
	case "last_month":
		return month.AddDate(0, -1, 0), month
	case "this_quarter":
		q := time.Date(now.Year(), time.Month((int(now.Month())-1)/3*3+1), 1, 0, 0, 0, 0, report.ReportZone)
		return q, q.AddDate(0, 3, 0)
	case "this_year":
		y := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, report.ReportZone)
		return y, y.AddDate(1, 0, 0)
	case "custom":
		if ns := k.staff.numbers; ns != nil && !ns.last.IsZero() {
			return ns.first, ns.last.AddDate(0, 0, 1)
		}
	}
	return month, month.AddDate(0, 1, 0)
}

// keyName is how a tally key reads on screen.
func (k *Kiosk) keyName(d report.Dimension, key string) string {
	if key == "" { // recorded without one ("—" is kept for no data)
		return k.t("key_none")
	}
	switch d {
	case report.ByProcedure:
		if p, ok := k.pack.Procedure(key); ok {
			return p.Name
		}
	case report.ByOutcome:
		return k.t("outcome_" + key)
	case report.ByHelp:
		return k.t("help_" + key)
	case report.ByGroup:
		return k.t("group_" + key)
	}
	return key
}

// numbersChoice is what the admin chose on the numbers screen, from this
// month by procedure at first.
func (k *Kiosk) numbersChoice() *numbersState {
	if k.staff.numbers == nil {
		k.staff.numbers = &numbersState{period: "this_month", by: report.ByProcedure}
	}
	return k.staff.numbers
}

// numbersScreen shows the tally of the period and grouping chosen: the
// table, a chart and the visits of the same days, and the export.
type numbersScreen struct{ k *Kiosk }

func newNumbersScreen(k *Kiosk, _ string) screen { return &numbersScreen{k: k} }

func (s *numbersScreen) view() fyne.CanvasObject {
	k := s.k
	ns := k.numbersChoice()
	from, to := k.numbersPeriod(ns.period)
	rows, err := k.svc.Tallies.Sessions(context.Background(), from, to, ns.by)
	if err != nil {
		return k.staffFrame(k.t("numbers_title"), newText(k.storeError(err), textOpts{size: sizeBody}))
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Count > rows[j].Count })
	chip := func(label string, on bool, f func()) fyne.CanvasObject { return choiceTile(label, on, k.staffAct(f)) }
	choose := func(f func()) func() {
		return func() {
			f()
			ns.page = 0
			k.redraw()
		}
	}
	var periods, groupings []fyne.CanvasObject
	for _, p := range numbersPeriods {
		p := p
		if p == "custom" { // the calendar
			periods = append(periods, chip(k.periodName(p), ns.period == p, func() {
				ns.pickFirst, ns.pickLast, ns.month = ns.first, ns.last, time.Time{}
				if !ns.first.IsZero() {
					ns.month = time.Date(ns.first.Year(), ns.first.Month(), 1, 0, 0, 0, 0, report.ReportZone)
				}
				k.navigate(Route{Kind: RouteNumbersRange})
			}))
			continue
		}
		periods = append(periods, chip(k.t("period_"+p), ns.period == p, choose(func() { ns.period = p })))
	}
	for _, d := range numbersGroupings {
		d := d
		groupings = append(groupings, chip(k.t("chip_"+string(d)), ns.by == d, choose(func() { ns.by = d })))
	}

	// The table: the biggest first; "—" when the period has no record.
	var lines []fyne.CanvasObject
	if len(rows) == 0 {
		lines = append(lines, newText(k.t("numbers_none"), textOpts{size: sizeBody}))
	}
	total := 0
	for i, r := range rows {
		total += r.Count
		// Numbered as the chart's bars are.
		name := newText(fmt.Sprintf("%d. %s", i+1, k.keyName(ns.by, r.Keys[0])), textOpts{size: sizeBody, wrap: fyne.TextWrapWord})
		count := newText(report.Count(r.Count, true), textOpts{size: sizeBody, bold: true})
		lines = append(lines, container.NewBorder(nil, nil, nil, count, name))
	}
	var export fyne.CanvasObject = k.wideButton(theme.DownloadIcon(), k.t("numbers_export"), styleAccent, k.staffAct(func() { k.startExport(from, to) }))
	// A month, a quarter or a year has its report to sign.
	if p, ok := report.PeriodOf(from, to); ok && k.svc.Reports != nil {
		print := k.wideButton(theme.DocumentPrintIcon(), k.t("numbers_report"), styleTile, k.staffAct(func() { k.openReport(p) }))
		export = container.NewGridWithColumns(2, export, print)
	}
	status := container.NewVBox()
	if job := ns.exporter; job != nil {
		status.Add(job.view(k))
	}
	if line := k.syncLine(); line != "" {
		status.Add(newText(line, textOpts{size: sizeChrome, wrap: fyne.TextWrapWord}))
	}
	ns.status = status

	space := k.bodySpace(k.t("numbers_title"), "", nil)
	// Under the chart, the anonymous visits of the same days.
	visits := k.visitFigures(from, to)
	// In portrait the chart and the visits go under the table, at most
	// two fifths of the height; the choices take two rows.
	portrait := k.shape().portrait()
	chartSide := space.Width * 0.45
	for range 2 { // the text wraps more when the chart is narrower
		if portrait {
			chartSide = min(space.Width, space.Height*0.4-heightAt(visits, space.Width)-theme.Padding())
		} else {
			chartSide = min(space.Width*0.45, space.Height-heightAt(visits, chartSide)-theme.Padding())
		}
	}
	rowsOf := func(tiles []fyne.CanvasObject) fyne.CanvasObject {
		if portrait && len(tiles) > 3 {
			return container.NewGridWithColumns((len(tiles)+1)/2, tiles...)
		}
		return container.NewGridWithColumns(len(tiles), tiles...)
	}
	left := container.NewVBox(rowsOf(periods),
		container.NewBorder(nil, nil, vCenter(newText(k.t("numbers_by"), textOpts{size: sizeChrome, bold: true})), nil,
			rowsOf(groupings)))
	table := container.NewBorder(left, container.NewVBox(status, export), nil, nil, k.newPagedList(&ns.page, lines))

	var chart fyne.CanvasObject = container.NewVBox()
	if img := k.chartImage(rows, ns.by, int(chartSide)); img != nil {
		ci := canvas.NewImageFromImage(img)
		ci.FillMode = canvas.ImageFillContain
		ci.SetMinSize(fyne.NewSquareSize(chartSide))
		chart = ci
	}
	right := container.NewVBox(chart, visits)
	body := container.NewBorder(nil, nil, nil, container.New(&fixedWidthLayout{width: chartSide}, right), table)
	if portrait {
		body = container.NewBorder(nil, container.NewVBox(container.NewCenter(chart), visits), nil, nil, table)
	}
	title := k.tf("numbers_heading", k.periodName(ns.period), report.Count(total, len(rows) > 0))
	return k.staffFrame(title, body)
}

// syncLine says whether the records reached the province's collector,
// for a kiosk that sends them; "" for one whose records travel by USB.
func (k *Kiosk) syncLine() string {
	if k.svc.Sync == nil {
		return ""
	}
	s := k.svc.Sync()
	if !s.Configured {
		return ""
	}
	var line string
	if s.Last.IsZero() {
		line = k.t("sync_never")
	} else {
		line = k.tf("sync_last", s.Last.In(report.ReportZone).Format("15:04 02/01/2006"))
	}
	if s.Pending > 0 {
		line += k.tf("sync_waiting", s.Pending)
	}
	if s.Err != "" {
		line += k.t("sync_failed")
	}
	return line + "."
}

// visitFigures says, for the days of [from, to), how often residents used
// the kiosk on their own: visits, procedures viewed, QR codes shown,
// lessons finished ("—" where nothing was recorded).
func (k *Kiosk) visitFigures(from, to time.Time) fyne.CanvasObject {
	t := k.svc.Tallies
	var parts []string
	for _, m := range []report.VisitMeasure{report.VisitCount, report.ProceduresViewed, report.QRShown, report.LessonsFinished, report.HelpRequests, report.SlipsPrinted} {
		rows, err := t.Visits(context.Background(), m, from, to)
		if err != nil {
			return newText(k.storeError(err), textOpts{size: sizeChrome, wrap: fyne.TextWrapWord})
		}
		n := 0
		for _, r := range rows {
			n += r.Count
		}
		parts = append(parts, k.tf("visits_"+string(m), report.Count(n, len(rows) > 0)))
	}
	return newText(k.t("visits_heading")+" "+strings.Join(parts, " · "), textOpts{size: sizeChrome, color: colorMuted, wrap: fyne.TextWrapWord})
}

// periodName is how a period reads on its chip and in the heading: a
// chosen range shows its days.
func (k *Kiosk) periodName(p string) string {
	if ns := k.staff.numbers; p == "custom" && ns != nil && !ns.last.IsZero() {
		if ns.first.Equal(ns.last) {
			return ns.first.Format("02/01/2006")
		}
		return k.tf("period_range", ns.first.Format("02/01/2006"), ns.last.Format("02/01/2006"))
	}
	return k.t("period_" + p)
}

// numbersRangeScreen is a month of big day tiles: the first tap picks
// the first day, the second the last (either order); "Xem số liệu" shows
// the numbers of those days.
type numbersRangeScreen struct{ k *Kiosk }

func newNumbersRangeScreen(k *Kiosk, _ string) screen { return &numbersRangeScreen{k: k} }

func (s *numbersRangeScreen) view() fyne.CanvasObject {
	k := s.k
	ns := k.numbersChoice()
	today := k.clock.Now().In(report.ReportZone)
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, report.ReportZone)
	if ns.month.IsZero() {
		ns.month = time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, report.ReportZone)
	}
	redraw := k.redraw
	var cells, weekdays []fyne.CanvasObject
	for _, d := range []string{"T2", "T3", "T4", "T5", "T6", "T7", "CN"} {
		weekdays = append(weekdays, newText(d, textOpts{size: sizeChrome, bold: true, color: colorMuted, align: fyne.TextAlignCenter}))
	}
	lead := (int(ns.month.Weekday()) + 6) % 7 // Monday first
	for range lead {
		cells = append(cells, layout.NewSpacer())
	}
	for day := ns.month; day.Month() == ns.month.Month(); day = day.AddDate(0, 0, 1) {
		day := day
		chosen := !ns.pickFirst.IsZero() && (day.Equal(ns.pickFirst) || !ns.pickLast.IsZero() && !day.Before(ns.pickFirst) && !day.After(ns.pickLast))
		style, c := styleTile, colorTileText
		if chosen {
			style, c = styleAccent, colorAccentText
		}
		label := newText(strconv.Itoa(day.Day()), textOpts{size: sizeBody, bold: day.Equal(today), color: c, align: fyne.TextAlignCenter})
		cells = append(cells, newTile(vCenter(label), style, k.staffAct(func() {
			switch {
			case ns.pickFirst.IsZero() || !ns.pickLast.IsZero():
				ns.pickFirst, ns.pickLast = day, time.Time{}
			case day.Before(ns.pickFirst):
				ns.pickFirst, ns.pickLast = day, ns.pickFirst
			default:
				ns.pickLast = day
			}
			redraw()
		})))
	}
	for len(cells)%7 != 0 {
		cells = append(cells, layout.NewSpacer())
	}
	turn := func(months int) func() {
		return k.staffAct(func() {
			ns.month = ns.month.AddDate(0, months, 0)
			redraw()
		})
	}
	hint := k.t("range_first")
	switch {
	case !ns.pickLast.IsZero():
		hint = k.tf("range_chosen", ns.pickFirst.Format("02/01/2006"), ns.pickLast.Format("02/01/2006"))
	case !ns.pickFirst.IsZero():
		hint = k.tf("range_last", ns.pickFirst.Format("02/01/2006"))
	}
	show := k.wideButton(theme.ConfirmIcon(), k.t("range_show"), styleAccent, k.staffAct(func() {
		ns.first, ns.last = ns.pickFirst, ns.pickLast
		ns.period, ns.page = "custom", 0
		k.navigate(Route{Kind: RouteNumbers})
	}))
	show.disabled = ns.pickLast.IsZero()
	side := container.NewVBox(
		newText(k.tf("range_month", int(ns.month.Month()), ns.month.Year()), textOpts{size: sizeLead, bold: true}),
		k.wideButton(theme.NavigateBackIcon(), k.t("range_prev"), styleTile, turn(-1)),
		k.wideButton(theme.NavigateNextIcon(), k.t("range_next"), styleTile, turn(1)),
		newText(hint, textOpts{size: sizeBody, wrap: fyne.TextWrapWord}),
		show)
	calendar := container.NewBorder(container.NewGridWithColumns(7, weekdays...), nil, nil, nil, container.NewGridWithColumns(7, cells...))
	body := container.NewBorder(nil, nil, nil, container.New(&fixedWidthLayout{width: 320}, side), calendar)
	if k.shape().portrait() {
		body = container.NewBorder(nil, side, nil, nil, calendar)
	}
	return k.staffFrame(k.t("range_title"), body)
}

// chartImage draws the tally as a bar chart with gonum/plot
// (gonum.org/v1/plot: a maintained Go plotting library that renders to an
// image without cgo): the ten biggest rows, numbered as in the table.
func (k *Kiosk) chartImage(rows []report.Row, by report.Dimension, px int) image.Image {
	if len(rows) == 0 || px < 100 {
		return nil
	}
	n := min(len(rows), 10)
	values := make(plotter.Values, n)
	labels := make([]string, n)
	for i := range n {
		values[i] = float64(rows[i].Count)
		labels[i] = fmt.Sprint(i + 1)
	}
	p := plot.New()
	p.Title.Text = k.t("by_" + string(by))
	p.Title.TextStyle.Font.Size = vg.Points(20)
	p.Y.Label.Text = k.t("numbers_sessions")
	p.Y.Label.TextStyle.Font.Size = vg.Points(16)
	p.X.Tick.Label.Font.Size = vg.Points(16)
	p.Y.Tick.Label.Font.Size = vg.Points(14)
	p.Y.Tick.Marker = countTicks{}
	bars, err := plotter.NewBarChart(values, vg.Points(16))
	if err != nil {
		k.log.Print(err)
		return nil
	}
	bars.Color = color.NRGBA{0x0B, 0x3D, 0x91, 0xff}
	bars.LineStyle.Width = 0
	p.Add(bars)
	p.NominalX(labels...)
	c := vgimg.New(vg.Length(px)*vg.Inch/96, vg.Length(px)*vg.Inch/96)
	p.Draw(draw.New(c))
	return c.Image()
}

// countTicks marks a count axis with whole numbers only, written without
// decimals.
type countTicks struct{}

func (countTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(lo, hi) {
		if t.Value != math.Trunc(t.Value) {
			continue
		}
		if t.Label != "" {
			t.Label = strconv.FormatFloat(t.Value, 'f', 0, 64)
		}
		out = append(out, t)
	}
	return out
}

// exportJob is an export running in the background, with its progress.
type exportJob struct {
	cancel   context.CancelFunc
	done     int
	total    int
	dir      string
	err      error
	finished bool
	// progressed, when set, is called after each progress step (tests).
	progressed func(done int)
}

func (j *exportJob) view(k *Kiosk) fyne.CanvasObject {
	switch {
	case j.finished && errors.Is(j.err, context.Canceled):
		return newText(k.t("numbers_export_cancelled"), textOpts{size: sizeBody, wrap: fyne.TextWrapWord})
	case j.finished && j.err != nil:
		return newText(k.tf("numbers_export_failed", j.err), textOpts{size: sizeBody, wrap: fyne.TextWrapWord})
	case j.finished:
		return newText(k.tf("numbers_exported", j.dir), textOpts{size: sizeBody, wrap: fyne.TextWrapWord})
	}
	bar := newProgressBar()
	if j.total > 0 {
		bar.SetValue(float64(j.done) / float64(j.total))
	}
	stop := k.wideButton(theme.CancelIcon(), k.t("numbers_cancel"), styleTile, k.staffAct(func() { j.cancel() }))
	return container.NewVBox(newText(k.tf("numbers_exporting", j.done, j.total), textOpts{size: sizeBody}), bar, stop)
}

// exportDir is where an export goes: the first USB stick plugged in (a
// mount point under /media or /run/media, a removable drive letter on
// Windows), else DATA/exports.
func (k *Kiosk) exportDir() string {
	if sticks := k.usbDrives(); len(sticks) > 0 {
		return sticks[0]
	}
	if k.cacheDir != "" {
		return filepath.Join(filepath.Dir(filepath.Dir(k.cacheDir)), "exports")
	}
	return filepath.Join(os.TempDir(), "onestop-exports")
}

// startExport writes the period's sessions as CSV and XLSX in the
// background, showing progress; Hủy cancels it and leaves no half file.
// Only the status box is redrawn meanwhile, not the screen with its tally.
func (k *Kiosk) startExport(from, to time.Time) {
	ns := k.staff.numbers
	if ns.exporter != nil && !ns.exporter.finished {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	job := &exportJob{cancel: cancel, dir: k.exportDir()}
	ns.exporter = job
	ex := k.svc.Exporter
	job.total, _ = ex.Count(ctx, from, to)
	by := k.staff.member.ID
	onScreen := func() bool { return k.route.Kind == RouteNumbers && k.staff != nil && k.staff.numbers == ns }
	k.redraw() // the progress and Hủy appear
	k.background(func() {
		base, err := ex.Write(ctx, job.dir, from, to, func(done int) {
			fyne.Do(func() {
				job.done = done
				if ns.status != nil && onScreen() {
					ns.status.Objects = []fyne.CanvasObject{job.view(k)}
					k.refresh(ns.status)
				}
				if job.progressed != nil {
					job.progressed(job.done)
				}
			})
		})
		fyne.Do(func() {
			job.finished, job.err = true, err
			if err == nil && k.svc.Roster != nil {
				if err := k.svc.Roster.Log(context.Background(), by, kiosk.AuditExport, fmt.Sprintf(kiosk.DetailExportSaved, base, job.dir)); err != nil {
					k.log.Print(err)
				}
			}
			if onScreen() {
				k.redraw()
			}
		})
	})
}
