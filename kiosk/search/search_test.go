package search

import (
	"testing"

	"onestop/assets"
	"onestop/kiosk/content"
)

func TestFold(t *testing.T) {
	tests := map[string]string{
		"Đăng ký khai sinh":         "dang ky khai sinh",
		"ĐĂNG KÝ KẾT HÔN":           "dang ky ket hon",
		"Căn cước & VNeID":          "can cuoc   vneid",
		"Chứng thực chữ ký":         "chung thuc chu ky",
		"Hưởng trợ cấp thất nghiệp": "huong tro cap that nghiep",
		"1.001193":                  "1.001193",
		"hoà / hòa":                 "hoa   hoa",
		"Đ đ D d":                   "d d d d",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOneEdit(t *testing.T) {
	yes := [][2]string{{"sinh", "sinnh"}, {"sinh", "sonh"}, {"sinh", "snih"}, {"khai", "kha"}, {"thuong", "thuongg"}}
	no := [][2]string{{"sinh", "sinh"}, {"sinh", "sn"}, {"sinh", "nish"}, {"khai", "kh"}, {"ket", "tek"}}
	for _, p := range yes {
		if !oneEdit(p[0], p[1]) {
			t.Errorf("oneEdit(%q, %q) = false", p[0], p[1])
		}
	}
	for _, p := range no {
		if oneEdit(p[0], p[1]) {
			t.Errorf("oneEdit(%q, %q) = true", p[0], p[1])
		}
	}
}

func defaultIndex(t *testing.T) *Index {
	t.Helper()
	p, err := content.Load(assets.Content(), "embedded")
	if err != nil {
		t.Fatal(err)
	}
	return New(p)
}

func TestSearchDefaultPack(t *testing.T) {
	ix := defaultIndex(t)
	tests := []struct {
		query string
		first string // the code that must come first
	}{
		{"dang ky khai sinh", "1.001193"},
		{"khai sinh", "1.001193"},
		{"Đăng ký khai sinh", "1.001193"},
		{"ĐĂNG KÝ KHAI SINH", "1.001193"},
		{"đang ky khai sinh", "1.001193"},  // "đ" typed where "d" is meant, and the reverse
		{"dang ky khai sinnh", "1.001193"}, // one extra letter
		{"dang ky khia sinh", "1.001193"},  // two letters swapped
		{"dang ky khai sonh", "1.001193"},  // one wrong letter
		{"khai si", "1.001193"},            // still typing
		{"ket hon", "1.000894"},
		{"dang ky ket hon", "1.000894"},
		{"khai tu", "1.000656"},
		{"tam tru", "1.004194"},
		{"thuong tru", "1.004222"},
		{"tam vang", "1.003677"},
		{"chung thuc chu ky", "2.000884"},
		{"that nghiep", "1.014748"},
		{"tro cap that nghiep", "1.014748"},
		{"1.001193", "1.001193"},
		{"001193", "1.001193"},
		{"ho kinh doanh", "1.001612"},
		{"lam can cuoc", "1.014061"},
		{"mat can cuoc", "1.014064"}, // a lost card is issued again, not for the first time
		{"doi can cuoc", "1.014063"},
		{"tach ho", "1.010038"},
		{"ho ngheo", "1.011607"},
		{"lam so do", "1.013978"},
		{"chia thua ke", "2.001406"},
		{"tro cap nguoi gia", "1.014027"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := ix.Search(tt.query, 5)
			if len(res) == 0 {
				t.Fatalf("nothing found")
			}
			if got := res[0].Procedure.Code; got != tt.first {
				t.Errorf("first is %s %s (score %d), want %s; all: %v", got, res[0].Procedure.Name, res[0].Score, tt.first, codes(res))
			}
		})
	}
}

func TestSearchRanksAndFilters(t *testing.T) {
	ix := defaultIndex(t)
	res := ix.Search("khai sinh", 0)
	if len(res) < 3 {
		t.Fatalf("khai sinh found %v; want birth, re-registration of birth and the linked procedure", codes(res))
	}
	seen := map[string]bool{}
	for _, r := range res {
		seen[r.Procedure.Code] = true
	}
	for _, c := range []string{"1.001193", "1.004884", "3.000722"} {
		if !seen[c] {
			t.Errorf("khai sinh did not find %s: %v", c, codes(res))
		}
	}
	for i := 1; i < len(res); i++ {
		if res[i].Score > res[i-1].Score {
			t.Errorf("results out of order: %v", res)
		}
	}
	if got := ix.Search("", 0); got != nil {
		t.Errorf("empty query found %v", codes(got))
	}
	if got := ix.Search("xyzzy qwerty", 0); len(got) != 0 {
		t.Errorf("nonsense found %v", codes(got))
	}
	// Two wrong letters in a short word is another word, not a typo.
	if got := ix.Search("kxyi sinh", 0); len(got) != 0 {
		t.Errorf("two typos found %v", codes(got))
	}
	if got := ix.Search("khai sinh", 2); len(got) != 2 {
		t.Errorf("limit 2 gave %d", len(got))
	}
}

func codes(rs []Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Procedure.Code)
	}
	return out
}

func TestAddTone(t *testing.T) {
	tests := []struct {
		in   string
		tone rune
		want string
	}{
		{"dang ky", ToneAcute, "dang ký"},
		{"hoa", ToneGrave, "hòa"},
		{"mua", ToneAcute, "múa"},
		{"toan", ToneAcute, "toán"},
		{"tiên", ToneAcute, "tiến"},
		{"thương", ToneHook, "thưởng"},
		{"qua", ToneAcute, "quá"},
		{"gia", ToneHook, "giả"},
		{"gi", ToneGrave, "gì"},
		{"khai sinh", ToneDot, "khai sịnh"},
		{"ký", ToneAcute, "ky"}, // the same tone again takes it off
		{"ký", ToneGrave, "kỳ"}, // another tone replaces it
		{"căn cươc", ToneAcute, "căn cước"},
		{"xyz ", ToneAcute, "xyz "}, // nothing to mark after a space
		{"", ToneAcute, ""},
		{"ngh", ToneAcute, "ngh"},
	}
	for _, tt := range tests {
		if got := AddTone(tt.in, tt.tone); got != tt.want {
			t.Errorf("AddTone(%q, %U) = %q, want %q", tt.in, tt.tone, got, tt.want)
		}
	}
	if got := Backspace("ký"); got != "k" {
		t.Errorf("Backspace(ký) = %q", got)
	}
	if got := Backspace(""); got != "" {
		t.Errorf("Backspace of nothing = %q", got)
	}
}

// BenchmarkSearch measures one query against the default pack, as typed
// one key at a time on the keypad (every key runs a search).
func BenchmarkSearch(b *testing.B) {
	p, err := content.Load(assets.Content(), "embedded")
	if err != nil {
		b.Fatal(err)
	}
	ix := New(p)
	for b.Loop() {
		ix.Search("dang ky khai sinnh", 0)
	}
}
