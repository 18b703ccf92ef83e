package main

import (
	"fmt"
	"math"
)

// A step's picture is a scene: usually one phone showing one screen, built
// from a few kinds of screen items stacked top to bottom; sometimes a phone
// with things around it (the kiosk, an ID card, the commune police).

type step struct {
	lesson string
	n      int
	scene  scene
}

type scene interface{ draw(c *canvas) }

// Colours. The accent marks where to tap: bright orange with a white edge,
// seen on the red of VNeID, the blue of the portal and on white alike.
const (
	backdrop  = "#EAF2FB"
	floor     = "#D3E3F6"
	body      = "#1F2A37"
	ink       = "#1A1A1A"
	grey      = "#5F6B7A"
	hintGrey  = "#8C96A3"
	rule      = "#C9D1DB"
	paper     = "#FFFFFF"
	pageGrey  = "#F1F4F8"
	accent    = "#FF6D00"
	vneidRed  = "#B71C1C"
	portalRed = "#B3261E"
	portalBlu = "#0D47A1"
	okGreen   = "#1B7F3B"
	gold      = "#F7C400"
	playGreen = "#01875F"
	bankTeal  = "#00695C"
)

// The phone: 430 × 772 with a 402 × 744 screen, centred on the picture
// unless placed elsewhere.
const (
	phoneW, phoneH   = 430, 772
	bezel            = 14
	screenW, screenH = phoneW - 2*bezel, phoneH - 2*bezel
	pad              = 20 // the screen's side margin
	statusH          = 30
)

// place puts a phone at (x, y) on the picture, drawn at scale.
type place struct{ x, y, scale float64 }

var centred = place{(side - phoneW) / 2, (side - phoneH) / 2, 1}

// app is what the screen belongs to: it draws the top of the screen.
type app int

const (
	vneidPage app = iota // an inner page of VNeID: red bar with a title
	vneidBare            // VNeID without a bar (its login and home screens)
	portalWeb            // the national portal in the phone's browser
	payWeb               // the portal's payment page in the browser
	playStore            // the phone's app store (CH Play)
	bankApp              // a bank's app
	smsApp               // the phone's messages
	cameraApp            // the phone's camera
)

type phone struct {
	at       place
	app      app
	title    string // the app bar's title (VNeID pages, bank, messages)
	login    int    // portal: the "Đăng nhập" button, marked with this tap number (0: shown, not marked; -1: logged in)
	account  int    // portal, logged in: the account button, marked
	items    []item
	zoom     float64 // draws the items larger (1 when 0), for screens with room to spare
	noHand   bool    // ring the taps only (alternatives, or things to look at rather than tap)
	numbered bool    // number the taps even when they are one
}

// screen is the state of laying out one phone's screen.
type screen struct {
	c    *canvas
	p    place
	y    float64 // the next item's top
	taps []tap
	// Items are laid out in a frame below the app's top, zoomed by z: w
	// and h are the frame's size in its own units, off its top on the screen.
	z, off, w, h float64
}

// tap is a place to tap, in picture coordinates.
type tap struct {
	n          int
	x, y, w, h float64
}

// mark records the box (screen coordinates) of tap n.
func (s *screen) mark(n int, x, y, w, h float64) {
	if n == 0 {
		return
	}
	k := s.p.scale
	s.taps = append(s.taps, tap{n: n, x: s.p.x + (bezel+x*s.z)*k, y: s.p.y + (bezel+s.off+y*s.z)*k, w: w * s.z * k, h: h * s.z * k})
}

type item interface{ layout(s *screen) }

// An overlay is an item drawn over the whole screen, app top included,
// unzoomed: a dropped-down message, a dialog.
type overlay interface {
	item
	overlay()
}

func (p phone) draw(c *canvas) {
	at := p.at
	if at.scale == 0 {
		at = centred
	}
	end := c.group(fmt.Sprintf("translate(%s %s) scale(%s %s)", num(at.x), num(at.y), exact(at.scale), exact(at.scale)))
	c.rect(10, 14, phoneW, phoneH, 56, paint{fill: "#000000", opacity: 0.10}) // its shadow
	c.rect(0, 0, phoneW, phoneH, 56, fill(body))
	endScreen := c.group(fmt.Sprintf("translate(%d %d)", bezel, bezel))
	s := &screen{c: c, p: at, z: 1, w: screenW, h: screenH}
	s.top(p)
	z := or(p.zoom, 1)
	endZoom := c.group(fmt.Sprintf("translate(0 %s) scale(%s %s)", num(s.y), exact(z), exact(z)))
	s.z, s.off, s.w, s.h = z, s.y, screenW/z, (screenH-s.y)/z
	s.y = 0
	var overlays []item
	for _, it := range p.items {
		if _, ok := it.(overlay); ok {
			overlays = append(overlays, it)
			continue
		}
		it.layout(s)
	}
	endZoom()
	s.z, s.off, s.w, s.h = 1, 0, screenW, screenH
	for _, it := range overlays {
		it.layout(s)
	}
	endScreen()
	end()
	drawTaps(c, s.taps, p.noHand, p.numbered)
}

