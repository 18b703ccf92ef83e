package sheet_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"onestop/assets"
	"onestop/kiosk/content"
	"onestop/kiosk/sheet"
)

// fonts are the faces the kiosk prints with.
var fonts = sheet.Fonts{Regular: assets.FontRegular(), Bold: assets.FontBold()}

func need(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: run scripts/deps.sh test", tool)
		}
	}
}

// The install sheet of the default pack is read back by real readers: it
// is A4, its words keep their Vietnamese marks, and every QR code printed
// on it decodes to the address of a target, every address of the pack
// once (VNeID's page is shown by many procedures and scanned once).
func TestInstallSheetReadsBack(t *testing.T) {
	need(t, "pdfinfo", "pdftotext", "pdftoppm", "zbarimg")
	p, err := content.Load(assets.Content(), "(embedded)")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	printed := time.Date(2026, 12, 2, 9, 0, 0, 0, time.Local)
	if err := sheet.Write(&b, p, "Xã Mẫu", printed, fonts); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "sheet.pdf")
	if err := os.WriteFile(pdf, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(name string, args ...string) string {
		t.Helper()
		out, err := exec.Command(name, args...).Output()
		if err != nil {
			t.Fatalf("%s %v: %v", name, args, err)
		}
		return string(out)
	}
	info := run("pdfinfo", pdf)
	if !strings.Contains(info, "595.28 x 841.89 pts (A4)") {
		t.Errorf("not A4:\n%s", info)
	}
	text := norm.NFC.String(run("pdftotext", "-layout", pdf, "-"))
	for _, want := range []string{"Phiếu kiểm tra mã QR khi lắp đặt", "1. Thủ tục 1.001193 Đăng ký khai sinh", "Phải mở: Trang của đúng thủ tục này", "in ngày 02/12/2026", "Cũng hiện ở: 2.002913, 1.004222"} {
		if !strings.Contains(text, want) {
			t.Errorf("the sheet does not read %q", want)
		}
	}

	run("pdftoppm", "-r", "200", "-png", pdf, filepath.Join(dir, "page"))
	pages, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if len(pages) == 0 {
		t.Fatal("pdftoppm drew no page")
	}
	var got []string
	for _, pg := range pages {
		out, err := exec.Command("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", pg).Output()
		if err != nil && len(out) == 0 {
			t.Fatalf("zbarimg %s: %v", pg, err)
		}
		got = append(got, strings.Fields(string(out))...)
	}
	var want []string
	for _, l := range p.Links() {
		if !slices.Contains(want, l.URL) {
			want = append(want, l.URL)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%d codes decoded from %d pages, %d targets in the pack:\ngot  %v\nwant %v", len(got), len(pages), len(want), got, want)
	}
}
