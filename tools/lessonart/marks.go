package main

import (
	"fmt"
	"math"
	"slices"
)

// drawTaps rings every place to tap. Several taps in turn get numbers and
// no hand (the numbers lead the way); a single one gets the hand.
func drawTaps(c *canvas, taps []tap, noHand, numbered bool) {
	if len(taps) == 0 {
		return
	}
	var ns []int
	for _, t := range taps {
		if !slices.Contains(ns, t.n) {
			ns = append(ns, t.n)
		}
	}
	slices.Sort(ns)
	numbers := numbered || len(ns) > 1
	for _, t := range taps {
		const grow = 9.0
		x, y, w, h := t.x-grow, t.y-grow, t.w+2*grow, t.h+2*grow
		r := math.Min(h/2, 26)
		c.rect(x, y, w, h, r, line(paper, 17))
		c.rect(x, y, w, h, r, line(accent, 9))
	}
	if numbers {
		seen := map[int]bool{}
		for _, t := range taps {
			if seen[t.n] {
				continue
			}
			seen[t.n] = true
			badge(c, t.x-9-26, t.y+t.h/2, t.n)
		}
	}
	if noHand || numbers {
		return
	}
	for _, t := range taps {
		if t.n == ns[0] {
			// the fingertip low on the right of the target, so the
			// hand hides as little of its label as it can
			x, y := t.x+t.w-math.Min(t.w*0.16, 48), t.y+t.h*0.72
			// near the right edge or the bottom of the picture the hand
			// reaches in more from the side, so it stays in the picture and
			// off the rest of the screen
			angle := -26.0
			switch {
			case y > 620:
				angle = -72
			case x > 540:
				angle = -50
			}
			hand(c, x, y, angle)
			return
		}
	}
}

// badge: an orange disc with the number of a tap.
func badge(c *canvas, cx, cy float64, n int) {
	c.circle(cx, cy, 23, paint{fill: accent, stroke: paper, width: 4})
	c.line1(cx-23, cy, 46, textStyle{size: 28, bold: true, color: paper, align: center}, fmt.Sprint(n))
}

// hand: a pointing hand whose fingertip is at (x, y), reaching in from
// the lower right, turned by angle degrees from upright.
func hand(c *canvas, x, y, angle float64) {
	end := c.group(fmt.Sprintf("translate(%s %s) rotate(%s)", num(x), num(y), num(angle)))
	defer end()
	skin := paint{fill: "#FFD3A8", stroke: "#5D3A22", width: 4}
	c.rect(-16, 136, 84, 40, 8, paint{fill: "#1565C0", stroke: "#0B3D91", width: 4}) // the sleeve
	c.rect(-20, 56, 86, 88, 28, skin)                                                // the palm
	c.rect(10, 50, 24, 46, 12, skin)                                                 // the curled fingers
	c.rect(32, 56, 22, 44, 11, skin)
	c.rect(52, 64, 18, 40, 9, skin)
	c.path("M-18 96 Q-40 78 -30 64 Q-20 56 -6 74 L4 92 Z", skin) // the thumb
	c.rect(-13, 0, 26, 92, 13, skin)                             // the pointing finger
	c.path("M-7 10 Q0 5 7 10", line("#C98B62", 3))               // its nail
}

// drawIcon draws a small line icon centred on (cx, cy), about 36 across.
func drawIcon(c *canvas, name string, cx, cy float64) {
	st := line(grey, 3.5)
	p := func(d string, pt paint) {
		end := c.group(fmt.Sprintf("translate(%s %s)", num(cx), num(cy)))
		c.path(d, pt)
		end()
	}
	switch name {
	case "vneid": // the VNeID tile
		appIcon(c, cx-24, cy-24, 48)
	case "user":
		p("M-8 -6 a8 8 0 1 0 16 0 a8 8 0 1 0 -16 0 M-15 16 Q-15 2 0 2 Q15 2 15 16", st)
	case "user+":
		p("M-12 -6 a8 8 0 1 0 16 0 a8 8 0 1 0 -16 0 M-19 16 Q-19 2 -4 2 Q8 2 10 10 M14 -4 v14 M7 3 h14", line(vneidRed, 3.5))
	case "key":
		p("M-16 0 a8 8 0 1 0 16 0 a8 8 0 1 0 -16 0 M0 0 h16 M10 0 v7 M16 0 v7", st)
	case "doc":
		p("M-11 -15 h15 l8 8 v22 h-23 Z M-5 -2 h11 M-5 5 h11", st)
	case "folder":
		p("M-16 -10 h11 l4 5 h17 v19 h-32 Z", line(portalBlu, 3.5))
	case "list":
		p("M-12 -12 h24 v26 h-24 Z M-6 -4 h12 M-6 3 h12 M-6 10 h8", st)
	case "out":
		p("M2 -14 h-14 v28 h14 M-2 0 h18 M10 -6 l6 6 l-6 6", line(portalRed, 3.5))
	case "sms":
		c.rect(cx-18, cy-14, 36, 26, 6, fill(okGreen))
		c.poly(fill(okGreen), true, cx-8, cy+10, cx-12, cy+20, cx+2, cy+10)
		for i := -1; i <= 1; i++ {
			c.circle(cx+float64(i)*9, cy-1, 2.8, fill(paper))
		}
	case "globe":
		p("M-14 0 a14 14 0 1 0 28 0 a14 14 0 1 0 -28 0 M-14 0 h28 M0 -14 Q-9 0 0 14 Q9 0 0 -14", line(portalBlu, 3))
	case "upload":
		p("M0 8 v-20 M-7 -5 l7 -7 l7 7 M-12 4 v8 h24 v-8", line(portalBlu, 3.5))
	case "bank":
		p("M-16 -4 l16 -10 l16 10 Z M-12 0 v12 M-4 0 v12 M4 0 v12 M12 0 v12 M-16 15 h32", st)
	case "wallet":
		p("M-16 -10 h28 v24 h-28 Z M4 -2 h12 v9 h-12 Z", st)
	case "home":
		p("M-14 0 l14 -12 l14 12 M-10 -3 v15 h20 v-15", line(vneidRed, 3.5))
	case "card":
		p("M-16 -10 h32 v22 h-32 Z M-10 -3 h9 M-10 4 h14", st)
	case "docs":
		p("M-8 -14 h14 l6 6 v20 h-20 Z M-14 -8 v22 h16", st)
	case "people":
		p("M-14 -4 a6 6 0 1 0 12 0 a6 6 0 1 0 -12 0 M-19 12 Q-19 3 -8 3 Q3 3 3 12 M4 -7 a6 6 0 1 0 12 0 a6 6 0 1 0 -12 0 M2 1 Q16 -1 18 10", st)
	case "bell":
		p("M-11 8 v-8 a11 11 0 0 1 22 0 v8 l3 4 h-28 Z M-4 15 a4 4 0 0 0 8 0", st)
	case "shield":
		p("M0 -15 l13 5 v8 Q13 10 0 15 Q-13 10 -13 -2 v-8 Z", st)
	}
}