// top draws the screen's background and the app's own top.
func (s *screen) top(p phone) {
	c := s.c
	bg := paper
	switch p.app {
	case portalWeb, payWeb:
		bg = pageGrey
	case cameraApp:
		bg = "#111111"
	}
	c.rect(0, 0, screenW, screenH, 42, fill(bg))
	switch p.app {
	case vneidPage:
		c.topRounded(0, 0, screenW, statusH+70, 42, fill(vneidRed))
		s.camera("#FFFFFF")
		s.appBar(p.title, "#FFFFFF", statusH)
		s.y = statusH + 70 + 22
	case vneidBare:
		s.camera("#333333")
		s.y = statusH + 8
	case bankApp:
		c.topRounded(0, 0, screenW, statusH+70, 42, fill(bankTeal))
		s.camera("#FFFFFF")
		s.appBar(p.title, "#FFFFFF", statusH)
		s.y = statusH + 70 + 22
	case smsApp:
		c.topRounded(0, 0, screenW, statusH+70, 42, fill("#ECEFF1"))
		s.camera("#333333")
		s.appBar(p.title, ink, statusH)
		s.y = statusH + 70 + 16
	case playStore:
		s.camera("#333333")
		s.y = statusH + 6
	case cameraApp:
		s.camera("#DDDDDD")
		s.y = statusH
	case portalWeb, payWeb:
		s.browser()
		if p.app == portalWeb {
			s.portalHeader(p.login, p.account)
		} else {
			s.payHeader()
		}
	}
}

func (s *screen) camera(color string) {
	s.c.circle(screenW/2, 16, 7, fill(color))
}

// appBar: a back arrow and a title, white on the app's colour.
func (s *screen) appBar(title, color string, y float64) {
	c := s.c
	c.poly(line(color, 5), false, 36, y+22, 22, y+35, 36, y+48)
	c.line1(56, y+35, screenW-76, textStyle{size: 27, bold: true, color: color}, title)
}

// browser: the phone browser's address bar with the portal's address.
func (s *screen) browser() {
	c := s.c
	c.topRounded(0, 0, screenW, statusH+64, 42, fill("#E3E7EC"))
	s.camera("#333333")
	c.rect(14, statusH+6, screenW-28, 50, 25, fill(paper))
	// a padlock
	lx, ly := 40.0, statusH+31.0
	c.path(fmt.Sprintf("M%s %s v-6 a7 7 0 0 1 14 0 v6", num(lx-7), num(ly-2)), line("#3C4043", 3))
	c.rect(lx-10, ly-3, 20, 15, 3, fill("#3C4043"))
	c.line1(58, statusH+31, screenW-90, textStyle{size: 23, color: ink}, "dichvucong.gov.vn")
	s.y = statusH + 64
}

// emblem is a plain stand-in for the state emblem at the head of official
// pages: a red disc with a gold star.
func (c *canvas) emblem(cx, cy, r float64) {
	c.circle(cx, cy, r, fill(gold))
	c.circle(cx, cy, r*0.84, fill(portalRed))
	c.star(cx, cy, r*0.62, gold)
}

// portalHeader: the national portal's head as it shows on a phone, with the
// login button (or, logged in, the account button) at the top right.
func (s *screen) portalHeader(login, account int) {
	c := s.c
	y := s.y
	h := 92.0
	c.rect(0, y, screenW, h, 0, fill(paper))
	c.emblem(38, y+h/2, 26)
	st := textStyle{size: 20, bold: true, color: portalRed}
	c.text(72, y+h/2-st.size*lineGap, 180, st, "CỔNG DỊCH VỤ\nCÔNG QUỐC GIA")
	if login >= 0 {
		bw, bh := 126.0, 48.0
		bx, by := screenW-bw-12, y+(h-bh)/2
		c.rect(bx, by, bw, bh, 8, fill(portalBlu))
		c.line1(bx, by+bh/2, bw, textStyle{size: 21, bold: true, color: paper, align: center}, "Đăng nhập")
		s.mark(login, bx, by, bw, bh)
	} else {
		r := 24.0
		cx, cy := screenW-12-r-4, y+h/2
		c.circle(cx, cy, r, fill(portalBlu))
		c.circle(cx, cy-7, 8, fill(paper))
		c.path(fmt.Sprintf("M%s %s a14 12 0 0 1 28 0 Z", num(cx-14), num(cy+15)), fill(paper))
		s.mark(account, cx-r, cy-r, 2*r, 2*r)
	}
	c.rect(0, y+h, screenW, 6, 0, fill(portalBlu))
	s.y = y + h + 6 + 18
}

