package report

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/fleet"
	"onestop/kiosk/store"
)

// ExportColumns are the columns of a sessions export, one row a session
// (its current version).
var ExportColumns = []string{"id", "version", "status", "kiosk_id", "site", "staff_id", "started", "ended",
	"duration_s", "procedures", "help", "outcome", "reason", "channel", "place", "consent", "groups",
	"rating", "note", "change_reason"}

// exportRecord is a session as it is exported: times in Vietnam's zone as
// RFC 3339 to the second, lists joined with "; " in CSV and kept as arrays
// in JSON. It is the record kiosks exchange (fleet.SessionRecord).
type exportRecord = fleet.SessionRecord

func toRecord(s kiosk.Session) exportRecord { return fleet.ExportSession(s) }

// ExportCSV writes the sessions started in [from, to) as CSV for Excel:
// UTF-8 with a byte-order mark (so Excel reads Vietnamese), and every cell
// that a spreadsheet would take for a formula made plain text. It streams:
// one session in memory at a time. progress, if not nil, is called with
// the number of rows written so far.
func ExportCSV(ctx context.Context, st *store.Store, w io.Writer, from, to time.Time, progress func(int)) (int, error) {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return 0, err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true // what Excel writes and expects
	if err := cw.Write(ExportColumns); err != nil {
		return 0, err
	}
	n := 0
	err := st.EachSession(ctx, from, to, func(s kiosk.Session) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		r := toRecord(s)
		row := []string{r.ID, strconv.Itoa(r.Version), r.Status, r.KioskID, r.Site, r.StaffID, r.Started, r.Ended,
			strconv.FormatInt(r.DurationS, 10), strings.Join(r.Procedures, "; "), strings.Join(r.Help, "; "),
			r.Outcome, r.Reason, r.Channel, r.Place, strconv.FormatBool(r.Consent), strings.Join(r.Groups, "; "),
			strconv.Itoa(r.Rating), r.Note, r.ChangeReason}
		for i := range row {
			row[i] = SafeCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
		n++
		if progress != nil && n%1000 == 0 {
			progress(n)
		}
		return nil
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	if err == nil {
		err = bw.Flush()
	}
	return n, err
}

// SafeCell neutralises a cell a spreadsheet would run as a formula (one
// that starts with =, +, -, @, a tab or a carriage return) by putting an
// apostrophe before it, which spreadsheets show as text.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// ExportJSONL writes the sessions started in [from, to) as JSON Lines, one
// session a line with every field, for machines (and for kiosk merge).
func ExportJSONL(ctx context.Context, st *store.Store, w io.Writer, from, to time.Time, progress func(int)) (int, error) {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n := 0
	err := st.EachSession(ctx, from, to, func(s kiosk.Session) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := enc.Encode(toRecord(s)); err != nil {
			return fmt.Errorf("session %s: %w", s.ID, err)
		}
		n++
		if progress != nil && n%1000 == 0 {
			progress(n)
		}
		return nil
	})
	if err == nil {
		err = bw.Flush()
	}
	return n, err
}
