package app

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk"
)

// helpCard answers "Nhờ cán bộ giúp", a button on every resident screen:
// a resident who would rather ask a person is told where the counter is,
// the counter hears a chime, and the request is counted (per day, in the
// admin's numbers) so the commune sees how often the kiosk alone was not
// enough. Any tap closes it.
type helpCard struct {
	k     *Kiosk
	layer *fyne.Container
}

func newHelpCard(k *Kiosk) *helpCard {
	c := &helpCard{k: k, layer: container.NewStack()}
	c.layer.Hide()
	return c
}

func (c *helpCard) showing() bool { return c.layer.Visible() }

// askForHelp records the request, sounds the chime and shows where to go.
func (k *Kiosk) askForHelp() {
	e := kiosk.Event{Kind: kiosk.EventHelp, Screen: string(k.route.Kind)}
	if k.route.Kind == RouteProcedure {
		e.Procedure = k.route.Arg // which procedure residents need a person for
	}
	k.visits.Record(e)
	if k.beep != nil {
		k.beep()
	}
	k.help.show()
}

func (c *helpCard) show() {
	k := c.k
	place := k.pack.Settings.CounterPlace
	if place == "" {
		place = k.t("help_place_here")
	}
	shade := canvas.NewRectangle(color.NRGBA{0, 0, 0, 0xb0})
	closeBtn := newTile(vCenter(newText(k.t("help_close"), textOpts{size: sizeHeading, color: colorAccentText, bold: true, align: fyne.TextAlignCenter})),
		styleAccent, k.act(c.hide))
	closeBtn.minSize = fyne.NewSize(420, 110)
	title, text := k.t("help_title"), k.t("help_text")
	// Outside the counter's hours nobody is there: the card says when
	// someone will be, and whom to call meanwhile.
	if closed := k.closedNotice(k.clock.Now()); closed != "" {
		title, place, text = k.t("help_closed_title"), closed, ""
		if lines := hotlineLines(k.pack.Settings, k.visit.lang); len(lines) > 0 {
			text = k.t("help_call") + "\n" + strings.Join(lines, "\n")
		}
	}
	card := container.NewVBox(
		container.NewCenter(iconBox(theme.NewColoredResource(theme.AccountIcon(), colorTileText), 96)),
		newText(title, textOpts{size: sizeHeading, bold: true, align: fyne.TextAlignCenter, wrap: fyne.TextWrapWord}),
		newText(place, textOpts{size: sizeLead, bold: true, align: fyne.TextAlignCenter, wrap: fyne.TextWrapWord}),
	)
	if text != "" {
		card.Add(newText(text, textOpts{size: sizeBody, align: fyne.TextAlignCenter, wrap: fyne.TextWrapWord}))
	}
	card.Add(container.NewCenter(closeBtn))
	bg := canvas.NewRectangle(theme.Color(colorTile))
	bg.CornerRadius = 20
	bg.StrokeColor = theme.Color(colorTileEdge)
	bg.StrokeWidth = 4
	box := container.NewStack(bg, container.New(&insetLayout{32}, card))
	whole := newTile(container.NewStack(shade, container.NewCenter(container.New(&fixedWidthLayout{width: 760}, box))), styleClear, k.act(c.hide))
	c.layer.Objects = []fyne.CanvasObject{whole}
	c.layer.Show()
	k.refresh(c.layer)
}

func (c *helpCard) hide() {
	if c.showing() {
		c.layer.Hide()
		c.layer.Objects = nil
		c.k.refresh(c.layer)
	}
}
