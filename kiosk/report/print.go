package report

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// ErrNoPrinter says the machine has no default printer to send a report
// to: CUPS is not installed, or no queue is its default.
var ErrNoPrinter = errors.New("no default printer")

// DefaultPrinter is the name of CUPS's default queue (lpstat -d).
func DefaultPrinter() (string, error) {
	out, err := exec.Command("lpstat", "-d").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("%w: lpstat -d: %v: %s", ErrNoPrinter, err, strings.TrimSpace(string(out)))
	}
	// "system default destination: Office" (or "no system default destination").
	_, name, ok := strings.Cut(strings.TrimSpace(string(out)), "destination: ")
	if !ok || name == "" {
		return "", ErrNoPrinter
	}
	return name, nil
}

// PrintPDF sends a PDF to the default printer, A4, one copy.
func PrintPDF(file string) error {
	name, err := DefaultPrinter()
	if err != nil {
		return err
	}
	out, err := exec.Command("lp", "-d", name, "-o", "media=A4", "-n", "1", "-s", file).CombinedOutput()
	if err != nil {
		return fmt.Errorf("lp -d %s: %v: %s", name, err, strings.TrimSpace(string(out)))
	}
	return nil
}

// PreviewPDF draws each page of a PDF as a PNG in dir at dpi (poppler's
// pdftoppm) and returns the files in page order.
func PreviewPDF(file, dir string, dpi int) ([]string, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, err
	}
	prefix := filepath.Join(dir, "trang")
	old, _ := filepath.Glob(prefix + "*.png")
	for _, f := range old {
		os.Remove(f)
	}
	out, err := exec.Command("pdftoppm", "-png", "-r", fmt.Sprint(dpi), file, prefix).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("pdftoppm: %v: %s", err, strings.TrimSpace(string(out)))
	}
	pages, _ := filepath.Glob(prefix + "*.png")
	// trang-1.png … trang-10.png: by number, not by text.
	sort.Slice(pages, func(i, j int) bool {
		return len(pages[i]) < len(pages[j]) || (len(pages[i]) == len(pages[j]) && pages[i] < pages[j])
	})
	if len(pages) == 0 {
		return nil, errors.New("pdftoppm drew no page")
	}
	return pages, nil
}
