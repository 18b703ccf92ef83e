package main

import "fmt"

// Scenes with more than one phone screen: the things around the phone.

// together draws its scenes one over the other, in order.
type together []scene

func (t together) draw(c *canvas) {
	for _, s := range t {
		s.draw(c)
	}
}

// rings marks places to tap outside any phone, without a hand.
type rings []tap

func (r rings) draw(c *canvas) { drawTaps(c, r, true, false) }

// numberAt puts a step number beside a part of the picture.
type numberAt struct {
	x, y float64
	n    int
}

func (b numberAt) draw(c *canvas) { badge(c, b.x, b.y, b.n) }

// idCard is the chip ID card (căn cước) as a plain drawing: its title, a
// photo, the chip. Its real face also carries a QR code; this one does not,
// so that no camera tries to read the picture.
type idCard struct {
	x, y, w float64
	rotate  float64
}

func (k idCard) draw(c *canvas) {
	h := k.w * 0.63
	end := c.group(fmt.Sprintf("translate(%s %s) rotate(%s)", num(k.x), num(k.y), num(k.rotate)))
	defer end()
	c.rect(4, 6, k.w, h, 16, paint{fill: "#000000", opacity: 0.15})
	c.rect(0, 0, k.w, h, 16, paint{fill: "#E4EEF0", stroke: "#7A8E99", width: 3})
	u := k.w / 100
	c.emblem(11*u, 12*u, 7*u)
	c.text(21*u, 4*u, 76*u, textStyle{size: 9.5 * u, bold: true, color: portalRed, align: center}, "CĂN CƯỚC")
	// the photo
	c.rect(6*u, 24*u, 24*u, 32*u, 2*u, fill("#B0BEC5"))
	c.circle(18*u, 36*u, 6*u, fill("#78909C"))
	c.path(fmt.Sprintf("M%s %s a10 8 0 0 1 %s 0 Z", num(8*u), num(56*u), num(20*u)), fill("#78909C"))
	// the chip
	c.rect(36*u, 26*u, 15*u, 12*u, 2*u, paint{fill: "#E0B341", stroke: "#9C7A1E", width: 1.5})
	c.poly(line("#9C7A1E", 1.5), false, 36*u, 32*u, 51*u, 32*u)
	c.poly(line("#9C7A1E", 1.5), false, 43.5*u, 26*u, 43.5*u, 38*u)
	for i := 0; i < 3; i++ {
		c.rect(36*u, (43+float64(i)*6)*u, (52-float64(i)*12)*u, 2.6*u, 1.3*u, fill("#90A4AE"))
	}
}

// phoneBack is a phone seen from behind, its cameras at the top.
type phoneBack struct{ at place }

func (p phoneBack) draw(c *canvas) {
	end := c.group(fmt.Sprintf("translate(%s %s) scale(%s %s)", num(p.at.x), num(p.at.y), exact(p.at.scale), exact(p.at.scale)))
	defer end()
	c.rect(10, 14, phoneW, phoneH, 56, paint{fill: "#000000", opacity: 0.10})
	c.rect(0, 0, phoneW, phoneH, 56, fill("#34495E"))
	c.rect(30, 30, 130, 190, 34, fill("#22303D"))
	c.circle(95, 85, 34, paint{fill: "#101820", stroke: "#5D6D7E", width: 5})
	c.circle(95, 165, 34, paint{fill: "#101820", stroke: "#5D6D7E", width: 5})
}

// waves are the arcs of a radio signal (NFC) around (x, y).
type waves struct{ x, y float64 }

func (w waves) draw(c *canvas) {
	for i, r := range []float64{26, 46, 66} {
		c.path(fmt.Sprintf("M%s %s A%s %s 0 0 1 %s %s", num(w.x-r*0.7), num(w.y-r*0.7), num(r), num(r), num(w.x+r*0.7), num(w.y-r*0.7)), line(accent, 9-float64(i)*2))
	}
}