// payHeader: the head of the portal's payment page.
func (s *screen) payHeader() {
	c := s.c
	y := s.y
	c.rect(0, y, screenW, 70, 0, fill(portalBlu))
	c.emblem(36, y+35, 20)
	c.line1(66, y+35, screenW-80, textStyle{size: 23, bold: true, color: paper}, "Thanh toán trực tuyến")
	s.y = y + 70 + 18
}

// ---- screen items ----

type heading struct {
	s     string
	size  float64
	align align
	color string
}

func (h heading) layout(s *screen) {
	st := textStyle{size: or(h.size, 30), bold: true, color: orS(h.color, ink), align: h.align}
	s.y += s.c.text(pad, s.y, s.w-2*pad, st, h.s) + 18
}

type para struct {
	s     string
	size  float64
	color string
	align align
	bold  bool
}

func (p para) layout(s *screen) {
	st := textStyle{size: or(p.size, 24), bold: p.bold, color: orS(p.color, grey), align: p.align}
	s.y += s.c.text(pad, s.y, s.w-2*pad, st, p.s) + 12
}

type space float64

func (sp space) layout(s *screen) { s.y += float64(sp) }

// field is a labelled input box; hint shows its value as a grey placeholder.
type field struct {
	label, value string
	hint, secret bool
	tap          int
}

func (f field) layout(s *screen) {
	c := s.c
	s.y += c.text(pad, s.y, s.w-2*pad, textStyle{size: 25, bold: true, color: ink}, f.label) + 14
	x, w, h := float64(pad), float64(s.w-2*pad), 62.0
	c.rect(x, s.y, w, h, 10, paint{fill: paper, stroke: "#8C96A3", width: 2.5})
	switch {
	case f.secret:
		for i := 0; i < 8; i++ {
			c.circle(x+24+float64(i)*22, s.y+h/2, 7, fill(ink))
		}
		eye(c, x+w-32, s.y+h/2)
	default:
		color := ink
		if f.hint {
			color = hintGrey
		}
		c.line1(x+16, s.y+h/2, w-32, textStyle{size: 26, color: color}, f.value)
	}
	s.mark(f.tap, x, s.y, w, h)
	s.y += h + 20
}

func eye(c *canvas, cx, cy float64) {
	c.path(fmt.Sprintf("M%s %s Q%s %s %s %s Q%s %s %s %s Z", num(cx-16), num(cy), num(cx), num(cy-16), num(cx+16), num(cy), num(cx), num(cy+16), num(cx-16), num(cy)), line(grey, 3))
	c.circle(cx, cy, 5, fill(grey))
}

type button struct {
	s     string
	color string
	pill  bool // rounded ends, as VNeID draws its buttons
	tap   int
}

func (b button) layout(s *screen) {
	c := s.c
	x, w, h := float64(pad), float64(s.w-2*pad), 66.0
	r := 10.0
	if b.pill {
		r = h / 2
	}
	c.rect(x, s.y, w, h, r, fill(orS(b.color, portalBlu)))
	c.line1(x, s.y+h/2, w, textStyle{size: 29, bold: true, color: paper, align: center}, b.s)
	s.mark(b.tap, x, s.y, w, h)
	s.y += h + 18
}

// choice is a large tappable card: an icon, a label, a chevron.
type choice struct {
	icon string
	s    string
	tap  int
}

func (ch choice) layout(s *screen) {
	c := s.c
	x, w := float64(pad), float64(s.w-2*pad)
	st := textStyle{size: 25, bold: true, color: ink}
	tw := w - 100
	th := c.textHeight(tw, st, ch.s)
	h := math.Max(th+32, 84)
	c.rect(x, s.y, w, h, 12, paint{fill: paper, stroke: rule, width: 2})
	drawIcon(c, ch.icon, x+36, s.y+h/2)
	c.text(x+72, s.y+(h-th)/2, tw, st, ch.s)
	c.poly(line(grey, 4), false, x+w-26, s.y+h/2-10, x+w-16, s.y+h/2, x+w-26, s.y+h/2+10)
	s.mark(ch.tap, x, s.y, w, h)
	s.y += h + 14
}

// menu is a list of rows, each an icon and a label, as in an account menu.
type menu []menuRow

type menuRow struct {
	icon, s string
	color   string
	tap     int
}

func (m menu) layout(s *screen) {
	c := s.c
	x, w := float64(pad), float64(s.w-2*pad)
	style := func(r menuRow) textStyle {
		return textStyle{size: 26, bold: r.tap != 0, color: orS(r.color, ink)}
	}
	hs := make([]float64, len(m))
	total := 0.0
	for i, r := range m {
		hs[i] = math.Max(70, c.textHeight(w-80, style(r), r.s)+20)
		total += hs[i]
	}
	c.rect(x, s.y, w, total, 12, paint{fill: paper, stroke: rule, width: 2})
	y := s.y
	for i, r := range m {
		h := hs[i]
		if i > 0 {
			c.rect(x+12, y, w-24, 2, 0, fill(rule))
		}
		drawIcon(c, r.icon, x+34, y+h/2)
		st := style(r)
		c.text(x+66, y+(h-c.textHeight(w-80, st, r.s))/2, w-80, st, r.s)
		s.mark(r.tap, x, y, w, h)
		y += h
	}
	s.y += total + 16
}

