package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"onestop/kiosk"
	"onestop/kiosk/report"
	"onestop/kiosk/store"
)

func runMerge(args []string) int {
	c := newCommand("merge", "Usage: kiosk merge [--data DIR] FILE...\n\nAdds the assisted sessions of other kiosks to this database, from their\nJSON Lines exports (kiosk export --format jsonl) or their database files\n(kiosk.db or a backup). Merging a file twice adds nothing; a newer version\nof a corrected session wins.\n")
	c.dataFlag("the data folder whose database receives the records (default: the user's data folder)")
	c.operands(1, -1, "FILE (or files) to merge")
	if code, ok := c.parse(args); !ok {
		return code
	}
	st, _, err := c.openStore()
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	ctx := context.Background()
	var progress func(int)
	if term.IsTerminal(int(os.Stderr.Fd())) {
		progress = func(n int) { fmt.Fprintf(os.Stderr, "\r%d sessions read…", n) }
	}
	for _, file := range c.fs.Args() {
		res, err := mergeFile(ctx, st, file, progress)
		if err != nil {
			fmt.Fprintf(os.Stderr, "\nkiosk merge: %s: %v\n", file, err)
			return 1
		}
		if progress != nil {
			fmt.Fprint(os.Stderr, "\r")
		}
		fmt.Printf("%s: %d sessions read, %d new versions added\n", file, res.Read, res.Added)
		st.Audit(ctx, kiosk.AuditEntry{At: time.Now(), Action: kiosk.AuditImport, Detail: fmt.Sprintf(kiosk.DetailMerged, filepath.Base(file), res.Read, res.Added)})
	}
	return 0
}

// mergeFile merges one JSON Lines export or database file.
func mergeFile(ctx context.Context, st *store.Store, file string, progress func(int)) (report.MergeResult, error) {
	if strings.EqualFold(filepath.Ext(file), ".jsonl") {
		f, err := os.Open(file)
		if err != nil {
			return report.MergeResult{}, err
		}
		defer f.Close()
		return report.MergeJSONL(ctx, st, f, progress)
	}
	tmp, err := os.MkdirTemp("", "kiosk-merge-")
	if err != nil {
		return report.MergeResult{}, err
	}
	defer os.RemoveAll(tmp)
	other, err := store.OpenCopy(file, tmp)
	if err != nil {
		return report.MergeResult{}, fmt.Errorf("not a kiosk database: %w", err)
	}
	defer other.Close()
	return report.MergeDatabase(ctx, st, other, progress)
}
