package assets

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// The kiosk's words agree across languages: every language has the keys
// Vietnamese has and no others, and each word takes the same fmt
// arguments. A missing key shows the Vietnamese word (or the bare key) to
// a foreign resident; a placeholder that differs prints %!d(string=...)
// on the screen or drops a value.
func TestWordsAgree(t *testing.T) {
	langs := map[string]map[string]string{}
	names, err := fs.Glob(I18n(), "*.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := fs.ReadFile(I18n(), n)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		langs[strings.TrimSuffix(n, path.Ext(n))] = m
	}
	vi := langs["vi"]
	if len(vi) == 0 {
		t.Fatal("no Vietnamese words (i18n/vi.json)")
	}
	if len(langs) < 2 {
		t.Fatalf("only %d language file(s) in i18n/: want vi and at least one more", len(langs))
	}
	for _, lang := range slices.Sorted(maps.Keys(langs)) {
		if lang == "vi" {
			continue
		}
		for _, p := range compareWords("vi", vi, lang, langs[lang]) {
			t.Error(p)
		}
	}
}

// compareWords lists how the words of language b differ from those of a.
func compareWords(aName string, a map[string]string, bName string, b map[string]string) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(a)) {
		bv, ok := b[k]
		if !ok {
			out = append(out, fmt.Sprintf("%q is in %s.json but not in %s.json", k, aName, bName))
			continue
		}
		pa, errA := placeholders(a[k])
		pb, errB := placeholders(bv)
		for _, e := range []struct {
			lang string
			err  error
		}{{aName, errA}, {bName, errB}} {
			if e.err != nil {
				out = append(out, fmt.Sprintf("%q in %s.json: %v", k, e.lang, e.err))
			}
		}
		if errA == nil && errB == nil && !slices.Equal(args(pa), args(pb)) {
			out = append(out, fmt.Sprintf("%q takes %s in %s.json but %s in %s.json",
				k, describe(pa), aName, describe(pb), bName))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if _, ok := a[k]; !ok {
			out = append(out, fmt.Sprintf("%q is in %s.json but not in %s.json", k, bName, aName))
		}
	}
	return out
}

// A placeholder is one fmt directive: its text as written (with flags,
// width and precision) and the verb for each argument it consumes, in
// the order fmt consumes them ('*' for a width or precision argument).
type placeholder struct {
	text string
	args []arg
}

type arg struct {
	n    int // 1-based argument index
	verb rune
}

// placeholders parses s as fmt does: %% is a literal percent; a directive
// is % then flags (+-# 0), then width and precision (digits or *), each
// optionally after an explicit argument index [n], then the verb.
func placeholders(s string) ([]placeholder, error) {
	var out []placeholder
	next := 1 // the argument the next directive consumes
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		start := i
		i++
		if i < len(s) && s[i] == '%' {
			continue
		}
		var p placeholder
		for i < len(s) && strings.IndexByte("+-# 0", s[i]) >= 0 {
			i++
		}
		index := func() error {
			if i >= len(s) || s[i] != '[' {
				return nil
			}
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				return fmt.Errorf("unclosed argument index in %q", s[start:])
			}
			n, err := strconv.Atoi(s[i+1 : i+end])
			if err != nil || n < 1 {
				return fmt.Errorf("bad argument index in %q", s[start:i+end+1])
			}
			next = n
			i += end + 1
			return nil
		}
		number := func() error {
			if err := index(); err != nil {
				return err
			}
			if i < len(s) && s[i] == '*' {
				p.args = append(p.args, arg{next, '*'})
				next++
				i++
				return nil
			}
			for i < len(s) && s[i] >= '0' && s[i] <= '9' {
				i++
			}
			return nil
		}
		if err := number(); err != nil { // width
			return nil, err
		}
		if i < len(s) && s[i] == '.' {
			i++
			if err := number(); err != nil { // precision
				return nil, err
			}
		}
		if err := index(); err != nil {
			return nil, err
		}
		if i >= len(s) {
			return nil, fmt.Errorf("%q ends without a verb", s[start:])
		}
		verb, size := utf8.DecodeRuneInString(s[i:])
		i += size - 1
		p.args = append(p.args, arg{next, verb})
		next++
		p.text = s[start : i+1]
		out = append(out, p)
	}
	return out, nil
}

// args is what the directives consume, argument by argument: two
// languages may put explicitly indexed arguments in a different order.
func args(ps []placeholder) []arg {
	var out []arg
	for _, p := range ps {
		out = append(out, p.args...)
	}
	slices.SortStableFunc(out, func(x, y arg) int { return x.n - y.n })
	return out
}

func describe(ps []placeholder) string {
	if len(ps) == 0 {
		return "no arguments"
	}
	var texts []string
	for _, p := range ps {
		texts = append(texts, p.text)
	}
	return strings.Join(texts, " ")
}

// The comparison finds what it is meant to: without this, a compareWords
// that never complains would pass TestWordsAgree.
func TestCompareWords(t *testing.T) {
	vi := map[string]string{
		"same":      "Trang %d/%d",
		"padded":    "%02d:%02d",
		"percent":   "Giảm 50%% còn %s",
		"indexed":   "%[1]s của %[2]s",
		"missing":   "Có",
		"count":     "%d hồ sơ",
		"order":     "Mã %s · %d",
		"verb":      "Bước %d",
		"star":      "%*d",
		"onlyvi":    "Chỉ tiếng Việt",
		"lostpct":   "%s",
		"truncated": "xong",
	}
	en := map[string]string{
		"same":      "Page %d/%d",
		"padded":    "%2d:%d",           // flags and width may differ: same verbs
		"percent":   "50%% off, now %s", // %% is no placeholder
		"indexed":   "%[2]s's %[1]s",    // reordered by index: same arguments
		"count":     "%d files and %d",  // one more
		"order":     "%d · code %s",     // swapped
		"verb":      "Step %s",          // another verb
		"star":      "%d",               // the * argument is lost
		"onlyen":    "English only",     // not in vi
		"lostpct":   "%s 50% off",       // a lone % before a space takes a verb
		"truncated": "done 100%",        // a directive without a verb
	}
	got := strings.Join(compareWords("vi", vi, "en", en), "\n")
	for _, want := range []string{
		`"missing" is in vi.json but not in en.json`,
		`"onlyen" is in en.json but not in vi.json`,
		`"count" takes %d in vi.json but %d %d in en.json`,
		`"order" takes %s %d in vi.json but %d %s in en.json`,
		`"verb" takes %d in vi.json but %s in en.json`,
		`"star" takes %*d in vi.json but %d in en.json`,
		`"lostpct" takes %s in vi.json but %s % o in en.json`,
		`"truncated" in en.json: "%" ends without a verb`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("compareWords missed: %s", want)
		}
	}
	for _, k := range []string{"same", "padded", "percent", "indexed"} {
		if strings.Contains(got, `"`+k+`"`) {
			t.Errorf("compareWords complains about %q, which agrees:\n%s", k, got)
		}
	}
	if t.Failed() {
		t.Logf("compareWords said:\n%s", got)
	}
}
