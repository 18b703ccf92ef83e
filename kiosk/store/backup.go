package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, file)
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
	if _, err := os.Stat(to); err == nil {
		keep := to + ".before-restore"
		os.Remove(keep)
		if err := os.Rename(to, keep); err != nil {
			return err
		}
	}
	// The old database's write-ahead log belongs to it, not to the backup.
	for _, ext := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(to + ext); err == nil {
			os.Rename(to+ext, to+".before-restore"+ext)
		}
	}
	return os.Rename(check, to)
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
