package content

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>`

// validPack is the smallest pack that passes; tests break one thing at a time.
func validPack() fstest.MapFS {
	return fstest.MapFS{
		SettingsFile: {Data: []byte(`{"site_name": "Điểm hướng dẫn", "commune": "Xã Mẫu", "site_kind": "commune_counter", "kiosk_id": "K1"}`)},
		CategoriesFile: {Data: []byte(`[{"id": "ho-tich", "name": {"vi": "Hộ tịch", "en": "Civil status"},
			"description": "Khai sinh, kết hôn", "icon": "icons/a.svg"}]`)},
		ProceduresFile: {Data: []byte(`[{"code": "1.001193", "name": "Đăng ký khai sinh", "category": "ho-tich",
			"level": "xa", "agency": "UBND xã", "online": "toan-trinh", "summary": "Làm giấy khai sinh cho trẻ.",
			"papers": ["Giấy chứng sinh"], "fee": "Miễn lệ phí", "time": "Trong ngày", "where": "UBND xã",
			"keywords": ["giấy khai sinh"],
			"source": "Quyết định 1234/QĐ-BTP", "checked": "2026-11-20", "formality_id": "019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7",
			"qr": [{"label": "Cổng Dịch vụ công quốc gia", "kind": "procedure_page", "url": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"}]}]`)},
		TutorialsFile: {Data: []byte(`[{"id": "vneid", "title": "Tài khoản VNeID", "summary": "Đăng ký VNeID.",
			"icon": "icons/a.svg", "procedures": ["1.001193"], "qr": [{"label": "VNeID", "kind": "app", "url": "https://vneid.gov.vn"}],
			"steps": [
				{"image": "images/p.svg", "caption": "Tải ứng dụng VNeID", "narration": "audio/1.mp3"},
				{"image": "images/a.gif", "caption": "Mở ứng dụng\nBấm Đăng ký", "text": "Làm theo từng bước.", "seconds": 6}
			]}]`)},
		PostersFile: {Data: []byte(`[{"id": "p1", "headline": "Quét mã QR", "text": "Làm trên điện thoại.", "image": "images/p.svg"},
			{"id": "p2", "headline": "Ngày chuyển đổi số", "text": "Tháng 10.", "image": "images/p.svg", "from": "2026-10-01", "to": "2026-10-31"},
			{"id": "p3", "tutorial": "vneid", "preview_steps": 2, "hours": "08:00-11:30"}]`)},
		"icons/a.svg":  {Data: []byte(svg)},
		"images/p.svg": {Data: []byte(svg)},
		"images/a.gif": {Data: gif1x1},
		"audio/1.mp3":  {Data: tone},
	}
}

// tone is 2 s of sound (MPEG-1, 32 kHz); gif1x1 is the smallest GIF.
var (
	tone, _ = os.ReadFile("../sound/mp3/testdata/tone-440hz-2s.mp3")
	gif1x1  = []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x00;")
)

func TestLoadValid(t *testing.T) {
	p, err := Load(validPack(), "test")
	if err != nil {
		t.Fatal(err)
	}
	if p.Settings.IdleSeconds != DefaultIdleSeconds || p.Settings.MinTextPx != DefaultMinTextPx {
		t.Errorf("defaults not applied: %+v", p.Settings)
	}
	pr, ok := p.Procedure("1.001193")
	if !ok || pr.Name != "Đăng ký khai sinh" {
		t.Fatalf("procedure lookup: %v %+v", ok, pr)
	}
	if c, _ := p.Category("ho-tich"); c.Name.In("en") != "Civil status" || c.Description.In("en") != "Khai sinh, kết hôn" {
		t.Errorf("text languages: %+v", c)
	}
	tu, ok := p.Tutorial("vneid")
	if !ok || tu.Title.VI != "Tài khoản VNeID" {
		t.Fatalf("plain string text: %v %+v", ok, tu.Title)
	}
	// The narrated step lasts its narration and a pause; the other its seconds.
	if d := tu.Steps[0].Duration(); d < 2*time.Second+NarrationPause || d > 2100*time.Millisecond+NarrationPause {
		t.Errorf("narrated step lasts %v, want about 2 s + %v", d, NarrationPause)
	}
	if d := tu.Steps[1].Duration(); d != 6*time.Second {
		t.Errorf("silent step lasts %v, want 6s", d)
	}
	if got := tu.Steps[1].Spoken(); got != "Mở ứng dụng Bấm Đăng ký Làm theo từng bước." {
		t.Errorf("spoken text %q", got)
	}
	if n := len(p.TutorialsFor("1.001193")); n != 1 {
		t.Errorf("tutorials for 1.001193: %d, want 1", n)
	}
	end := p.EndTargets(tu)
	if len(end) != 2 || end[0].URL != "https://vneid.gov.vn" || end[1].URL != pr.QR[0].URL {
		t.Errorf("end targets: %+v", end)
	}
	if n := len(p.Links()); n != 2 {
		t.Errorf("links: %d, want 2", n)
	}
	// The loop by date and hour: p1 always, p2 in October, p3 (a preview of
	// two steps) from 08:00 to 11:30.
	slides := func(at time.Time) string {
		var ids []string
		for _, s := range p.SlidesAt(at) {
			id := s.Poster
			if s.Tutorial != "" {
				id += fmt.Sprintf("/%s#%d", s.Tutorial, s.Step+1)
			}
			ids = append(ids, id)
		}
		return strings.Join(ids, " ")
	}
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 9, 30, 12, 0, 0, 0, time.Local), "p1"},
		{time.Date(2026, 10, 1, 0, 0, 0, 0, time.Local), "p1 p2"},
		{time.Date(2026, 10, 31, 23, 59, 0, 0, time.Local), "p1 p2"},
		{time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local), "p1 p3/vneid#1 p3/vneid#2"},
		{time.Date(2026, 10, 10, 7, 59, 0, 0, time.Local), "p1 p2"},
		{time.Date(2026, 10, 10, 8, 0, 0, 0, time.Local), "p1 p2 p3/vneid#1 p3/vneid#2"},
		{time.Date(2026, 10, 10, 11, 29, 0, 0, time.Local), "p1 p2 p3/vneid#1 p3/vneid#2"},
		{time.Date(2026, 10, 10, 11, 30, 0, 0, time.Local), "p1 p2"},
	} {
		if got := slides(c.at); got != c.want {
			t.Errorf("slides at %s: %q, want %q", c.at.Format("2006-01-02 15:04"), got, c.want)
		}
	}
	pre := p.SlidesAt(time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local))[2]
	if pre.Headline != "Tài khoản VNeID" || pre.Text != tu.Steps[1].Caption || pre.Image != tu.Steps[1].Image {
		t.Errorf("preview slide %+v", pre)
	}
}