// otp is the six boxes of a one-time code, the first digits typed.
type otp struct {
	typed string
	tap   int
}

func (o otp) layout(s *screen) {
	c := s.c
	bw, gap := 42.0, 8.0
	total := 6*bw + 5*gap
	x0 := (s.w - total) / 2
	for i := 0; i < 6; i++ {
		x := x0 + float64(i)*(bw+gap)
		col := "#8C96A3"
		if i == len(o.typed) {
			col = vneidRed
		}
		c.rect(x, s.y, bw, 62, 8, paint{fill: paper, stroke: col, width: 3})
		if i < len(o.typed) {
			c.line1(x, s.y+31, bw, textStyle{size: 32, bold: true, color: ink, align: center}, o.typed[i:i+1])
		}
	}
	s.mark(o.tap, x0, s.y, total, 62)
	s.y += 62 + 24
}

type radio struct {
	s   string
	on  bool
	tap int
}

func (r radio) layout(s *screen) {
	c := s.c
	x, w := float64(pad), float64(s.w-2*pad)
	st := textStyle{size: 25, bold: r.on, color: ink}
	th := c.textHeight(w-72, st, r.s)
	h := math.Max(th+26, 70)
	border, bw := rule, 2.0
	if r.on {
		border, bw = portalBlu, 3
	}
	c.rect(x, s.y, w, h, 12, paint{fill: paper, stroke: border, width: bw})
	c.circle(x+32, s.y+h/2, 14, paint{fill: paper, stroke: portalBlu, width: 3})
	if r.on {
		c.circle(x+32, s.y+h/2, 8, fill(portalBlu))
	}
	c.text(x+58, s.y+(h-th)/2, w-72, st, r.s)
	s.mark(r.tap, x, s.y, w, h)
	s.y += h + 12
}

// kv is one line of a summary: a label on the left, its value on the right.
type kv struct {
	k, v  string
	big   bool
	tap   int
	color string
}

func (r kv) layout(s *screen) {
	c := s.c
	x, w := float64(pad), float64(s.w-2*pad)
	vs := textStyle{size: 25, bold: true, color: orS(r.color, ink), align: right}
	if r.big {
		vs.size = 32
	}
	h := vs.size*lineGap + 12
	c.line1(x, s.y+h/2, w/2, textStyle{size: 24, color: grey}, r.k)
	vw := c.textWidth(vs, r.v)
	if kw := c.textWidth(textStyle{size: 24}, r.k); kw+vw+16 > w {
		c.overflow = append(c.overflow, r.k+" "+r.v)
	}
	c.line1(x+w-vw-4, s.y+h/2, vw+4, vs, r.v)
	s.mark(r.tap, x+w-vw-10, s.y, vw+14, h)
	s.y += h
	c.rect(x, s.y, w, 2, 0, fill(rule))
	s.y += 10
}

// done is a big green tick over a line of text.
type done struct{ s string }

func (d done) layout(s *screen) {
	c := s.c
	cx := float64(s.w) / 2
	c.circle(cx, s.y+52, 50, fill(okGreen))
	c.poly(line(paper, 11), false, cx-24, s.y+54, cx-6, s.y+72, cx+26, s.y+36)
	s.y += 118
	s.y += c.text(pad, s.y, s.w-2*pad, textStyle{size: 28, bold: true, color: okGreen, align: center}, d.s) + 14
}

// search is a search box with a typed text (or a grey hint) and a button.
type search struct {
	s    string
	hint bool
	tap  int
}

func (q search) layout(s *screen) {
	c := s.c
	x, w, h := float64(pad), float64(s.w-2*pad), 62.0
	c.rect(x, s.y, w, h, 10, paint{fill: paper, stroke: portalBlu, width: 3})
	col := ink
	if q.hint {
		col = hintGrey
	}
	c.line1(x+16, s.y+h/2, w-90, textStyle{size: 26, color: col}, q.s)
	c.rect(x+w-66, s.y+6, 60, h-12, 8, fill(portalBlu))
	mx, my := x+w-38, s.y+h/2-3
	c.circle(mx, my, 11, line(paper, 4))
	c.poly(line(paper, 5), false, mx+8, my+8, mx+16, my+16)
	s.mark(q.tap, x, s.y, w, h)
	s.y += h + 20
}

// result is one procedure in a list: its name and, when given, a button.
type result struct {
	title  string
	btn    string
	tap    int // the card
	tapBtn int // the button
}

