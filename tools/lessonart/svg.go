package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// canvas collects the elements of one picture, in the subset of SVG the
// kiosk's renderer draws: rect, circle, ellipse, path, g with transforms.
type canvas struct {
	tf       *typeface
	b        strings.Builder
	depth    int
	overflow []string // texts too wide for their place
}

const side = 800 // every lesson picture is 800 × 800, as before

func newCanvas(tf *typeface) *canvas {
	c := &canvas{tf: tf}
	fmt.Fprintf(&c.b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d">`+"\n", side, side, side, side)
	return c
}

func (c *canvas) svg() []byte {
	return []byte(c.b.String() + "</svg>\n")
}

func (c *canvas) el(s string) {
	c.b.WriteString(strings.Repeat("  ", c.depth+1))
	c.b.WriteString(s)
	c.b.WriteByte('\n')
}

// group starts a <g> with a transform; the returned func ends it.
func (c *canvas) group(transform string) func() {
	c.el(`<g transform="` + transform + `">`)
	c.depth++
	return func() {
		c.depth--
		c.el(`</g>`)
	}
}

type paint struct {
	fill    string // "" draws no fill
	stroke  string
	width   float64
	opacity float64 // of the fill; 0 means opaque
}

func (p paint) attrs() string {
	var a strings.Builder
	if p.fill == "" {
		a.WriteString(` fill="none"`)
	} else {
		a.WriteString(` fill="` + p.fill + `"`)
		if p.opacity > 0 {
			a.WriteString(` fill-opacity="` + strconv.FormatFloat(p.opacity, 'f', 2, 64) + `"`)
		}
	}
	if p.stroke != "" {
		fmt.Fprintf(&a, ` stroke="%s" stroke-width="%s" stroke-linecap="round" stroke-linejoin="round"`, p.stroke, num(p.width))
	}
	return a.String()
}

func fill(color string) paint { return paint{fill: color} }

func line(color string, width float64) paint { return paint{stroke: color, width: width} }

func (c *canvas) rect(x, y, w, h, r float64, p paint) {
	rx := ""
	if r > 0 {
		rx = ` rx="` + num(r) + `" ry="` + num(r) + `"` // oksvg rounds only with both
	}
	c.el(fmt.Sprintf(`<rect x="%s" y="%s" width="%s" height="%s"%s%s/>`, num(x), num(y), num(w), num(h), rx, p.attrs()))
}

func (c *canvas) circle(cx, cy, r float64, p paint) {
	c.el(fmt.Sprintf(`<circle cx="%s" cy="%s" r="%s"%s/>`, num(cx), num(cy), num(r), p.attrs()))
}

func (c *canvas) ellipse(cx, cy, rx, ry float64, p paint) {
	c.el(fmt.Sprintf(`<ellipse cx="%s" cy="%s" rx="%s" ry="%s"%s/>`, num(cx), num(cy), num(rx), num(ry), p.attrs()))
}

func (c *canvas) path(d string, p paint) {
	c.el(`<path d="` + d + `"` + p.attrs() + `/>`)
}

// poly draws a polyline through points given as x, y pairs.
func (c *canvas) poly(p paint, closed bool, xy ...float64) {
	var d strings.Builder
	for i := 0; i+1 < len(xy); i += 2 {
		if i == 0 {
			d.WriteString("M")
		} else {
			d.WriteString(" L")
		}
		d.WriteString(num(xy[i]) + " " + num(xy[i+1]))
	}
	if closed {
		d.WriteString(" Z")
	}
	c.path(d.String(), p)
}

// topRounded draws a rectangle whose top corners only are rounded (an app
// bar at the top of a rounded screen).
func (c *canvas) topRounded(x, y, w, h, r float64, p paint) {
	c.path(fmt.Sprintf("M%s %s L%s %s Q%s %s %s %s L%s %s Q%s %s %s %s L%s %s Z",
		num(x), num(y+h), num(x), num(y+r), num(x), num(y), num(x+r), num(y),
		num(x+w-r), num(y), num(x+w), num(y), num(x+w), num(y+r), num(x+w), num(y+h)), p)
}

// star draws a five-pointed star.
func (c *canvas) star(cx, cy, r float64, color string) {
	var xy []float64
	for i := 0; i < 10; i++ {
		rr := r
		if i%2 == 1 {
			rr = r * 0.4
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		xy = append(xy, cx+rr*math.Cos(a), cy+rr*math.Sin(a))
	}
	c.poly(fill(color), true, xy...)
}

// Text. A line's box is size × lineGap tall; its baseline sits at
// baseRatio of the size below the box's top, which leaves room for the
// stacked marks of Vietnamese capitals (Ấ, Ể) above and descenders below.
const (
	lineGap   = 1.34
	baseRatio = 1.02
)

type align int

const (
	left align = iota
	center
	right
)

type textStyle struct {
	size  float64
	bold  bool
	color string
	align align
}

// text sets s in the box that starts at (x, y) and is w wide, wrapping at
// word breaks, and returns the height it took.
func (c *canvas) text(x, y, w float64, st textStyle, s string) float64 {
	lines := c.tf.wrap(s, w, st.size, st.bold)
	for _, l := range lines {
		if c.tf.width(l, st.size, st.bold) > w+0.5 {
			c.overflow = append(c.overflow, l)
		}
	}
	for i, l := range lines {
		c.setLine(x, y+float64(i)*st.size*lineGap, w, st, l)
	}
	return float64(len(lines)) * st.size * lineGap
}

// textHeight is what text would take, without drawing.
func (c *canvas) textHeight(w float64, st textStyle, s string) float64 {
	return float64(len(c.tf.wrap(s, w, st.size, st.bold))) * st.size * lineGap
}

// textWidth is the width of the widest line of s.
func (c *canvas) textWidth(st textStyle, s string) float64 {
	m := 0.0
	for _, l := range strings.Split(s, "\n") {
		m = math.Max(m, c.tf.width(l, st.size, st.bold))
	}
	return m
}

// line1 sets one line of text centred vertically on cy; a text that does
// not fit is an error of the description, not something to wrap.
func (c *canvas) line1(x, cy, w float64, st textStyle, s string) {
	if c.tf.width(s, st.size, st.bold) > w+0.5 {
		c.overflow = append(c.overflow, s)
	}
	c.setLine(x, cy-st.size*lineGap/2, w, st, s)
}

// setLine draws one line of text in the line box at (x, y), w wide.
func (c *canvas) setLine(x, y, w float64, st textStyle, l string) {
	switch st.align {
	case center:
		x += (w - c.tf.width(l, st.size, st.bold)) / 2
	case right:
		x += w - c.tf.width(l, st.size, st.bold)
	}
	if d := c.tf.outline(l, x, y+st.size*baseRatio, st.size, st.bold); d != "" {
		c.path(d, fill(st.color))
	}
}

// exact writes a scale factor in full: a rounded one would move what it
// scales away from the rings marked around it.
func exact(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
