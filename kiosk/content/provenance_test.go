package content

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// editProcedure replaces old with new in the pack's procedures.json.
func editProcedure(t *testing.T, fsys fstest.MapFS, old, new string) {
	t.Helper()
	s := string(fsys[ProceduresFile].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%q is not in the test pack", old)
	}
	fsys[ProceduresFile].Data = []byte(strings.Replace(s, old, new, 1))
}

// problemsOf loads a pack that must be refused and gives its problems as
// "entry field: message".
func problemsOf(t *testing.T, fsys fstest.MapFS) []string {
	t.Helper()
	_, err := Load(fsys, "test")
	var cerr *Error
	if !errors.As(err, &cerr) {
		t.Fatalf("want the pack refused, got %v", err)
	}
	var out []string
	for _, p := range cerr.Problems {
		out = append(out, p.Entry+" "+p.Field+": "+p.Msg)
	}
	return out
}

func strs(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Entry+" "+p.Field+": "+p.Msg)
	}
	return out
}

const pageURL = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"

// The pack says where each procedure's facts come from and when they were
// checked; content check warns, without refusing, about what is stale or
// vague, and refuses what is malformed.
func TestProvenanceWarnings(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	p, err := Load(validPack(), "test")
	if err != nil {
		t.Fatal(err)
	}
	if w := p.Warnings(day("2026-12-01")); len(w) != 0 {
		t.Errorf("a sourced, checked pack warns: %v", strs(w))
	}
	if pr, _ := p.Procedure("1.001193"); pr.Source != "Quyết định 1234/QĐ-BTP" || pr.FormalityID != "019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7" || pr.QR[0].Kind != KindProcedurePage {
		t.Errorf("fields not read: %+v", pr)
	}
	// Checked 2026-11-20: fresh until 12 months later, stale after; a date
	// still to come is a mistake.
	for _, c := range []struct {
		now, want string
	}{
		{"2027-11-19", ""},
		{"2027-11-21", "procedure 1.001193 checked: last checked on 2026-11-20, over 12 months ago"},
		{"2026-11-19", "procedure 1.001193 checked: 2026-11-20 is a date still to come"},
	} {
		got := strings.Join(strs(p.Warnings(day(c.now))), "\n")
		if c.want == "" && got != "" || !strings.HasPrefix(got, c.want) {
			t.Errorf("on %s: warnings %q, want %q", c.now, got, c.want)
		}
	}

	// No source, no date, no kind, a search where the page is known: four
	// warnings, and the pack still loads.
	fsys := validPack()
	editProcedure(t, fsys, `"source": "Quyết định 1234/QĐ-BTP", "checked": "2026-11-20", `, "")
	editProcedure(t, fsys, `"kind": "procedure_page", "url": "`+pageURL+`"`, `"url": "`+pageURL+`"}, {"label": "Tìm", "kind": "search", "url": "https://dichvucong.gov.vn/tim-kiem-thu-tuc-hanh-chinh?keyword=1.001193"`)
	p, err = Load(fsys, "test")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"procedure 1.001193 qr[0].kind: does not say what the code opens",
		"procedure 1.001193 source: names no source",
		"procedure 1.001193 checked: no date says when",
		"procedure 1.001193 qr[1]: a search, although the procedure's own page is known: use " + pageURL,
	}
	got := strs(p.Warnings(day("2026-12-01")))
	if len(got) != len(want) {
		t.Fatalf("warnings:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d = %q, want %q…", i, got[i], want[i])
		}
	}

	// Refused: a kind the kiosk does not know, a date it cannot read, an
	// id that is not the portal's, and a "page" of another procedure.
	for _, c := range []struct{ old, new, want string }{
		{`"kind": "procedure_page"`, `"kind": "web"`, `qr[0].kind: should be "procedure_page", "submit", "search", "app" or "home", got "web"`},
		{`"checked": "2026-11-20"`, `"checked": "20/11/2026"`, `checked: should be a date like 2026-10-01`},
		{`"formality_id": "019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"`, `"formality_id": "1.001193"`, `formality_id: should be the portal's id`},
		{`"formality_id": "019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"`, `"formality_id": "019d2bfd-3fac-7489-b53b-a15eb239a6fe"`, `qr[0].url: a procedure page that is not this procedure's`},
	} {
		fsys := validPack()
		editProcedure(t, fsys, c.old, c.new)
		got := problemsOf(t, fsys)
		if len(got) != 1 || !strings.Contains(got[0], c.want) {
			t.Errorf("%s: problems %q, want one with %q", c.new, got, c.want)
		}
	}
}

// A pack cannot hide a picture too big to hold in memory in a small file,
// nor an address too long for a QR code a phone can read on the screen.
func TestHostilePacksRefused(t *testing.T) {
	fsys := validPack()
	fsys["images/big.png"] = &fstest.MapFile{Data: pngClaiming(t, 20000, 20000)}
	fsys["images/ok.png"] = &fstest.MapFile{Data: pngClaiming(t, 3840, 2160)}
	fsys[PostersFile].Data = []byte(`[{"id": "p1", "headline": "Quét mã QR", "text": "Làm trên điện thoại.", "image": "images/big.png"},
		{"id": "p2", "headline": "Quét mã QR", "text": "Làm trên điện thoại.", "image": "images/ok.png"}]`)
	long := "https://dichvucong.gov.vn/tim-kiem-thu-tuc-hanh-chinh?keyword=" + strings.Repeat("a", 5000)
	editProcedure(t, fsys, `"kind": "procedure_page", "url": "`+pageURL+`"`, `"kind": "procedure_page", "url": "`+pageURL+`"}, {"label": "Dài", "kind": "search", "url": "`+long+`"`)
	got := problemsOf(t, fsys)
	want := []string{
		"procedure 1.001193 qr[1].url: the address is too long for a QR code a phone reads on the kiosk's screen",
		"poster p1 image: images/big.png is 20000×20000 pixels: a picture may have at most 8294400",
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want %q…", i, got[i], want[i])
		}
	}
	// The longest address that still fits, and one over it.
	for n, ok := range map[int]bool{412: true, 413: false} {
		_, err := QR("https://dichvucong.gov.vn/" + strings.Repeat("x", n-len("https://dichvucong.gov.vn/")))
		if (err == nil) != ok {
			t.Errorf("a %d-byte address: %v", n, err)
		}
	}
}

// pngClaiming is a 1×1 PNG whose header claims w×h pixels: what a reader
// sees before it decodes anything.
func pngClaiming(t *testing.T, w, h uint32) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	out := b.Bytes()
	// 8-byte signature, then IHDR: length(4) type(4) width(4) height(4)...
	binary.BigEndian.PutUint32(out[16:], w)
	binary.BigEndian.PutUint32(out[20:], h)
	binary.BigEndian.PutUint32(out[29:], crc32.ChecksumIEEE(out[12:29]))
	return out
}
