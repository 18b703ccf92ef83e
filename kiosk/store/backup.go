package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"onestop/kiosk"
)

// Backup writes a consistent copy of the database to file while the kiosk
// keeps running (VACUUM INTO: one read transaction, so a record committed
// meanwhile is either wholly in the copy or not at all). The copy is
// written under a temporary name and renamed, so a backup folder never
// holds half a backup.
func (s *Store) Backup(ctx context.Context, file string) error {
	if _, err := os.Stat(file); err == nil {
		return fmt.Errorf("backup %s already exists", file)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o750); err != nil {
		return err
	}
	tmp := file + ".part"
	os.Remove(tmp)
	// A connection of its own: the copy takes seconds on a big database,
	// and the writer's connection must stay free for the residents' visits.
	conn, err := sql.Open("sqlite3", "file:"+s.file+"?_busy_timeout=5000")
	if err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "VACUUM INTO ?", tmp)
	conn.Close()
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	return kiosk.RenameDurably(tmp, file)
}

// Restore replaces the database file to with the backup from, after
// checking that the backup opens, passes integrity_check and has a schema
// this program knows. The kiosk must not be running. The database being
// replaced is kept beside it as to + ".before-restore".
func Restore(ctx context.Context, from, to string) error {
	// Check a copy: opening a file runs the migrations, and the backup
	// itself must stay as it was.
	check := to + ".restoring"
	os.Remove(check)
	if err := copyFile(from, check); err != nil {
		return fmt.Errorf("read the backup: %w", err)
	}
	b, err := Open(check)
	if err != nil {
		os.Remove(check)
		return fmt.Errorf("the backup %s cannot be used: %w", from, err)
	}
	err = b.Integrity(ctx)
	b.Close()
	os.Remove(check + "-wal")
	os.Remove(check + "-shm")
	if err != nil {
		os.Remove(check)
		return fmt.Errorf("the backup %s is damaged: %w", from, err)
	}
	if err := syncFile(check); err != nil {
		return err
	}
	// At every step there is a whole database at to, the old or the new:
	// the old one's log is first folded into it (or, if it cannot be
	// opened, moved aside: it belongs to it, not to the backup), the old
	// file is kept by a second name, and the backup replaces it in one
	// rename.
	keep := to + ".before-restore"
	if _, err := os.Stat(to); err == nil {
		if old, err := sql.Open("sqlite3", "file:"+to); err == nil {
			old.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
			old.Close()
		}
		for _, ext := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(to + ext); err == nil {
				os.Remove(keep + ext)
				if err := kiosk.RenameDurably(to+ext, keep+ext); err != nil {
					return err
				}
			}
		}
		os.Remove(keep)
		if err := os.Link(to, keep); err != nil {
			if err := copyFile(to, keep); err != nil {
				return fmt.Errorf("keep the database being replaced: %w", err)
			}
		}
	}
	return kiosk.RenameDurably(check, to)
}

// OpenCopy opens a copy of another database file, made in dir: opening
// brings a schema up to date, and the original (another kiosk's database,
// a backup on a USB stick) must stay as it was. The copy is streamed, so a
// large file does not pass through memory.
func OpenCopy(file, dir string) (*Store, error) {
	to := filepath.Join(dir, FileName)
	if err := copyFile(file, to); err != nil {
		return nil, err
	}
	// Records not yet folded into the file are in its write-ahead log
	// (a kiosk stopped by a power cut, a copy taken while it ran).
	if err := copyFile(file+"-wal", to+"-wal"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	return Open(to)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}
