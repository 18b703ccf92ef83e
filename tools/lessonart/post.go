package main

import "fmt"

// The postal point's things: its counter, the papers handed over, the
// postal receipt, the price list, the envelope and the resident's home.
// Plain stand-ins in the postal service's yellow and blue, not its artwork.

const (
	postYellow = "#F9C100"
	postBlue   = "#0B4EA2"
	wood       = "#B07A4F"
)

// examplePostCode is the code on the example postal receipt.
const examplePostCode = "EB 000 000 001 VN"

// postCounter is the counter of a postal point, its sign above, a clerk
// behind it.
type postCounter struct{ x, y, w float64 }

func (p postCounter) draw(c *canvas) {
	x, y, w := p.x, p.y, p.w
	// the sign
	c.rect(x, y, w, 84, 10, fill(postYellow))
	c.line1(x+20, y+42, w-40, textStyle{size: 40, bold: true, color: postBlue, align: center}, "BƯU ĐIỆN")
	// the clerk: head and shoulders behind the counter
	cx := x + w*0.5
	c.circle(cx, y+200, 46, paint{fill: "#F2C9A0", stroke: "#5D3A22", width: 4})
	c.path(fmt.Sprintf("M%s %s q0 -70 %s -70 q%s 0 %s 70 Z", num(cx-110), num(y+330), num(110), num(110), num(110)), paint{fill: postBlue, stroke: "#08306B", width: 4})
	c.rect(cx-28, y+258, 56, 26, 6, fill(postYellow))
	// the counter top and front
	c.rect(x-20, y+320, w+40, 26, 6, fill("#8D5B36"))
	c.rect(x, y+346, w, 200, 0, fill(wood))
	for i := 0; i < 3; i++ {
		c.rect(x+20+float64(i)*(w-40)/3, y+366, (w-40)/3-16, 160, 8, paint{stroke: "#8D5B36", width: 4})
	}
}

// paperStack is a few papers, their lines sketched, fanned on the counter.
type paperStack struct {
	x, y, w float64
	title   string // on the top one
	tap     int
}

func (p paperStack) draw(c *canvas) {
	h := p.w * 1.3
	for i := 2; i >= 0; i-- {
		end := c.group(fmt.Sprintf("translate(%s %s) rotate(%d)", num(p.x+float64(i)*14), num(p.y-float64(i)*8), -4+4*i))
		page(c, 0, 0, p.w, h)
		if i == 0 && p.title != "" {
			c.text(12, 18, p.w-24, textStyle{size: 20, bold: true, color: ink, align: center}, p.title)
		}
		end()
	}
	rings{{n: p.tap, x: p.x - 12, y: p.y - 24, w: p.w + 52, h: h + 40}}.draw(c)
}

// postReceipt is the receipt the postal clerk gives, with the item's code.
type postReceipt struct {
	x, y, w, h float64
	tap        int
}

func (r postReceipt) draw(c *canvas) {
	c.rect(r.x+6, r.y+8, r.w, r.h, 6, paint{fill: "#000000", opacity: 0.12})
	c.rect(r.x, r.y, r.w, r.h, 6, paint{fill: paper, stroke: "#9AA5B1", width: 2})
	c.rect(r.x, r.y, r.w, 56, 6, fill(postYellow))
	c.line1(r.x+16, r.y+28, r.w-32, textStyle{size: 24, bold: true, color: postBlue, align: center}, "PHIẾU GỬI")
	y := r.y + 80
	for i := 0; i < 3; i++ {
		c.rect(r.x+22, y+float64(i)*22, r.w-44-float64(i%2)*60, 7, 3, fill("#B0BEC5"))
	}
	y += 3*22 + 20
	c.line1(r.x+18, y+18, r.w-36, textStyle{size: 22, color: grey}, "Mã bưu gửi:")
	y += 42
	c.line1(r.x+18, y+18, r.w-36, textStyle{size: 24, bold: true, color: ink}, examplePostCode)
	rings{{n: r.tap, x: r.x + 8, y: y - 50, w: r.w - 16, h: 88}}.draw(c)
	y += 56
	for i := 0; i < 4; i++ {
		c.rect(r.x+22, y+float64(i)*22, r.w-44-float64(i%3)*40, 7, 3, fill("#B0BEC5"))
	}
}

// priceBoard is the postal point's list of charges, on the wall.
type priceBoard struct {
	x, y, w float64
	tap     int
}