func (r result) layout(s *screen) {
	c := s.c
	x, w := float64(pad), float64(s.w-2*pad)
	st := textStyle{size: 25, bold: true, color: portalBlu}
	th := c.textHeight(w-36, st, r.title)
	h := th + 28
	if r.btn != "" {
		h += 78
	}
	c.rect(x, s.y, w, h, 12, paint{fill: paper, stroke: rule, width: 2})
	c.text(x+18, s.y+14, w-36, st, r.title)
	if r.btn != "" {
		bw := c.textWidth(textStyle{size: 25, bold: true}, r.btn) + 40
		bx, by := x+18, s.y+th+36
		c.rect(bx, by, bw, 52, 8, fill(portalRed))
		c.line1(bx, by+26, bw, textStyle{size: 25, bold: true, color: paper, align: center}, r.btn)
		s.mark(r.tapBtn, bx, by, bw, 52)
	}
	s.mark(r.tap, x, s.y, w, h)
	s.y += h + 14
}

// timeline: the stages of an application, done ones ticked green.
type timeline []stage

type stage struct {
	s     string
	state int // 0 done, 1 now, 2 to come
	tap   int
}

func (t timeline) layout(s *screen) {
	c := s.c
	x := float64(pad) + 28
	step := 92.0
	for i, st := range t {
		cy := s.y + 30 + float64(i)*step
		if i+1 < len(t) {
			col := okGreen
			if st.state > 0 {
				col = rule
			}
			c.rect(x-3, cy, 6, step, 0, fill(col))
		}
	}
	for i, st := range t {
		cy := s.y + 30 + float64(i)*step
		ts := textStyle{size: 26, bold: st.state < 2, color: ink}
		switch st.state {
		case 0:
			c.circle(x, cy, 24, fill(okGreen))
			c.poly(line(paper, 6), false, x-11, cy+1, x-3, cy+9, x+12, cy-8)
		case 1:
			c.circle(x, cy, 24, fill(portalBlu))
			c.circle(x, cy, 9, fill(paper))
			ts.color = portalBlu
		default:
			c.circle(x, cy, 22, paint{fill: paper, stroke: rule, width: 4})
			ts.color = hintGrey
		}
		c.line1(x+40, cy, s.w-x-40-pad, ts, st.s)
		s.mark(st.tap, x-30, cy-32, s.w-2*pad-8, 64)
	}
	s.y += float64(len(t))*step + 10
}

// doc is a paper in a list: a page icon, its name, a line under it, and an
// optional button on the right.
type doc struct {
	title, sub string
	btn        string
	btnIcon    string // "upload" unless told
	tap        int
	tapBtn     int
}

func (d doc) layout(s *screen) {
	c := s.c
	x, w := float64(pad), float64(s.w-2*pad)
	tw := w - 96
	st := textStyle{size: 25, bold: true, color: ink}
	sub := textStyle{size: 21, color: grey}
	th := c.textHeight(tw, st, d.title)
	if d.sub != "" {
		th += c.textHeight(tw, sub, d.sub)
	}
	h := math.Max(th+28, 92)
	if d.btn != "" {
		h += 64
	}
	c.rect(x, s.y, w, h, 12, paint{fill: paper, stroke: rule, width: 2})
	page(c, x+16, s.y+16, 48, 60)
	ty := s.y + 16
	ty += c.text(x+80, ty, tw, st, d.title)
	if d.sub != "" {
		c.text(x+80, ty, tw, sub, d.sub)
	}
	if d.btn != "" {
		bw := c.textWidth(textStyle{size: 25, bold: true}, d.btn) + 84
		bx, by := x+w-bw-14, s.y+h-64
		c.rect(bx, by, bw, 52, 8, paint{fill: paper, stroke: portalBlu, width: 3})
		drawIcon(c, orS(d.btnIcon, "upload"), bx+28, by+26)
		c.line1(bx+56, by+26, bw-62, textStyle{size: 25, bold: true, color: portalBlu}, d.btn)
		s.mark(d.tapBtn, bx, by, bw, 52)
	}
	s.mark(d.tap, x, s.y, w, h)
	s.y += h + 14
}

// page draws a sheet of paper with lines of writing.
func page(c *canvas, x, y, w, h float64) {
	c.rect(x, y, w, h, 4, paint{fill: paper, stroke: grey, width: 2.5})
	for i := 0; i < 4; i++ {
		lw := w - 16
		if i == 3 {
			lw = (w - 16) * 0.6
		}
		c.rect(x+8, y+12+float64(i)*11, lw, 4, 2, fill(hintGrey))
	}
}

// tiles: the VNeID home screen's grid of services.
type tiles []tileSpec

type tileSpec struct{ icon, s string }

