// Package search finds procedures from what a resident types on the kiosk's
// keypad: without diacritics or case ("dang ky khai sinh" finds "Đăng ký
// khai sinh"), by national code, by everyday keywords, and forgiving one
// wrong letter in a word.
package search

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"onestop/kiosk/content"
)

// Fold lowers the case and strips Vietnamese diacritics: "Đăng Ký" -> "dang ky".
// Anything that is not a letter or digit becomes a space, except the dot
// inside procedure codes.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			b.WriteRune('d')
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.':
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(' ')
		}
	}
	return b.String()
}

// Words folds s and splits it into words, dropping stray dots.
func Words(s string) []string {
	var out []string
	for _, w := range strings.Fields(Fold(s)) {
		w = strings.Trim(w, ".")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// Result is one procedure found, with its score (higher is better).
type Result struct {
	Procedure content.Procedure
	Score     int
}

// Index holds the folded words of every procedure of a pack.
type Index struct {
	docs []doc
}

type doc struct {
	proc     content.Procedure
	name     string   // folded name, padded with spaces for phrase matching
	nameW    []string // words of the name
	otherW   []string // words of keywords, summary and category name
	keywords []string // folded keyword phrases, padded
	code     string
}

// New indexes the procedures of a pack.
func New(p *content.Pack) *Index {
	ix := &Index{}
	for _, pr := range p.Procedures {
		d := doc{proc: pr, code: pr.Code, nameW: Words(pr.Name)}
		d.name = " " + strings.Join(d.nameW, " ") + " "
		other := pr.Summary
		if c, ok := p.Category(pr.Category); ok {
			other += " " + c.Name.VI + " " + c.Description.VI
		}
		for _, k := range pr.Keywords {
			kw := Words(k)
			d.keywords = append(d.keywords, " "+strings.Join(kw, " ")+" ")
			other += " " + k
		}
		d.otherW = Words(other)
		ix.docs = append(ix.docs, d)
	}
	return ix
}

// Scores of the kinds of match. A word of the query must match somewhere
// for a procedure to be found at all.
const (
	scoreExact      = 10 // a word of the name
	scorePrefix     = 6  // the start of a word of the name (the resident is still typing)
	scoreTypo       = 4  // a word of the name with one letter wrong, missing or extra
	scoreOther      = 3  // a word of the keywords, summary or category
	scoreOtherTypo  = 1
	scorePhraseName = 25 // the whole query stands in the name as typed
	scorePhraseKey  = 15 // the whole query stands in a keyword phrase
	scoreWholeName  = 10 // the query is the whole name
	scoreWholeKey   = 5  // the query is a whole keyword phrase ("làm căn cước", not "làm căn cước cho con")
	scoreCode       = 100
)

// Search returns the procedures matching the query, best first. At most
// limit results are returned (all of them when limit <= 0).
func (ix *Index) Search(query string, limit int) []Result {
	qw := Words(query)
	if len(qw) == 0 {
		return nil
	}
	phrase := " " + strings.Join(qw, " ") + " "
	var out []Result
	for _, d := range ix.docs {
		score, ok := d.match(qw, phrase)
		if ok {
			out = append(out, Result{Procedure: d.proc, Score: score})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		// Among equals, the plainer (shorter) name is more likely what was meant.
		if la, lb := len(a.Procedure.Name), len(b.Procedure.Name); la != lb {
			return la < lb
		}
		return a.Procedure.Code < b.Procedure.Code
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

func (d doc) match(qw []string, phrase string) (int, bool) {
	// A code, whole or its tail ("001193"), finds its procedure first.
	if len(qw) == 1 && len(qw[0]) >= 3 && isCodeLike(qw[0]) {
		if strings.HasSuffix(d.code, qw[0]) || strings.HasPrefix(d.code, qw[0]) {
			return scoreCode, true
		}
	}
	total := 0
	for _, w := range qw {
		s := bestWord(w, d.nameW, scoreExact, scorePrefix, scoreTypo)
		if o := bestWord(w, d.otherW, scoreOther, scoreOther, scoreOtherTypo); o > s {
			s = o
		}
		if s == 0 {
			return 0, false
		}
		total += s
	}
	if strings.Contains(d.name, phrase) {
		total += scorePhraseName
		if d.name == phrase {
			total += scoreWholeName
		}
	} else {
		in, whole := false, false
		for _, k := range d.keywords {
			in = in || strings.Contains(k, phrase)
			whole = whole || k == phrase
		}
		if in {
			total += scorePhraseKey
		}
		if whole {
			total += scoreWholeKey
		}
	}
	return total, true
}

// bestWord scores the query word w against a list of words. Prefixes count
// for every word of two letters or more, since a resident may stop typing
// anywhere; typos count only for words of four letters or more, where one
// wrong letter still leaves the word recognisable.
func bestWord(w string, words []string, exact, prefix, typo int) int {
	best := 0
	for _, x := range words {
		switch {
		case x == w:
			return exact
		case len(w) >= 2 && strings.HasPrefix(x, w):
			best = max(best, prefix)
		case len(w) >= 4 && oneEdit(w, x):
			best = max(best, typo)
		}
	}
	return best
}

func isCodeLike(w string) bool {
	for _, r := range w {
		if !(r >= '0' && r <= '9') && r != '.' {
			return false
		}
	}
	return true
}

// oneEdit reports whether a and b differ by exactly one substituted,
// inserted or deleted letter, or by two neighbouring letters swapped.
func oneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	la, lb := len(ra), len(rb)
	if la > lb {
		ra, rb, la, lb = rb, ra, lb, la
	}
	if lb-la > 1 {
		return false
	}
	i := 0
	for i < la && ra[i] == rb[i] {
		i++
	}
	if i == la {
		return lb-la == 1 // one extra letter at the end
	}
	if la == lb {
		// substitution, or a swap of two neighbours
		if string(ra[i+1:]) == string(rb[i+1:]) {
			return true
		}
		return i+1 < la && ra[i] == rb[i+1] && ra[i+1] == rb[i] && string(ra[i+2:]) == string(rb[i+2:])
	}
	return string(ra[i:]) == string(rb[i+1:]) // one letter inserted in b
}
