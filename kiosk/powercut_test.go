package kiosk_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

// The power-cut test. A process killed keeps what it wrote in the
// operating system's page cache; a power cut loses that too, and keeps
// only what reached the disk. So here the database lives on an ext4 file
// system in a file mounted through a loop device: the file holds what the
// file system wrote down to its "disk", not what still sat in its cache.
// A writer records sessions, printing each version once its commit has
// returned; at a random moment it is frozen (SIGSTOP) and the disk image
// copied as it stands, as the power would be cut. The copy is mounted (ext4 replays its
// journal, as after a real cut), every version the writer reported must be
// in it and the database must pass integrity_check; the copy is then the
// disk the next round starts from. Needs root (mount); POWERCUT_CUTS sets
// the rounds (make test: 8; make crashtest: 60).
func TestPowerCutKeepsEveryCommittedRecord(t *testing.T) {
	if raceEnabled {
		t.Skip("a writer built with -race is too slow to crash meaningfully: make test runs this without it")
	}
	if os.Geteuid() != 0 {
		t.Skip("mounting a loop device needs root (make test runs as root on CI)")
	}
	cuts := 8
	if v, err := strconv.Atoi(os.Getenv("POWERCUT_CUTS")); err == nil && v > 0 {
		cuts = v
	}
	dir := t.TempDir()
	disk, mnt, check := filepath.Join(dir, "disk.img"), filepath.Join(dir, "mnt"), filepath.Join(dir, "check")
	for _, d := range []string{mnt, check} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	run := func(name string, args ...string) error {
		if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
			return fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, out)
		}
		return nil
	}
	if err := os.WriteFile(disk, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(disk, 96<<20); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mkfs.ext4", "-q", "-F", disk).CombinedOutput(); err != nil {
		t.Skipf("cannot make an ext4 file system here: %v %s", err, out)
	}
	mount := func(img, at string) error { return run("mount", "-o", "loop", img, at) }
	if err := mount(disk, mnt); err != nil {
		t.Skipf("cannot mount a loop device here: %v", err)
	}
	mounted := mnt
	t.Cleanup(func() {
		if mounted != "" {
			exec.Command("umount", "-l", mounted).Run()
		}
	})

	ctx := context.Background()
	file := filepath.Join(mnt, store.FileName)
	st, err := store.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddStaff(ctx, kiosk.Staff{Code: "crash", Name: "Crash", Role: kiosk.RoleStaff, PINHash: "-", Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := run("sync"); err != nil {
		t.Fatal(err)
	}

	claims := &writerClaims{said: map[string]int{}}
	for c := range cuts {
		cmd, done := startWriter(t, file, claims)
		time.Sleep(time.Duration(rand.IntN(500)+50) * time.Millisecond)
		// The power goes: the writer stops where it is and the disk is
		// copied as it stands.
		if err := cmd.Process.Signal(syscall.SIGSTOP); err != nil {
			t.Fatal(err)
		}
		cut := filepath.Join(dir, "cut.img")
		if err := snapshot(disk, cut); err != nil {
			t.Fatalf("cut %d: %v", c, err)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		<-done

		// The machine comes back with the disk as it was at the cut.
		if err := run("umount", mnt); err != nil {
			t.Fatalf("cut %d: umount: %v", c, err)
		}
		mounted = ""
		if err := os.Rename(cut, disk); err != nil {
			t.Fatal(err)
		}
		if err := mount(disk, mnt); err != nil {
			t.Fatalf("cut %d: the disk does not mount after the cut: %v", c, err)
		}
		mounted = mnt
		st, err := store.Open(file)
		if err != nil {
			t.Fatalf("cut %d: the database does not open: %v", c, err)
		}
		claims.check(t, st, fmt.Sprintf("cut %d", c))
		st.Close()
	}
	if len(claims.said) < cuts {
		t.Errorf("only %d sessions written in %d rounds: the writer hardly ran", len(claims.said), cuts)
	}
	t.Logf("%d power cuts, %d commits reported, %d sessions, all on the disk after each; integrity_check ok", cuts, claims.lines, len(claims.said))
}

// snapshot copies the disk image src to dst as it stands once it stands
// still. The writer is frozen, but the kernel may still be finishing what
// its last fsync started (ext4 checkpointing its journal): a copy read
// across such a write would mix two moments, a disk no power cut leaves.
// So the image is copied, then read again, until both readings agree.
// (Pages the writer never synced stay in the page cache: the kernel
// writes them back only after half a minute.)
func snapshot(src, dst string) error {
	for range 20 {
		sum, err := copyFile(src, dst)
		if err != nil {
			return err
		}
		again, err := copyFile(src, os.DevNull)
		if err != nil {
			return err
		}
		if bytes.Equal(sum, again) {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return errors.New("the disk image never stood still")
}

// copyFile copies src to dst and returns the SHA-256 of what it read.
func copyFile(src, dst string) ([]byte, error) {
	in, err := os.Open(src)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(out, h), in); err != nil {
		out.Close()
		return nil, err
	}
	return h.Sum(nil), out.Close()
}