func (t tiles) layout(s *screen) {
	c := s.c
	cols := 2
	gap := 14.0
	w := (s.w - 2*pad - gap) / float64(cols)
	h := 118.0
	for i, ti := range t {
		x := float64(pad) + float64(i%cols)*(w+gap)
		y := s.y + float64(i/cols)*(h+gap)
		c.rect(x, y, w, h, 14, paint{fill: paper, stroke: rule, width: 2})
		drawIcon(c, ti.icon, x+w/2, y+38)
		c.text(x+6, y+66, w-12, textStyle{size: 20, bold: true, color: ink, align: center}, ti.s)
	}
	rows := (len(t) + cols - 1) / cols
	s.y += float64(rows)*(h+gap) + 6
}

// footer: two links at the bottom of the screen (the VNeID login screen).
type footer struct {
	left, right string
	tap         int // the right one
}

func (f footer) layout(s *screen) {
	c := s.c
	y := float64(s.h) - 120
	c.rect(pad, y, s.w-2*pad, 2, 0, fill(rule))
	half := (s.w - 2*pad) / 2.0
	drawIcon(c, "key", pad+half/2, y+36)
	c.text(pad, y+58, half, textStyle{size: 20, bold: true, color: grey, align: center}, f.left)
	drawIcon(c, "user+", pad+half+half/2, y+36)
	c.text(pad+half, y+58, half, textStyle{size: 22, bold: true, color: vneidRed, align: center}, f.right)
	s.mark(f.tap, pad+half+12, y+12, half-24, 86)
}

// brand: the VNeID name under a plain emblem, at the head of its screens.
type brand struct{}

func (brand) layout(s *screen) {
	c := s.c
	cx := float64(s.w) / 2
	c.emblem(cx, s.y+48, 44)
	s.y += 104
	s.y += c.text(pad, s.y, s.w-2*pad, textStyle{size: 40, bold: true, color: vneidRed, align: center}, "VNeID") + 4
}

// notice: a message dropping down from the top of the screen.
type notice struct {
	from, s string
	tap     int
}

func (notice) overlay() {}

func (n notice) layout(s *screen) {
	c := s.c
	x, y, w := 10.0, 40.0, float64(s.w-20)
	st := textStyle{size: 24, bold: true, color: ink}
	th := c.textHeight(w-84, st, n.s)
	h := th + 58
	c.rect(x+3, y+5, w, h, 18, paint{fill: "#000000", opacity: 0.18})
	c.rect(x, y, w, h, 18, paint{fill: paper, stroke: rule, width: 2})
	drawIcon(c, "sms", x+38, y+42)
	c.line1(x+70, y+26, w-84, textStyle{size: 20, color: grey}, n.from)
	c.text(x+70, y+42, w-84, st, n.s)
	s.mark(n.tap, x, y, w, h)
}

// dialog: a question over the dimmed screen, with two answers.
type dialog struct {
	title, body string
	no, yes     string
	tap         int // the "yes" answer
}

func (dialog) overlay() {}

func (d dialog) layout(s *screen) {
	c := s.c
	c.rect(0, 0, s.w, s.h, 42, paint{fill: "#000000", opacity: 0.45})
	x, w := 18.0, float64(s.w-36)
	tst := textStyle{size: 28, bold: true, color: ink, align: center}
	bst := textStyle{size: 23, color: "#333333", align: center}
	th := c.textHeight(w-40, tst, d.title)
	bh := c.textHeight(w-40, bst, d.body)
	h := 30 + th + 12 + bh + 24 + 64 + 24
	y := (s.h - h) / 2
	c.rect(x, y, w, h, 20, fill(paper))
	yy := y + 30
	yy += c.text(x+20, yy, w-40, tst, d.title) + 12
	yy += c.text(x+20, yy, w-40, bst, d.body) + 24
	bw := (w - 60) / 2
	c.rect(x+20, yy, bw, 64, 32, paint{fill: paper, stroke: vneidRed, width: 3})
	c.line1(x+20, yy+32, bw, textStyle{size: 25, bold: true, color: vneidRed, align: center}, d.no)
	c.rect(x+40+bw, yy, bw, 64, 32, fill(vneidRed))
	c.line1(x+40+bw, yy+32, bw, textStyle{size: 25, bold: true, color: paper, align: center}, d.yes)
	s.mark(d.tap, x+40+bw, yy, bw, 64)
}

// storeApp: an app's entry in the app store, with its install button.
type storeApp struct {
	name, maker string
	btn         string
	tap         int
}

func (a storeApp) layout(s *screen) {
	c := s.c
	x := float64(pad)
	appIcon(c, x, s.y, 96)
	c.text(x+114, s.y+4, s.w-x-114-pad, textStyle{size: 34, bold: true, color: ink}, a.name)
	c.text(x+114, s.y+52, s.w-x-114-pad, textStyle{size: 20, bold: true, color: playGreen}, a.maker)
	s.y += 96 + 70
	w, h := float64(s.w-2*pad), 64.0
	c.rect(x, s.y, w, h, 32, fill(playGreen))
	c.line1(x, s.y+h/2, w, textStyle{size: 28, bold: true, color: paper, align: center}, a.btn)
	s.mark(a.tap, x, s.y, w, h)
	s.y += h + 24
}