func TestLoadRefuses(t *testing.T) {
	tests := []struct {
		name string
		file string
		old  string
		new  string
		want string // the problem's text must contain this
	}{
		{"look-alike host", ProceduresFile, "https://dichvucong.gov.vn/", "https://dichvucong.gov.vn.example.com/",
			`procedures.json: procedure 1.001193: qr[0].url: host "dichvucong.gov.vn.example.com" is not allowed`},
		{"user info", ProceduresFile, "https://dichvucong.gov.vn/", "https://gov.vn@example.com/", "must not carry a user name"},
		{"plain http", TutorialsFile, "https://vneid.gov.vn", "http://vneid.gov.vn", "tutorials.json: tutorial vneid: qr[0].url"},
		{"host without dot", TutorialsFile, "https://vneid.gov.vn", "https://xgov.vn", `host "xgov.vn" is not allowed`},
		{"bad code", ProceduresFile, `"1.001193"`, `"1001193"`, "procedure 1001193: code: should look like 1.001193"},
		{"unknown category", ProceduresFile, `"category": "ho-tich"`, `"category": "ho-tịch"`, `category: "ho-tịch" is not a category`},
		{"empty name", ProceduresFile, `"name": "Đăng ký khai sinh"`, `"name": " "`, "name: missing"},
		{"no english-only", CategoriesFile, `{"vi": "Hộ tịch", "en": "Civil status"}`, `{"en": "Civil status"}`, "category ho-tich: name: missing"},
		{"decomposed marks", ProceduresFile, "Đăng ký khai sinh", "Đăng ky\u0301 khai sinh", "composed (NFC)"},
		{"bad level", ProceduresFile, `"level": "xa"`, `"level": "huyen"`, `level: should be "xa", "tinh" or "nganh-doc"`},
		{"no papers", ProceduresFile, `["Giấy chứng sinh"]`, `[]`, "papers: empty"},
		{"path escapes", CategoriesFile, "icons/a.svg", "../secret.svg", `icon: "../secret.svg" is not a path inside the pack`},
		{"missing image", PostersFile, `"images/p.svg", "from"`, `"images/none.svg", "from"`, "poster p2: image: cannot read images/none.svg"},
		{"unreadable image", CategoriesFile, "icons/a.svg", "images/bad.png", "not a readable image"},
		{"bad date", PostersFile, `"2026-10-31"`, `"31/10/2026"`, `poster p2: to: should be a date`},
		{"misspelt field", SettingsFile, `"kiosk_id"`, `"kiosk_ld"`, `kiosk.json: invalid: json: unknown field "kiosk_ld"`},
		{"syntax error", ProceduresFile, `"fee": "Miễn lệ phí",`, `"fee": "Miễn lệ phí"`, "procedures.json: line 3: invalid JSON"},
		{"bad idle", SettingsFile, `"kiosk_id": "K1"`, `"kiosk_id": "K1", "idle_timeout_seconds": 2`, "idle_timeout_seconds: should be between 15 and 3600"},
		{"bad site kind", SettingsFile, "commune_counter", "shop", "site_kind"},
		{"tutorial: missing step image", TutorialsFile, "images/a.gif", "images/none.gif", "tutorial vneid: steps[1].image: cannot read images/none.gif"},
		{"tutorial: unreadable step image", TutorialsFile, "images/a.gif", "images/bad.png", "tutorial vneid: steps[1].image: images/bad.png is not a readable image"},
		{"tutorial: empty caption", TutorialsFile, `"caption": "Tải ứng dụng VNeID"`, `"caption": ""`, "tutorial vneid: steps[0].caption: missing"},
		{"tutorial: three-line caption", TutorialsFile, `Mở ứng dụng\nBấm Đăng ký`, `Mở\nứng dụng\nBấm Đăng ký`, "steps[1].caption: 3 lines: a caption has at most 2"},
		{"tutorial: long caption", TutorialsFile, "Tải ứng dụng VNeID", strings.Repeat("Tải ứng dụng ", 8), "steps[0].caption: too long for the screen"},
		{"tutorial: absurd seconds", TutorialsFile, `"seconds": 6`, `"seconds": 3600`, "steps[1].seconds: should be between 2 and 60, got 3600"},
		{"tutorial: no seconds, no narration", TutorialsFile, `, "seconds": 6`, ``, "steps[1].seconds: missing: a step without narration needs its seconds"},
		{"tutorial: missing narration", TutorialsFile, "audio/1.mp3", "audio/2.mp3", "steps[0].narration: cannot read audio/2.mp3"},
		{"tutorial: unreadable narration", TutorialsFile, "audio/1.mp3", "audio/bad.mp3", "steps[0].narration: audio/bad.mp3: not a readable MP3"},
		{"tutorial: narration not mp3", TutorialsFile, "audio/1.mp3", "audio/1.wav", "steps[0].narration: audio/1.wav: should be .mp3"},
		{"tutorial: unknown procedure", TutorialsFile, `"procedures": ["1.001193"]`, `"procedures": ["1.999999"]`, `procedures[0]: "1.999999" is not a procedure`},
		{"tutorial: no steps", TutorialsFile, `"steps": [`, `"steps": [], "x": [`, "unknown field"},
		{"preview of no lesson", PostersFile, `"tutorial": "vneid"`, `"tutorial": "vneid2"`, `poster p3: tutorial: "vneid2" is not a tutorial`},
		{"preview with its own picture", PostersFile, `"preview_steps": 2,`, `"preview_steps": 2, "image": "images/p.svg",`, "poster p3: a tutorial preview takes its pictures and words from the lesson"},
		{"bad hours", PostersFile, `"08:00-11:30"`, `"8h-11h30"`, "poster p3: hours: should be hours like 07:30-17:00"},
		{"hours backwards", PostersFile, `"08:00-11:30"`, `"11:30-08:00"`, "the start should be before the end"},
		{"poster without picture", PostersFile, `"text": "Làm trên điện thoại.", "image": "images/p.svg"`, `"text": "Làm trên điện thoại."`, "poster p1: image: missing"},
		{"tutorial: missing video", TutorialsFile, `"icon": "icons/a.svg",`, `"icon": "icons/a.svg", "video": "video/a.mp4",`, "tutorial vneid: video: cannot read video/a.mp4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := validPack()
			orig := string(fsys[tt.file].Data)
			if !strings.Contains(orig, tt.old) {
				t.Fatalf("fixture %s has no %q", tt.file, tt.old)
			}
			fsys[tt.file] = &fstest.MapFile{Data: []byte(strings.Replace(orig, tt.old, tt.new, 1))}
			fsys["images/bad.png"] = &fstest.MapFile{Data: []byte("not a png")}
			fsys["audio/bad.mp3"] = &fstest.MapFile{Data: []byte("ID3 not an mp3 at all")}
			_, err := Load(fsys, "test")
			var cerr *Error
			if !errors.As(err, &cerr) {
				t.Fatalf("want *Error, got %v", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error does not say %q:\n%v", tt.want, err)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	fsys := validPack()
	delete(fsys, PostersFile)
	_, err := Load(fsys, "test")
	if err == nil || !strings.Contains(err.Error(), "posters.json: file is missing") {
		t.Fatalf("got %v", err)
	}
}

func TestCheckURL(t *testing.T) {
	allowed := []string{"gov.vn"}
	for _, u := range []string{
		"https://dichvucong.gov.vn",
		"https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-nganh-doc.html?ma_thu_tuc=1.004222",
		"https://lienthong.dichvucong.gov.vn/#/ke-khai/2.000986",
		"https://DICHVUCONG.GOV.VN:443/",
		"https://gov.vn",
	} {
		if err := CheckURL(u, allowed); err != nil {
			t.Errorf("%s refused: %v", u, err)
		}
	}
	for _, u := range []string{
		"", "dichvucong.gov.vn", "http://dichvucong.gov.vn", "https://dichvucong.gov.vn.example.com",
		"https://evilgov.vn", "https://gov.vn.", "https://gov.vn:8443/", "javascript:alert(1)", "https://a@gov.vn",
	} {
		if err := CheckURL(u, allowed); err == nil {
			t.Errorf("%q accepted", u)
		}
	}
}

// TestLoadDirSymlinkEscape checks that a link inside the folder cannot read
// a file outside it.
func TestLoadDirSymlinkEscape(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "pack")
	for name, f := range validPack() {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := LoadDir(dir); err != nil {
		t.Fatalf("valid folder refused: %v", err)
	}
	if err := os.WriteFile(filepath.Join(root, "outside.svg"), []byte(svg), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "icons/a.svg"))
	if err := os.Symlink("../../outside.svg", filepath.Join(dir, "icons/a.svg")); err != nil {
		t.Fatal(err)
	}
	_, err := LoadDir(dir)
	if err == nil || !strings.Contains(err.Error(), "icon: cannot read icons/a.svg") {
		t.Fatalf("a link out of the pack was followed: %v", err)
	}
}

// Pictures are parsed together after the entries are checked; their
// problems still come in the order the entries name them, among the others.
func TestLoadSVGProblemsInOrder(t *testing.T) {
	fsys := validPack()
	fsys["icons/bad.svg"] = &fstest.MapFile{Data: []byte(`<svg><g></svg>`)}
	fsys["images/html.svg"] = &fstest.MapFile{Data: []byte(`<html></html>`)}
	fsys[CategoriesFile].Data = []byte(strings.Replace(string(fsys[CategoriesFile].Data), "icons/a.svg", "icons/bad.svg", 1))
	tut := string(fsys[TutorialsFile].Data)
	tut = strings.Replace(tut, `"icon": "icons/a.svg"`, `"icon": "icons/none.svg"`, 1)
	tut = strings.Replace(tut, "images/p.svg", "images/html.svg", 1)
	fsys[TutorialsFile].Data = []byte(tut)
	_, err := Load(fsys, "test")
	var cerr *Error
	if !errors.As(err, &cerr) {
		t.Fatalf("want *Error, got %v", err)
	}
	var got []string
	for _, p := range cerr.Problems {
		got = append(got, p.Entry+" "+p.Field+": "+p.Msg)
	}
	want := []string{
		"category ho-tich icon: icons/bad.svg is not a readable SVG",
		"tutorial vneid icon: cannot read icons/none.svg",
		"tutorial vneid steps[0].image: images/html.svg is not a readable SVG: the root element is <html>",
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want %q…", i, got[i], want[i])
		}
	}
	// A built-in pack's SVGs were parsed by its tests; the rest is checked.
	_, err = LoadBuiltIn(fsys, "test")
	if !errors.As(err, &cerr) || len(cerr.Problems) != 1 || cerr.Problems[0].Msg != "cannot read icons/none.svg: open icons/none.svg: file does not exist" {
		t.Errorf("LoadBuiltIn: %v", err)
	}
}
