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
//
// Reading and checking the lines runs beside the writing, a batch ahead,
// so that a kiosk's two cores share the work. A bad line stops the merge
// with the batches before it written and the one it is in not.
func MergeJSONL(ctx context.Context, st *store.Store, r io.Reader, progress func(int)) (MergeResult, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	const size = 5000
	full := make(chan []kiosk.Session, 1)
	read := make(chan error, 1)
	go func() {
		defer close(full)
		send := func(batch []kiosk.Session) error {
			select {
			case full <- batch:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		batch := make([]kiosk.Session, 0, size)
		// The same checks as the collector's: a record that breaks the
		// rules every kiosk keeps is refused with its line.
		err := fleet.ReadSessions(r, func(s kiosk.Session) error {
			if batch = append(batch, s); len(batch) < size {
				return ctx.Err()
			}
			err := send(batch)
			batch = make([]kiosk.Session, 0, size)
			return err
		})
		if err == nil && len(batch) > 0 {
			err = send(batch)
		}
		read <- err
	}()
	var res MergeResult
	staff := map[string]bool{}
	write := func(batch []kiosk.Session) error {
		for _, s := range batch {
			for _, id := range []string{s.StaffID, s.RecordedBy} {
				if !staff[id] {
					if err := st.EnsureStaff(ctx, id, "Cán bộ kiosk "+s.KioskID, s.Started); err != nil {
						return err
					}
					staff[id] = true
				}
			}
		}
		n, err := st.ImportSessions(ctx, batch)
		res.Read += len(batch)
		res.Added += n
		if progress != nil {
			progress(res.Read)
		}
		return err
	}
	var stop error
	for batch := range full {
		if stop == nil {
			if stop = write(batch); stop != nil {
				cancel() // the reader stops at its next batch
			}
		}
	}
	if err := <-read; stop == nil {
		stop = err
	}
	return res, stop
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
