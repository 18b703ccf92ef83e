package kiosk

import (
	"errors"
	"io"
	"os"
)

// WriteFile writes a file whole or not at all: write fills a temporary
// file beside it, which is synced and renamed over the name (its folder
// synced too) only when write succeeded. An export cancelled or failed halfway leaves no half
// file where the admin expects a whole one.
func WriteFile(name string, write func(io.Writer) error) error {
	tmp := name + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	err = errors.Join(err, f.Close())
	if err == nil {
		err = RenameDurably(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