func (b priceBoard) draw(c *canvas) {
	h := b.w * 1.05
	c.rect(b.x+6, b.y+8, b.w, h, 10, paint{fill: "#000000", opacity: 0.12})
	c.rect(b.x, b.y, b.w, h, 10, paint{fill: paper, stroke: postBlue, width: 5})
	c.rect(b.x, b.y, b.w, 70, 10, fill(postBlue))
	c.line1(b.x+16, b.y+35, b.w-32, textStyle{size: 30, bold: true, color: paper, align: center}, "BẢNG GIÁ CƯỚC")
	for i := 0; i < 5; i++ {
		ry := b.y + 100 + float64(i)*(h-130)/5
		c.rect(b.x+24, ry, b.w*0.5, 10, 4, fill("#B0BEC5"))
		c.rect(b.x+b.w*0.68, ry, b.w*0.22, 10, 4, fill("#90A4AE"))
	}
	rings{{n: b.tap, x: b.x - 12, y: b.y - 12, w: b.w + 24, h: h + 24}}.draw(c)
}

// envelope is a postal envelope, a coloured band along its edge.
type envelope struct {
	x, y, w float64
	rotate  float64
}

func (e envelope) draw(c *canvas) {
	h := e.w * 0.62
	end := c.group(fmt.Sprintf("translate(%s %s) rotate(%s)", num(e.x), num(e.y), num(e.rotate)))
	defer end()
	c.rect(5, 7, e.w, h, 8, paint{fill: "#000000", opacity: 0.15})
	c.rect(0, 0, e.w, h, 8, paint{fill: "#FFF8E1", stroke: "#A1887F", width: 3})
	c.poly(paint{stroke: "#A1887F", width: 3}, false, 0, 0, e.w/2, h*0.55, e.w, 0)
	c.rect(e.w*0.08, h*0.66, e.w*0.5, 9, 4, fill("#B0BEC5"))
	c.rect(e.w*0.08, h*0.80, e.w*0.36, 9, 4, fill("#B0BEC5"))
	c.rect(e.w*0.76, h*0.62, e.w*0.16, e.w*0.16, 3, paint{fill: postYellow, stroke: postBlue, width: 2})
}

// office is a building the papers go to, a flag on its roof.
type office struct{ x, y, w float64 }

func (o office) draw(c *canvas) {
	x, y, w := o.x, o.y, o.w
	h := w * 0.7
	c.poly(line("#5D4037", 4), false, x+w/2, y+60, x+w/2, y-10)
	c.rect(x+w/2, y-10, 48, 32, 0, fill(portalRed))
	c.star(x+w/2+24, y+6, 10, gold)
	c.poly(fill("#90A4AE"), true, x-16, y+90, x+w/2, y+50, x+w+16, y+90)
	c.rect(x, y+90, w, h, 0, fill("#ECEFF1"))
	for i := 0; i < 4; i++ {
		c.rect(x+w*0.08+float64(i)*w*0.23, y+110, w*0.14, h-40, 4, fill("#CFD8DC"))
	}
	c.rect(x-24, y+90+h, w+48, 16, 4, fill("#9E9E9E"))
}

// arrow is a thick arrow from one point to another, along the floor.
type arrow struct{ x1, y1, x2, y2 float64 }

func (a arrow) draw(c *canvas) {
	c.poly(paint{stroke: accent, width: 12}, false, a.x1, a.y1, a.x2-20, a.y2)
	c.poly(fill(accent), true, a.x2, a.y2, a.x2-34, a.y2-22, a.x2-34, a.y2+22)
}

// house is the resident's home, where the result comes.
type house struct{ x, y, w float64 }

func (hs house) draw(c *canvas) {
	x, y, w := hs.x, hs.y, hs.w
	h := w * 0.62
	c.poly(fill("#C62828"), true, x-24, y+w*0.36, x+w/2, y, x+w+24, y+w*0.36)
	c.rect(x, y+w*0.36, w, h, 0, fill("#FFE0B2"))
	c.rect(x+w*0.14, y+w*0.48, w*0.24, w*0.22, 4, paint{fill: "#BBDEFB", stroke: "#8D6E63", width: 4})
	c.rect(x+w*0.56, y+w*0.46, w*0.28, h-w*0.10, 6, paint{fill: "#8D6E63", stroke: "#5D4037", width: 4})
}
