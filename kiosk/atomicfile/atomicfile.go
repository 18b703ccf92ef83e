// Package atomicfile writes a file whole or not at all: the bytes go to a
// temporary file beside it, are synced to the disk, and take the file's
// name in one rename, so a crash or a power cut leaves the old file or the
// new one, never half of either.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write writes b as the file name.
func Write(name string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename there is nothing left to remove
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
