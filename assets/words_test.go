package assets

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A refusedWord is a word residents should not meet on the kiosk: the
// second person "bạn", an English word, an office abbreviation or a term
// of the trade. Instead says what to write.
type refusedWord struct {
	word    string   // lower case; one word or a phrase of whole words
	instead string   // what to write instead
	except  []string // lower-case phrases holding the word that may stay
}

var refusedWords = []refusedWord{
	// Residents are addressed as Ông/Bà, or better with no pronoun.
	{"bạn", "Ông/Bà, or no pronoun", []string{"bạn bè"}},

	// Terms of the trade and abbreviations of offices.
	{"ngành dọc", "the office by name (công an xã)", nil},
	// The portal shows «Liên thông» as a label: quoted so, and explained
	// once, it may stay.
	{"liên thông", "làm cùng lúc nhiều thủ tục", []string{"«liên thông»"}},
	{"dvc", "Dịch vụ công (Cổng Dịch vụ công)", nil},
	{"bhyt", "bảo hiểm y tế", nil},
	{"bhxh", "bảo hiểm xã hội", nil},
	{"ubnd", "Ủy ban nhân dân", nil},
	{"cccd", "thẻ căn cước", nil},
	{"otp", "mã số gửi qua tin nhắn", nil},
	{"sms", "tin nhắn", nil},

	// English words. "QR" is printed beside every code, so "mã QR" may
	// stay; store names are proper names.
	{"qr", "mã QR", []string{"mã qr"}},
	{"app", "ứng dụng", []string{"app store"}},
	{"online", "trên mạng, qua mạng", nil},
	{"link", "trang, dòng chữ hiện ra", nil},
	{"web", "trang", nil},
	{"website", "trang", nil},
	{"internet", "mạng", nil},
	{"email", "thư điện tử", nil},
	{"camera", "máy ảnh của điện thoại", nil},
	{"video", "phim", nil},
	{"smartphone", "điện thoại thông minh", nil},
	{"chip", "leave it out, or chíp điện tử", nil},
	{"photo", "phô tô, bản sao", nil},
	{"click", "bấm, chạm", nil},
	{"download", "tải về", nil},
	{"upload", "tải lên", nil},
	{"login", "đăng nhập", nil},
	{"password", "mật khẩu", nil},
	{"ok", "được, xong", nil},
}

// refusedIn lists the refused words in a text, in the order of the list.
// Case does not matter; a word counts only whole, between spaces or
// punctuation, so "app" is not refused inside "happy".
func refusedIn(text string) []refusedWord {
	// One composed form and single spaces: a caption breaks its lines
	// with \n, and a phrase may be cut there.
	t := strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(text)), " "))
	var out []refusedWord
	for _, w := range refusedWords {
		s := t
		for _, e := range w.except {
			s = replaceWhole(s, e, " ")
		}
		if indexWhole(s, w.word) >= 0 {
			out = append(out, w)
		}
	}
	return out
}

// indexWhole finds word in s where it stands whole: not preceded or
// followed by a letter, a digit or a combining mark.
func indexWhole(s, word string) int {
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], word)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(word):])
		if !inWord(before) && !inWord(after) {
			return i
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		from = i + size
	}
	return -1
}

func replaceWhole(s, word, with string) string {
	for {
		i := indexWhole(s, word)
		if i < 0 {
			return s
		}
		s = s[:i] + with + s[i+len(word):]
	}
}

