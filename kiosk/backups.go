package kiosk

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Backups keeps a daily copy of the database in a folder, the newest Keep
// of them, named kiosk-YYYY-MM-DD.db by the day they were made.
type Backups struct {
	Store BackupStore
	Dir   string
	Keep  int
	Clock Clock
}

// DefaultKeep is how many daily backups are kept: two weeks.
const DefaultKeep = 14

const backupPrefix, backupExt = "kiosk-", ".db"

// Daily makes today's backup unless it exists, then removes the oldest
// beyond Keep. It returns the backup made, or "" when today's was there.
func (b *Backups) Daily(ctx context.Context) (string, error) {
	name := filepath.Join(b.Dir, backupPrefix+b.Clock.Now().Format("2006-01-02")+backupExt)
	made := ""
	if _, err := os.Stat(name); os.IsNotExist(err) {
		if err := b.Store.Backup(ctx, name); err != nil {
			return "", err
		}
		made = name
		if err := b.Store.Audit(ctx, AuditEntry{At: b.Clock.Now(), Action: AuditBackup, Detail: filepath.Base(name)}); err != nil {
			return made, err
		}
	}
	return made, b.prune()
}

// Now makes a backup at once (kiosk backup), named by the time.
func (b *Backups) Now(ctx context.Context) (string, error) {
	name := filepath.Join(b.Dir, backupPrefix+b.Clock.Now().Format("2006-01-02-150405")+backupExt)
	if err := b.Store.Backup(ctx, name); err != nil {
		return "", err
	}
	return name, b.Store.Audit(ctx, AuditEntry{At: b.Clock.Now(), Action: AuditBackup, Detail: filepath.Base(name)})
}

// List lists the backups, newest first.
func (b *Backups) List() ([]string, error) {
	entries, err := os.ReadDir(b.Dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, err
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, backupExt) {
			out = append(out, filepath.Join(b.Dir, n))
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(out))) // names sort by date
	return out, nil
}

func (b *Backups) prune() error {
	keep := b.Keep
	if keep <= 0 {
		keep = DefaultKeep
	}
	all, err := b.List()
	if err != nil {
		return err
	}
	for _, f := range all[min(keep, len(all)):] {
		if err := os.Remove(f); err != nil {
			return fmt.Errorf("remove old backup: %w", err)
		}
	}
	return nil
}
