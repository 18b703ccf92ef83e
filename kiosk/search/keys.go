package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The five tone marks of Vietnamese, as combining characters.
const (
	ToneAcute = '\u0301' // sắc
	ToneGrave = '\u0300' // huyền
	ToneHook  = '\u0309' // hỏi
	ToneTilde = '\u0303' // ngã
	ToneDot   = '\u0323' // nặng
)

func isTone(r rune) bool {
	switch r {
	case ToneAcute, ToneGrave, ToneHook, ToneTilde, ToneDot:
		return true
	}
	return false
}

// base returns a letter without its tone and other marks, lower-cased.
func base(r rune) rune {
	for _, b := range norm.NFD.String(string(r)) {
		return unicode.ToLower(b)
	}
	return r
}

// hasHat reports whether a vowel carries a hat, breve or horn (ă â ê ô ơ ư),
// which takes the tone before any other vowel.
func hasHat(r rune) bool {
	for _, m := range norm.NFD.String(string(r)) {
		if m == '\u0302' || m == '\u0306' || m == '\u031B' {
			return true
		}
	}
	return false
}

func isVowel(r rune) bool {
	switch base(r) {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// AddTone puts a tone mark on the right vowel of the last word of s, as the
// keypad's tone keys do: "hoa"+huyền = "hòa", "tien"... the vowel with a hat
// first ("tiên"+sắc = "tiến"). The same tone again takes it off. A word
// with no vowel is left as it is.
func AddTone(s string, tone rune) string {
	runes := []rune(norm.NFC.String(s))
	start := len(runes)
	for start > 0 && !unicode.IsSpace(runes[start-1]) {
		start--
	}
	word := runes[start:]
	i := tonePosition(word)
	if i < 0 {
		return s
	}
	// Take the vowel apart, drop any tone it has, add the new one.
	var kept []rune
	had := false
	for _, m := range norm.NFD.String(string(word[i])) {
		if isTone(m) {
			had = had || m == tone
			continue
		}
		kept = append(kept, m)
	}
	if !had {
		kept = append(kept, tone)
	}
	word[i] = []rune(norm.NFC.String(string(kept)))[0]
	return string(runes)
}

// tonePosition picks the vowel of a word that carries its tone.
func tonePosition(w []rune) int {
	lower := strings.ToLower(string(w))
	from := 0
	switch {
	case strings.HasPrefix(lower, "qu"):
		from = 2
	case strings.HasPrefix(lower, "gi") && len(w) > 2 && isVowel(w[2]):
		from = 2
	}
	// The last run of vowels.
	end := -1
	for i := len(w) - 1; i >= from; i-- {
		if isVowel(w[i]) {
			end = i
			break
		}
	}
	if end < 0 {
		if from == 2 && len(w) >= 2 && isVowel(w[1]) { // "gì", "quà"-like words of one vowel
			return 1
		}
		return -1
	}
	begin := end
	for begin > from && isVowel(w[begin-1]) {
		begin--
	}
	for i := end; i >= begin; i-- {
		if hasHat(w[i]) {
			return i
		}
	}
	switch n := end - begin + 1; {
	case n == 1:
		return begin
	case end < len(w)-1: // the word closes with a consonant: "toan" -> "toán"
		return end
	case n == 2:
		return begin // "hoa" -> "hòa", "mua" -> "múa"
	default:
		return begin + 1 // "khuya" -> "khuỷa"
	}
}

// Backspace removes the last letter of s, with its marks.
func Backspace(s string) string {
	r := []rune(norm.NFC.String(s))
	if len(r) == 0 {
		return s
	}
	return string(r[:len(r)-1])
}