// kioskStand is the counter's kiosk, its screen showing where the QR code
// appears (an empty frame: the real code is on the real kiosk screen).
type kioskStand struct{ x, y, w float64 }

func (k kioskStand) draw(c *canvas) {
	h := k.w * 0.66
	c.rect(k.x+k.w/2-30, k.y+h, 60, 150, 0, fill("#5D6D7E"))
	c.rect(k.x+k.w/2-110, k.y+h+140, 220, 26, 13, fill("#5D6D7E"))
	c.rect(k.x, k.y, k.w, h, 22, fill(body))
	sx, sy, sw, sh := k.x+18, k.y+18, k.w-36, h-36
	c.rect(sx, sy, sw, sh, 8, fill(backdrop))
	fw := sh * 0.58
	fx, fy := sx+(sw-fw)/2, sy+24
	c.rect(fx, fy, fw, fw, 8, fill(paper))
	corners(c, fx-10, fy-10, fw+20, ink, 6)
	c.text(sx, fy+fw+18, sw, textStyle{size: 22, bold: true, color: ink, align: center}, "Quét mã bằng điện thoại")
}

// policeStation is the commune police's office.
type policeStation struct{ x, y, w float64 }

func (p policeStation) draw(c *canvas) {
	x, y, w := p.x, p.y, p.w
	h := w * 0.62
	c.poly(fill("#B23A2E"), true, x-20, y+70, x+w/2, y, x+w+20, y+70)
	c.rect(x, y+70, w, h, 0, fill("#F4D27A"))
	c.rect(x, y+70, w, 14, 0, fill("#D9B45A"))
	// the sign
	c.rect(x+w*0.12, y+100, w*0.76, 64, 8, fill(vneidRed))
	c.emblem(x+w*0.12+36, y+132, 22)
	c.line1(x+w*0.12+66, y+132, w*0.76-76, textStyle{size: 30, bold: true, color: gold}, "CÔNG AN XÃ")
	// windows and the door
	for _, wx := range []float64{0.08, 0.74} {
		c.rect(x+w*wx, y+190, w*0.18, 90, 6, paint{fill: "#BBDEFB", stroke: "#8D6E63", width: 4})
	}
	c.rect(x+w*0.36, y+186, w*0.28, h-116, 8, paint{fill: "#8D6E63", stroke: "#5D4037", width: 4})
	c.rect(x-30, y+70+h, w+60, 16, 4, fill("#9E9E9E"))
}

// receipt is the paper the counter hands over with an application, with
// the application's code on it.
type receipt struct {
	x, y, w, h float64
	code       string
	tap        int
}

func (r receipt) draw(c *canvas) {
	c.rect(r.x+6, r.y+8, r.w, r.h, 6, paint{fill: "#000000", opacity: 0.12})
	c.rect(r.x, r.y, r.w, r.h, 6, paint{fill: paper, stroke: "#9AA5B1", width: 2})
	y := r.y + 24
	y += c.text(r.x+16, y, r.w-32, textStyle{size: 20, bold: true, color: ink, align: center}, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") + 18
	for i := 0; i < 3; i++ {
		c.rect(r.x+22, y+float64(i)*22, r.w-44-float64(i%2)*60, 7, 3, fill("#B0BEC5"))
	}
	y += 3*22 + 14
	c.line1(r.x+18, y+18, r.w-36, textStyle{size: 22, color: grey}, "Mã hồ sơ:")
	y += 42
	c.line1(r.x+18, y+18, r.w-36, textStyle{size: 24, bold: true, color: ink}, r.code)
	rings{{n: r.tap, x: r.x + 10, y: y - 50, w: r.w - 20, h: 88}}.draw(c)
	y += 56
	for i := 0; i < 5; i++ {
		c.rect(r.x+22, y+float64(i)*22, r.w-44-float64(i%3)*40, 7, 3, fill("#B0BEC5"))
	}
}
