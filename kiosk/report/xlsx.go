package report

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

// Sheet names of an XLSX export, in Vietnamese as its readers are.
const (
	SheetData    = "Phiên hỗ trợ"
	SheetSummary = "Tổng hợp"
)

// ErrTooManyRows means an XLSX export would pass Excel's last row.
var ErrTooManyRows = errors.New("too many sessions for one Excel sheet")

// xlsxRows is the rows a sheet holds (tests lower it).
var xlsxRows = excelize.TotalRows

// ExportXLSX writes the sessions started in [from, to) as an Excel
// workbook with excelize (github.com/xuri/excelize/v2, the maintained Go
// library that writes real XLSX with charts): a data sheet, one row a
// session, streamed so memory does not grow with the rows; and a summary
// sheet of sessions by month and outcome with a column chart. Times are
// real date cells in Vietnam's time; text cells are never formulas.
func ExportXLSX(ctx context.Context, st *store.Store, w io.Writer, from, to time.Time, progress func(int)) (int, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetData); err != nil {
		return 0, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return 0, err
	}
	dateFmt := "yyyy-mm-dd hh:mm"
	dates, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return 0, err
	}
	sw, err := f.NewStreamWriter(SheetData)
	if err != nil {
		return 0, err
	}
	head := make([]any, len(ExportColumns))
	for i, c := range ExportColumns {
		head[i] = excelize.Cell{StyleID: bold, Value: c}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return 0, err
	}
	// Excel has no time zones: a date cell holds Vietnam's wall time.
	wall := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		l := t.In(ReportZone)
		return excelize.Cell{StyleID: dates, Value: time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)}
	}
	n := 0
	err = st.EachSession(ctx, from, to, func(s kiosk.Session) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if n+2 > xlsxRows {
			return fmt.Errorf("%w: a sheet holds %d rows; export a shorter period, or as CSV", ErrTooManyRows, xlsxRows)
		}
		r := toRecord(s)
		row := []any{r.ID, r.Version, r.Status, r.KioskID, r.Site, r.StaffID, wall(s.Started), wall(s.Ended),
			r.DurationS, strings.Join(r.Procedures, "; "), strings.Join(r.Help, "; "), r.Outcome, r.Reason,
			r.Channel, r.Place, r.Consent, strings.Join(r.Groups, "; "), r.Rating, r.Note, r.ChangeReason}
		cell, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
		n++
		if progress != nil && n%1000 == 0 {
			progress(n)
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	if err := sw.Flush(); err != nil {
		return n, err
	}
	if err := summarySheet(ctx, f, st, from, to, bold); err != nil {
		return n, err
	}
	// excelize builds the whole zip in memory before writing it out (over
	// 300 MB for a million sessions); its zip writer hook sends the zip
	// straight to w instead, leaving that buffer empty. (What excelize then
	// fixes in the buffer only concerns parts over 4 GB, which a sheet of
	// 1 048 576 rows of sessions never reaches.)
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	return n, f.Write(io.Discard)
}

// summarySheet writes sessions by month and outcome, with a column chart.
func summarySheet(ctx context.Context, f *excelize.File, st *store.Store, from, to time.Time, bold int) error {
	if _, err := f.NewSheet(SheetSummary); err != nil {
		return err
	}
	rows, err := (&Tallies{Store: st}).Sessions(ctx, from, to, ByMonth, ByOutcome)
	if err != nil {
		return err
	}
	var months []string
	count := map[[2]string]int{}
	for _, r := range rows {
		if len(months) == 0 || months[len(months)-1] != r.Keys[0] {
			months = append(months, r.Keys[0])
		}
		count[[2]string{r.Keys[0], r.Keys[1]}] = r.Count
	}
	set := func(col, row int, v any) error {
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		return f.SetCellValue(SheetSummary, cell, v)
	}
	title := fmt.Sprintf("Phiên hỗ trợ từ %s đến %s", from.In(ReportZone).Format("02/01/2006"), to.In(ReportZone).AddDate(0, 0, -1).Format("02/01/2006"))
	if err := set(1, 1, title); err != nil {
		return err
	}
	for i, h := range []string{"Tháng", "Xong", "Chưa xong", "Tổng"} {
		if err := set(i+1, 3, h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(SheetSummary, "A1", "D3", bold); err != nil {
		return err
	}
	if len(months) == 0 {
		return set(1, 4, "Không có số liệu") // no data is not a count of nought
	}
	for i, m := range months {
		done, notDone := count[[2]string{m, kiosk.OutcomeDone}], count[[2]string{m, kiosk.OutcomeNotDone}]
		for j, v := range []any{m, done, notDone, done + notDone} {
			if err := set(j+1, i+4, v); err != nil {
				return err
			}
		}
	}
	last := len(months) + 3
	series := func(col, name string) excelize.ChartSeries {
		return excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$3", SheetSummary, col),
			Categories: fmt.Sprintf("'%s'!$A$4:$A$%d", SheetSummary, last),
			Values:     fmt.Sprintf("'%s'!$%s$4:$%s$%d", SheetSummary, col, col, last),
		}
	}
	return f.AddChart(SheetSummary, "F3", &excelize.Chart{
		Type:   excelize.Col,
		Series: []excelize.ChartSeries{series("B", "Xong"), series("C", "Chưa xong")},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Phiên hỗ trợ theo tháng"}}},
		Legend: excelize.ChartLegend{Position: "bottom"},
	})
}
