package app

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The kiosk's own colour names, used by its widgets.
const (
	colorTile       fyne.ThemeColorName = "kiosk.tile"       // background of a tile
	colorTileText   fyne.ThemeColorName = "kiosk.tileText"   // text on a tile
	colorTileSub    fyne.ThemeColorName = "kiosk.tileSub"    // second line on a tile
	colorTileEdge   fyne.ThemeColorName = "kiosk.tileEdge"   // outline of a tile
	colorPressed    fyne.ThemeColorName = "kiosk.pressed"    // a tile under the finger
	colorAccent     fyne.ThemeColorName = "kiosk.accent"     // the main action
	colorAccentText fyne.ThemeColorName = "kiosk.accentText" // text on the main action
	colorBar        fyne.ThemeColorName = "kiosk.bar"        // the top bar
	colorBarText    fyne.ThemeColorName = "kiosk.barText"
	colorWarn       fyne.ThemeColorName = "kiosk.warn" // the idle warning and staff notices
	colorWarnText   fyne.ThemeColorName = "kiosk.warnText"
	colorMuted      fyne.ThemeColorName = "kiosk.muted" // secondary text on the background
	colorQRBack     fyne.ThemeColorName = "kiosk.qrBack"
)

// The kiosk's own text sizes. Chrome (the top bar and the keypad) stays at
// the minimum size so that it never moves; the body grows with the
// resident's text-size choice.
const (
	sizeChrome  fyne.ThemeSizeName = "kiosk.chrome"
	sizeBody    fyne.ThemeSizeName = "kiosk.body"
	sizeLead    fyne.ThemeSizeName = "kiosk.lead"
	sizeHeading fyne.ThemeSizeName = "kiosk.heading"
	sizePoster  fyne.ThemeSizeName = "kiosk.poster"
)

// textSteps are the text-size choices, as multiples of the minimum size.
var textSteps = []float32{1, 1.25, 1.5}

type palette map[fyne.ThemeColorName]color.Color

func hex(s string) color.Color {
	var c color.NRGBA
	c.A = 0xff
	for i, p := range []*uint8{&c.R, &c.G, &c.B} {
		*p = unhex(s[1+2*i])<<4 | unhex(s[2+2*i])
	}
	return c
}

func unhex(b byte) uint8 {
	switch {
	case b >= '0' && b <= '9':
		return b - '0'
	case b >= 'a' && b <= 'f':
		return b - 'a' + 10
	case b >= 'A' && b <= 'F':
		return b - 'A' + 10
	}
	panic("bad colour digit " + string(b))
}

// standardColors is calm navy on a light background; every text/background
// pair meets 7:1 (WCAG AAA), checked by TestContrast.
var standardColors = palette{
	theme.ColorNameBackground:          hex("#F4F7FB"),
	theme.ColorNameForeground:          hex("#10213F"),
	theme.ColorNameButton:              hex("#DCE7F5"),
	theme.ColorNamePrimary:             hex("#0B3D91"),
	theme.ColorNameForegroundOnPrimary: hex("#FFFFFF"),
	theme.ColorNameDisabled:            hex("#5C6B80"),
	theme.ColorNameDisabledButton:      hex("#E4E8EE"),
	theme.ColorNameSeparator:           hex("#B8C4D6"),
	theme.ColorNameShadow:              color.NRGBA{0, 0, 0, 0x30},
	theme.ColorNameInputBackground:     hex("#FFFFFF"),
	theme.ColorNameOverlayBackground:   hex("#F4F7FB"),
	colorTile:                          hex("#FFFFFF"),
	colorTileText:                      hex("#10213F"),
	colorTileSub:                       hex("#37475F"),
	colorTileEdge:                      hex("#5F7BA3"),
	colorPressed:                       hex("#C9DAF0"),
	colorAccent:                        hex("#0B3D91"),
	colorAccentText:                    hex("#FFFFFF"),
	colorBar:                           hex("#0B3D91"),
	colorBarText:                       hex("#FFFFFF"),
	colorWarn:                          hex("#FFF1C2"),
	colorWarnText:                      hex("#3B2A00"),
	colorMuted:                         hex("#37475F"),
	colorQRBack:                        hex("#FFFFFF"),
}