func inWord(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

// skippedFields of the content pack are not words for residents to read:
// names of files, ids and codes, addresses, dates and settings. Keywords
// are what a resident may type into the search (so "bhyt" and "cccd"
// belong there) and are never shown. A source is quoted as published.
var skippedFields = setOf(
	"id", "code", "en", "url", "image", "icon", "narration", "video",
	"category", "level", "online", "procedures", "tutorial",
	"from", "to", "hours",
	"site_kind", "kiosk_id", "languages", "allowed_hosts",
	"keywords",
	"source", "sources", "checked", "formality_id", "kind",
)

func setOf(keys ...string) map[string]bool {
	m := map[string]bool{}
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// A residentText is one text of the default pack a resident may read.
type residentText struct {
	file, path, text string
}

// residentTexts walks the pack's JSON files and lists every string not in
// a skipped field: the Vietnamese of each {"vi", "en"} text and every
// plain string (plain strings are Vietnamese). A field added later is
// checked unless it is skipped here on purpose.
func residentTexts(t *testing.T) []residentText {
	t.Helper()
	names, err := fs.Glob(Content(), "*.json")
	if err != nil {
		t.Fatal(err)
	}
	var out []residentText
	for _, name := range names {
		b, err := fs.ReadFile(Content(), name)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n := len(out)
		walkTexts(v, "", func(path, text string) {
			out = append(out, residentText{name, path, text})
		})
		if len(out) == n {
			t.Errorf("%s: found no text for residents; is the walk broken?", name)
		}
	}
	return out
}

func walkTexts(v any, path string, found func(path, text string)) {
	switch v := v.(type) {
	case string:
		if !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") {
			found(path, v)
		}
	case []any:
		for i, e := range v {
			walkTexts(e, path+entryName(i, e), found)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			if skippedFields[k] {
				continue
			}
			p := k
			if path != "" {
				p = path + "." + k
			}
			walkTexts(v[k], p, found)
		}
	}
}

// entryName names an array entry by index, and by its id or code when it
// has one: [3 2.000986].
func entryName(i int, e any) string {
	if m, ok := e.(map[string]any); ok {
		for _, k := range []string{"id", "code"} {
			if s, ok := m[k].(string); ok && s != "" {
				return fmt.Sprintf("[%d %s]", i, s)
			}
		}
	}
	return fmt.Sprintf("[%d]", i)
}

// staffOnly says whether a word of the kiosk (i18n key) is read only by
// counter staff and admins, on their own screens (sign-in, sessions, the
// numbers, settings, the audit): these may name what residents never
// meet, such as a command or a file type. The rating a resident gives at
// the end of a session (rate_*), the session bar and the "ask staff"
// screen (help_button, help_title...) are for residents.
func staffOnly(key string) bool {
	switch key {
	case "minutes", "key_none",
		"help_guided", "help_vneid_registered", "help_vneid_level2", "help_submitted",
		"help_paid", "help_status_checked", "help_other":
		return true
	}
	for _, p := range []string{
		"staff_", "pin_", "session_", "outcome_", "reason_", "status_", "picker_",
		"store_", "channel_", "group_", "groups_", "text_", "note_", "fix_",
		"admin_", "member_", "role_", "audit_", "numbers_", "period_", "by_",
		"range_", "settings_", "visits_", "chip_", "logout_",
	} {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// Residents read plain, respectful Vietnamese: no "bạn", no English words,
// no abbreviations or terms of the trade (list above), in any text of the
// default pack and in every word of the kiosk a resident sees.
func TestResidentWordsArePlain(t *testing.T) {
	report := func(where, text string) {
		t.Helper()
		for _, w := range refusedIn(text) {
			t.Errorf("%s: %q (instead: %s) in %q", where, w.word, w.instead, text)
		}
	}
	texts := residentTexts(t)
	for _, x := range texts {
		report(x.file+" "+x.path, x.text)
	}

	b, err := fs.ReadFile(I18n(), "vi.json")
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]string{}
	if err := json.Unmarshal(b, &words); err != nil {
		t.Fatalf("i18n/vi.json: %v", err)
	}
	n := 0
	for _, k := range slices.Sorted(maps.Keys(words)) {
		if staffOnly(k) {
			continue
		}
		report(fmt.Sprintf("i18n/vi.json %q", k), words[k])
		n++
	}
	t.Logf("%d texts of the pack and %d words of the kiosk checked", len(texts), n)
}

// The check finds what it is meant to, and only that: without this, a
// refusedIn that never finds anything would pass the test above.
func TestRefusedIn(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"Từ nay bạn dùng tài khoản này.", []string{"bạn"}},
		{"Bạn hãy bấm Tiếp.", []string{"bạn"}},
		{"Nhờ con cháu, bạn bè giúp.", nil},
		{"ba\u0323n ơi", []string{"bạn"}}, // decomposed: b a + dot below + n
		{"Hoa ban nở.", nil},
		{"Đăng nhập Cổng DVC", []string{"dvc"}},
		{"Nhập mã OTP trong tin nhắn", []string{"otp"}},
		{"Nộp online qua Cổng", []string{"online"}},
		{"chạm vào đường link hiện ra", []string{"link"}},
		{"Cơ quan ngành\ndọc", []string{"ngành dọc"}},
		{"Thủ tục liên thông cho trẻ", []string{"liên thông"}},
		{"Chọn «Liên thông» trên Cổng", nil},
		{"thẻ BHYT", []string{"bhyt"}},
		{"Quét mã QR", nil},
		{"Quét mã\nQR bên phải", nil},
		{"Quét QR", []string{"qr"}},
		{"Tìm trong CH Play hoặc App Store", nil},
		{"Tải app VNeID", []string{"app"}},
		{"happy, apply, chipset, photos", nil},
		{"Mở camera, xem video", []string{"camera", "video"}},
		{"Được rồi, ok.", []string{"ok"}},
		{"Khỏe không? Ông/Bà cần làm thủ tục gì?", nil},
	}
	for _, c := range cases {
		var got []string
		for _, w := range refusedIn(c.text) {
			got = append(got, w.word)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("refusedIn(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// The resident's words are checked and the staff's are not, by key.
func TestStaffOnly(t *testing.T) {
	for _, k := range []string{"home_title", "lesson_done_text", "bar_session", "rate_title", "rate_1",
		"help_button", "help_text", "key_backspace", "volume_0", "qr_caption"} {
		if staffOnly(k) {
			t.Errorf("%q is read by residents, but staffOnly says staff only", k)
		}
	}
	for _, k := range []string{"staff_none", "numbers_export", "reason_no_smartphone", "help_submitted",
		"audit_login", "settings_title", "key_none", "minutes"} {
		if !staffOnly(k) {
			t.Errorf("%q is read by staff only, but staffOnly says residents read it", k)
		}
	}
}