// appIcon: the VNeID app's icon as a plain stand-in: a red tile, the star,
// the name.
func appIcon(c *canvas, x, y, size float64) {
	c.rect(x, y, size, size, size*0.22, fill(vneidRed))
	c.star(x+size/2, y+size*0.36, size*0.22, gold)
	c.line1(x, y+size*0.76, size, textStyle{size: size * 0.22, bold: true, color: paper, align: center}, "VNeID")
}

// storeSearch: the app store's search bar with the name typed in.
type storeSearch struct{ s string }

func (q storeSearch) layout(s *screen) {
	c := s.c
	x, w, h := 14.0, float64(s.w-28), 60.0
	c.rect(x, s.y, w, h, 30, fill("#E8EEF4"))
	c.poly(line(ink, 4), false, x+34, s.y+18, x+22, s.y+30, x+34, s.y+42)
	c.line1(x+58, s.y+h/2, w-110, textStyle{size: 26, bold: true, color: ink}, q.s)
	mx, my := x+w-36, s.y+h/2-3
	c.circle(mx, my, 10, line(ink, 3.5))
	c.poly(line(ink, 4), false, mx+7, my+7, mx+14, my+14)
	s.y += h + 30
}

// bubble: a received text message.
type bubble struct {
	s   string
	tap int // marks the line that starts with "Mã hồ sơ"
	hl  string
}

func (b bubble) layout(s *screen) {
	c := s.c
	x, w := float64(pad), float64(s.w-2*pad-30)
	st := textStyle{size: 23, color: ink}
	th := c.textHeight(w-32, st, b.s)
	hh := 0.0
	if b.hl != "" {
		hh = c.textHeight(w-32, textStyle{size: 24, bold: true}, b.hl) + 24
	}
	h := th + hh + 32
	c.rect(x, s.y, w, h, 20, fill("#E4E8EE"))
	c.text(x+16, s.y+16, w-32, st, b.s)
	if b.hl != "" {
		hy := s.y + 16 + th + 24
		c.text(x+16, hy, w-32, textStyle{size: 24, bold: true, color: ink}, b.hl)
		s.mark(b.tap, x+8, hy-4, w-16, hh)
	}
	s.y += h + 16
}

// viewfinder: the camera aimed at the kiosk: an empty frame in the middle
// (no code is drawn, so nothing in the picture can be scanned) and the link
// the camera offers.
type viewfinder struct {
	link string
	tap  int
}

func (v viewfinder) layout(s *screen) {
	c := s.c
	// what the camera sees: the kiosk's screen, and on it the empty frame
	// where the kiosk shows its code
	c.rect(30, 70, s.w-60, 380, 16, fill("#3A4656"))
	c.rect(50, 90, s.w-100, 340, 10, fill("#C9D6E6"))
	fw := 190.0
	fx, fy := s.w/2-fw/2, 150.0
	c.rect(fx, fy, fw, fw, 10, fill(paper))
	corners(c, fx-14, fy-14, fw+28, paper, 7)
	y := 480.0
	w := s.w - 2*pad
	c.rect(pad, y, w, 74, 37, fill(paper))
	drawIcon(c, "globe", pad+40, y+37)
	c.line1(pad+70, y+37, w-90, textStyle{size: 25, bold: true, color: portalBlu}, v.link)
	s.mark(v.tap, pad, y, w, 74)
	// the shutter
	c.circle(s.w/2, s.h-60, 34, paint{fill: "#EEEEEE", stroke: "#777777", width: 4})
}

// corners draws the four corner brackets of a camera's framing box.
func corners(c *canvas, x, y, w float64, color string, width float64) {
	l := w * 0.22
	c.poly(line(color, width), false, x, y+l, x, y, x+l, y)
	c.poly(line(color, width), false, x+w-l, y, x+w, y, x+w, y+l)
	c.poly(line(color, width), false, x, y+w-l, x, y+w, x+l, y+w)
	c.poly(line(color, width), false, x+w-l, y+w, x+w, y+w, x+w, y+w-l)
}

// levelBadge: the account's level as VNeID shows it on its home screen.
type levelBadge struct {
	name, account, level string
	tap                  int
}