// highContrastColors is yellow and white on black.
var highContrastColors = palette{
	theme.ColorNameBackground:          hex("#000000"),
	theme.ColorNameForeground:          hex("#FFFFFF"),
	theme.ColorNameButton:              hex("#000000"),
	theme.ColorNamePrimary:             hex("#FFE500"),
	theme.ColorNameForegroundOnPrimary: hex("#000000"),
	theme.ColorNameDisabled:            hex("#A0A0A0"),
	theme.ColorNameDisabledButton:      hex("#1A1A1A"),
	theme.ColorNameSeparator:           hex("#FFFFFF"),
	theme.ColorNameShadow:              color.NRGBA{0, 0, 0, 0},
	theme.ColorNameInputBackground:     hex("#000000"),
	theme.ColorNameOverlayBackground:   hex("#000000"),
	colorTile:                          hex("#000000"),
	colorTileText:                      hex("#FFE500"),
	colorTileSub:                       hex("#FFFFFF"),
	colorTileEdge:                      hex("#FFE500"),
	colorPressed:                       hex("#333300"),
	colorAccent:                        hex("#FFE500"),
	colorAccentText:                    hex("#000000"),
	colorBar:                           hex("#000000"),
	colorBarText:                       hex("#FFFFFF"),
	colorWarn:                          hex("#FFE500"),
	colorWarnText:                      hex("#000000"),
	colorMuted:                         hex("#FFFFFF"),
	colorQRBack:                        hex("#FFFFFF"),
}

// textPairs are the text-on-background pairs the kiosk draws; each must
// reach 7:1 in both palettes.
var textPairs = [][2]fyne.ThemeColorName{
	{theme.ColorNameForeground, theme.ColorNameBackground},
	{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary},
	{colorMuted, theme.ColorNameBackground},
	{colorTileText, colorTile},
	{colorTileSub, colorTile},
	{colorTileText, colorPressed},
	{colorAccentText, colorAccent},
	{colorBarText, colorBar},
	{colorWarnText, colorWarn},
}

// controlPairs are a control's outline against what it stands on; each
// must reach 3:1 (WCAG 1.4.11) in both palettes, so a button is seen as
// one before its words are read.
var controlPairs = [][2]fyne.ThemeColorName{
	{colorTileEdge, theme.ColorNameBackground},
	{colorTileEdge, colorTile},
	{colorTileEdge, colorPressed},
	{colorAccent, theme.ColorNameBackground},
	{colorBarText, colorBar},
	{colorWarnText, colorWarn}, // the outline of a button on the idle warning
}

// kioskTheme is Fyne's default theme with the kiosk's colours, large text
// and its own size names.
type kioskTheme struct {
	colors  palette
	minText float32 // the smallest text size, in px
	step    float32 // the resident's text-size choice
}

func newTheme(minText float32, highContrast bool, step int) *kioskTheme {
	t := &kioskTheme{colors: standardColors, minText: minText, step: textSteps[step]}
	if highContrast {
		t.colors = highContrastColors
	}
	return t
}

func (t *kioskTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if c, ok := t.colors[n]; ok {
		return c
	}
	switch n {
	case theme.ColorNameHover, theme.ColorNamePressed, theme.ColorNameFocus, theme.ColorNameSelection:
		return t.colors[colorPressed]
	}
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

func (t *kioskTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t *kioskTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *kioskTheme) Size(n fyne.ThemeSizeName) float32 {
	body := t.minText * t.step
	switch n {
	case sizeChrome:
		return t.minText
	case sizeBody, theme.SizeNameText, theme.SizeNameCaptionText:
		return body
	case sizeLead, theme.SizeNameSubHeadingText:
		return body * 1.2
	case sizeHeading, theme.SizeNameHeadingText:
		// Headings grow less than the body: at the largest step a long
		// procedure name must still leave room for its facts.
		return max(body*1.15, t.minText*1.4)
	case sizePoster:
		return t.minText * 2.4
	case theme.SizeNamePadding:
		return 8
	case theme.SizeNameInnerPadding:
		return 4 // the inset of every text; the kiosk's tiles add their own
	case theme.SizeNameLineSpacing:
		return 6
	case theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		return 12
	}
	return theme.DefaultTheme().Size(n)
}

// contrast is the WCAG contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
