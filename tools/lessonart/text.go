package main

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
)

// The kiosk's renderer (oksvg) draws no <text>, so every word in a picture
// is written as the outlines of its letters, in the font the kiosk itself
// shows (Fyne's Noto Sans, which has every Vietnamese letter precomposed).

type typeface struct {
	regular, bold *font.Face
	shaper        shaping.HarfbuzzShaper
	missing       map[rune]bool // letters the font lacks, reported by the run
}

func loadTypeface() (*typeface, error) {
	r, err := font.ParseTTF(bytes.NewReader(theme.DefaultTextFont().Content()))
	if err != nil {
		return nil, fmt.Errorf("regular font: %w", err)
	}
	b, err := font.ParseTTF(bytes.NewReader(theme.DefaultTextBoldFont().Content()))
	if err != nil {
		return nil, fmt.Errorf("bold font: %w", err)
	}
	return &typeface{regular: r, bold: b, missing: map[rune]bool{}}, nil
}

func (tf *typeface) face(bold bool) *font.Face {
	if bold {
		return tf.bold
	}
	return tf.regular
}

var vietnamese = language.NewLanguage("vi")

func (tf *typeface) shape(s string, size float64, bold bool) shaping.Output {
	rs := []rune(s)
	f := tf.face(bold)
	for _, r := range rs {
		if _, ok := f.NominalGlyph(r); !ok && r != '\n' {
			tf.missing[r] = true
		}
	}
	in := shaping.Input{
		Text: rs, RunStart: 0, RunEnd: len(rs),
		Direction: di.DirectionLTR,
		Face:      f,
		Script:    language.Latin,
		Language:  vietnamese,
	}
	setFixed(&in.Size, size)
	return tf.shaper.Shape(in)
}

// width is how wide s is set at size.
func (tf *typeface) width(s string, size float64, bold bool) float64 {
	return fix(tf.shape(s, size, bold).Advance)
}

// fix and setFixed convert from and to the shaper's 26.6 fixed-point
// numbers (typed generically so the tool needs no import of its own for them).
func fix[T ~int32](v T) float64 { return float64(v) / 64 }

func setFixed[T ~int32](p *T, v float64) { *p = T(v * 64) }

// outline returns the path data of s set at size with its baseline's left
// end at (x, y), in SVG coordinates (y down).
func (tf *typeface) outline(s string, x, y, size float64, bold bool) string {
	out := tf.shape(s, size, bold)
	f := tf.face(bold)
	scale := size / float64(f.Upem())
	// Letters are written with relative moves on a grid of a tenth of a
	// unit: shorter files, and no drift from rounding, since every step is
	// taken from the rounded point before it.
	var d strings.Builder
	pen := x
	var cur, start [2]float64
	rel := func(cmd byte, pts ...[2]float64) {
		d.WriteByte(cmd)
		for i, p := range pts {
			for j, v := range []float64{p[0] - cur[0], p[1] - cur[1]} {
				n := num(v)
				if (i > 0 || j > 0) && !strings.HasPrefix(n, "-") {
					d.WriteByte(' ')
				}
				d.WriteString(n)
			}
		}
		cur = pts[len(pts)-1]
	}
	for _, g := range out.Glyphs {
		gx, gy := pen+fix(g.XOffset), y-fix(g.YOffset)
		pen += fix(g.XAdvance)
		data, ok := f.GlyphData(g.GlyphID).(font.GlyphOutline)
		if !ok {
			continue
		}
		pt := func(p ot.SegmentPoint) [2]float64 {
			return [2]float64{round1(gx + float64(p.X)*scale), round1(gy - float64(p.Y)*scale)}
		}
		for _, seg := range data.Segments {
			switch seg.Op {
			case ot.SegmentOpMoveTo:
				if d.Len() > 0 {
					d.WriteByte('Z')
					cur = start // where SVG puts the pen after Z
				}
				start = pt(seg.Args[0])
				rel('m', start)
			case ot.SegmentOpLineTo:
				rel('l', pt(seg.Args[0]))
			case ot.SegmentOpQuadTo:
				rel('q', pt(seg.Args[0]), pt(seg.Args[1]))
			case ot.SegmentOpCubeTo:
				rel('c', pt(seg.Args[0]), pt(seg.Args[1]), pt(seg.Args[2]))
			}
		}
	}
	if d.Len() > 0 {
		d.WriteByte('Z')
	}
	return d.String()
}

// wrap breaks s into lines no wider than w; an explicit "\n" always breaks.
func (tf *typeface) wrap(s string, w, size float64, bold bool) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		line := ""
		for _, word := range words {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if line != "" && tf.width(try, size, bold) > w {
				lines = append(lines, line)
				line = word
				continue
			}
			line = try
		}
		lines = append(lines, line)
	}
	return lines
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// num writes a coordinate with one decimal, which is finer than a pixel at
// any size the kiosk draws a picture.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s
}