func (b levelBadge) layout(s *screen) {
	c := s.c
	x, w := float64(pad), float64(s.w-2*pad)
	as := textStyle{size: 20, color: grey}
	ah := c.textHeight(w-28-76, as, b.account)
	bh := ah + 31*lineGap + 24
	h := 112 + bh + 16
	c.rect(x, s.y, w, h, 18, fill(vneidRed))
	c.circle(x+52, s.y+56, 32, fill("#F3D9D9"))
	c.circle(x+52, s.y+46, 12, fill(vneidRed))
	c.path(fmt.Sprintf("M%s %s a22 18 0 0 1 44 0 Z", num(x+30), num(s.y+78)), fill(vneidRed))
	c.line1(x+98, s.y+38, w-110, textStyle{size: 21, color: "#F8E1E1"}, "Xin chào")
	c.line1(x+98, s.y+70, w-110, textStyle{size: 25, bold: true, color: paper}, b.name)
	bx, by, bw := x+14, s.y+112, w-28
	c.rect(bx, by, bw, bh, 20, fill(paper))
	c.circle(bx+36, by+bh/2, 22, fill(okGreen))
	c.poly(line(paper, 5), false, bx+26, by+bh/2+1, bx+34, by+bh/2+9, bx+47, by+bh/2-8)
	c.text(bx+68, by+12, bw-76, as, b.account)
	c.text(bx+68, by+12+ah, bw-76, textStyle{size: 31, bold: true, color: okGreen}, b.level)
	s.mark(b.tap, bx, by, bw, bh)
	s.y += h + 22
}

// tabBar: VNeID's bottom navigation.
type tabBar []tileSpec

func (t tabBar) layout(s *screen) {
	c := s.c
	y := float64(s.h) - 96
	c.rect(0, y, s.w, 2, 0, fill(rule))
	w := float64(s.w) / float64(len(t))
	for i, ti := range t {
		cx := w*float64(i) + w/2
		drawIcon(c, ti.icon, cx, y+30)
		col := grey
		if i == 0 {
			col = vneidRed
		}
		c.text(w*float64(i), y+52, w, textStyle{size: 17, bold: i == 0, color: col, align: center}, ti.s)
	}
}

// photo is the picture of a paper just taken, with a tick.
type photo struct{ s string }

func (p photo) layout(s *screen) {
	c := s.c
	w := 200.0
	x := (s.w - w) / 2
	c.rect(x-10, s.y, w+20, 250, 12, fill("#D7DEE8"))
	page(c, x+20, s.y+20, w-40, 210)
	c.circle(x+w, s.y+20, 26, fill(okGreen))
	c.poly(line(paper, 6), false, x+w-12, s.y+21, x+w-3, s.y+30, x+w+12, s.y+12)
	s.y += 262
	if p.s != "" {
		s.y += c.text(pad, s.y, s.w-2*pad, textStyle{size: 22, color: grey, align: center}, p.s) + 8
	}
}

// selfie: the camera's round frame for the face.
type selfie struct{ tap int }

func (f selfie) layout(s *screen) {
	c := s.c
	cx, cy := float64(s.w)/2, s.y+170
	c.rect(0, s.y-20, s.w, 380, 0, fill("#263238"))
	c.ellipse(cx, cy, 120, 150, fill("#CFD8DC"))
	// a plain face
	c.ellipse(cx, cy-10, 62, 78, fill("#F2C9A0"))
	c.path(fmt.Sprintf("M%s %s Q%s %s %s %s Q%s %s %s %s Z", num(cx-64), num(cy-22), num(cx), num(cy-130), num(cx+64), num(cy-22), num(cx), num(cy-70), num(cx-64), num(cy-22)), fill("#4E342E"))
	c.circle(cx-22, cy-8, 6, fill(ink))
	c.circle(cx+22, cy-8, 6, fill(ink))
	c.path(fmt.Sprintf("M%s %s Q%s %s %s %s", num(cx-20), num(cy+30), num(cx), num(cy+44), num(cx+20), num(cy+30)), line("#8D4B3A", 4))
	c.ellipse(cx, cy, 120, 150, line(okGreen, 7))
	s.y += 380
	r := 40.0
	by := s.y + 20
	c.circle(cx, by+r, r, paint{fill: paper, stroke: vneidRed, width: 6})
	c.circle(cx, by+r, r-14, fill(vneidRed))
	s.mark(f.tap, cx-r, by, 2*r, 2*r)
	s.y = by + 2*r + 16
}

func or(v, d float64) float64 {
	if v == 0 {
		return d
	}
	return v
}

func orS(v, d string) string {
	if v == "" {
		return d
	}
	return v
}

// codeBox: a code the resident should write down, large, under its label.
type codeBox struct {
	label, code string
	tap         int
}

func (b codeBox) layout(s *screen) {
	c := s.c
	x, w := float64(pad), float64(s.w-2*pad)
	s.y += c.text(x, s.y, w, textStyle{size: 24, color: grey, align: center}, b.label) + 16
	h := 70.0
	c.rect(x, s.y, w, h, 12, paint{fill: "#FFF8E1", stroke: "#C9A227", width: 2.5})
	c.line1(x, s.y+h/2, w, textStyle{size: 27, bold: true, color: ink, align: center}, b.code)
	s.mark(b.tap, x, s.y, w, h)
	s.y += h + 20
}
