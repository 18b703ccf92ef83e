package collector

import (
	"context"
	"io"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/fleet"
)

// ImportJSONL takes a kiosk's JSON Lines export (kiosk export --format
// jsonl), for an offline commune whose records come by USB. It reads it
// as kiosk merge does (fleet.ReadSessions), so the two take and refuse the
// same records, and stores each version once. It returns the sessions
// read and the versions that were new.
func (db *DB) ImportJSONL(ctx context.Context, r io.Reader) (read, added int, err error) {
	var batch fleet.Checked
	flush := func() error {
		ack, err := db.Ingest(ctx, batch, time.Now())
		added += ack.Sessions
		batch.Sessions = batch.Sessions[:0]
		return err
	}
	err = fleet.ReadSessions(r, func(s kiosk.Session) error {
		read++
		batch.Sessions = append(batch.Sessions, s)
		if len(batch.Sessions) >= fleet.MaxRecords {
			return flush()
		}
		return nil
	})
	if err == nil && len(batch.Sessions) > 0 {
		err = flush()
	}
	return read, added, err
}
