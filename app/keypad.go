package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"onestop/kiosk/search"
)

// keypad is the on-screen keyboard: there is no physical keyboard at the
// counter. It has the Vietnamese letters (ă â đ ê ô ơ ư), the five tone
// keys that mark the right vowel of the last word, digits and the dot for
// procedure codes.
type keypad struct {
	k        *Kiosk
	text     func() string // the text the keys edit, as it is now
	onChange func(string)  // takes the text after a key
	content  fyne.CanvasObject
}

// key is one key: its label, what it does to the text (or, for do, to
// the keypad), and its width in columns.
type key struct {
	label string
	width float32
	press func(string) string
	do    func()
	style tileStyle
}

func letter(s string) key {
	return key{label: s, width: 1, press: func(q string) string { return q + s }}
}

func letters(s string) []key {
	var out []key
	for _, r := range s {
		out = append(out, letter(string(r)))
	}
	return out
}

func tone(label string, mark rune) key {
	return key{label: label, width: 1, press: func(q string) string { return search.AddTone(q, mark) }}
}

func newKeypad(k *Kiosk, text func() string, onChange func(string)) *keypad {
	p := &keypad{k: k, text: text, onChange: onChange}
	backspace := key{label: k.t("key_backspace"), width: 2, press: search.Backspace}
	space := key{label: k.t("key_space"), width: 3, press: func(q string) string {
		if q == "" || q[len(q)-1] == ' ' {
			return q
		}
		return q + " "
	}}
	clear := key{label: k.t("key_clear"), width: 2, press: func(string) string { return "" }}
	// The letters as on a computer keyboard, or in the order of the
	// Vietnamese alphabet, as a resident who never typed learned them; the
	// choice lasts the visit.
	order := key{label: k.t("key_order_az"), width: 2, do: func() {
		k.visit.alphabetical = !k.visit.alphabetical
		k.redraw()
	}}
	letterRows := []string{"qwertyuiopăâ", "asdfghjklđêô", "zxcvbnmơư"}
	if k.visit.alphabetical {
		order.label = k.t("key_order_qwerty")
		letterRows = []string{"aăâbcdđeêghi", "klmnoôơpqrst", "uưvxyfjwz"}
	}
	tones := []key{
		tone("á", search.ToneAcute), tone("à", search.ToneGrave), tone("ả", search.ToneHook),
		tone("ã", search.ToneTilde), tone("ạ", search.ToneDot),
	}
	hint := key{label: k.t("key_tone_hint"), width: 3, style: styleBar}
	rows := [][]key{
		append(letters("1234567890."), backspace),
		letters(letterRows[0]),
		letters(letterRows[1]),
		append(letters(letterRows[2]), space),
		append(append(tones, hint), order, clear),
	}
	// A narrow screen (an 800 px portrait tablet) has room for ten 64 px
	// keys a row, not thirteen: the same keys in rows of ten, the
	// Vietnamese letters together, the tone hint above its keys.
	if k.available().Width < keypadWide {
		space.width = 3
		rows = [][]key{
			letters("1234567890"),
			letters("qwertyuiop"),
			letters("asdfghjklđ"),
			append(letters("zxcvbnm."), backspace),
			append(letters("ăâêôơư"), space),
			{{label: k.t("key_tone_hint"), width: 10, style: styleBar}},
			append(tones, order, clear),
		}
		if k.visit.alphabetical {
			rows[1], rows[2], rows[3] = letters("aăâbcdđeêg"), letters("hiklmnoôơp"), letters("qrstuưvxy")
			rows[4] = append(letters("fjwz."), backspace, space)
		}
	}
	var lines []fyne.CanvasObject
	for _, row := range rows {
		var cells []fyne.CanvasObject
		var widths []float32
		for _, ky := range row {
			cells = append(cells, p.keyTile(ky))
			widths = append(widths, ky.width)
		}
		lines = append(lines, container.New(&weightLayout{weights: widths, gap: 8}, cells...))
	}
	p.content = container.NewVBox(lines...)
	return p
}

// keypadWide is the least width for the keypad's rows of thirteen columns
// of 64 px keys (with the page's margins); narrower screens get rows of ten.
const keypadWide = 13*minTarget + 12*8 + 2*pageInset + 4*8

func (p *keypad) keyTile(ky key) fyne.CanvasObject {
	if ky.press == nil && ky.do == nil { // a caption, not a key
		return vCenter(newText(ky.label, textOpts{size: sizeChrome, color: colorMuted, wrap: fyne.TextWrapWord}))
	}
	label := newText(ky.label, textOpts{size: sizeChrome, color: colorTileText, bold: true, align: fyne.TextAlignCenter})
	if ky.width > 1 {
		label.Wrapping = fyne.TextWrapWord // a word key wraps rather than widen the keypad on a narrow screen
	}
	t := newTile(vCenter(label), styleTile, p.k.act(func() {
		if ky.do != nil {
			ky.do()
			return
		}
		p.onChange(ky.press(p.text()))
	}))
	t.minSize = fyne.NewSquareSize(minTarget)
	t.inset = chipInset // many keys to a row: their margin is narrow, their size still 64 px
	return t
}

// weightLayout lays out a row of cells whose widths are in proportion to
// their weights, all as tall as the tallest.
type weightLayout struct {
	weights []float32
	gap     float32
}

func (l *weightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	total := float32(0)
	for _, w := range l.weights {
		total += w
	}
	unit := (size.Width - l.gap*float32(len(objs)-1)) / total
	x := float32(0)
	for i, o := range objs {
		w := unit * l.weights[i]
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + l.gap
	}
}

func (l *weightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h, unit float32
	total := float32(0)
	for i, o := range objs {
		m := o.MinSize()
		h = max(h, m.Height)
		unit = max(unit, m.Width/l.weights[i])
		total += l.weights[i]
	}
	return fyne.NewSize(unit*total+l.gap*float32(len(objs)-1), h)
}
