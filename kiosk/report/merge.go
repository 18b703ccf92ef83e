package report

import (
	"context"
	"io"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/fleet"
	"onestop/kiosk/store"
)

// MergeResult says what a merge did.
type MergeResult struct {
	Read  int // session records read
	Added int // versions not there before
}

// MergeJSONL adds the sessions of a JSON Lines export (kiosk export
// --format jsonl) from another kiosk. It is idempotent: a version already
// there is skipped, so merging a file twice adds nothing, and a newer
// version of a corrected session becomes the current one. kiosk.Staff members
// unknown here are added disabled, with no PIN.
func MergeJSONL(ctx context.Context, st *store.Store, r io.Reader, progress func(int)) (MergeResult, error) {
	var res MergeResult
	var batch []kiosk.Session
	staff := map[string]bool{}
	flush := func() error {
		n, err := st.ImportSessions(ctx, batch)
		res.Added += n
		batch = batch[:0]
		if progress != nil {
			progress(res.Read)
		}
		return err
	}
	// The same checks as the collector's: a record that breaks the rules
	// every kiosk keeps is refused with its line.
	err := fleet.ReadSessions(r, func(s kiosk.Session) error {
		for _, id := range []string{s.StaffID, s.RecordedBy} {
			if !staff[id] {
				if err := st.EnsureStaff(ctx, id, "Cán bộ kiosk "+s.KioskID, s.Started); err != nil {
					return err
				}
				staff[id] = true
			}
		}
		res.Read++
		batch = append(batch, s)
		if len(batch) >= 5000 {
			if err := flush(); err != nil {
				return err
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return res, err
	}
	if len(batch) > 0 {
		return res, flush()
	}
	return res, nil
}

// MergeDatabase adds the sessions of another kiosk's database file, as
// MergeJSONL does: the current version of each.
func MergeDatabase(ctx context.Context, st *store.Store, other *store.Store, progress func(int)) (MergeResult, error) {
	pr, pw := io.Pipe()
	go func() {
		_, err := ExportJSONL(ctx, other, pw, time.Unix(0, 0), time.Now().AddDate(100, 0, 0), nil)
		pw.CloseWithError(err)
	}()
	res, err := MergeJSONL(ctx, st, pr, progress)
	pr.CloseWithError(err) // a merge that stopped early lets the export stop too
	return res, err
}
