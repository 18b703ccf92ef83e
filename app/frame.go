package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// Margins of a screen's page, in px.
const (
	pageInset = 16
	gap       = 8
)

// frame puts a screen under the bar, which is the same on every screen:
// back and home on the left, help, text size, contrast and language on
// the right, each one tap away. The heading and the body fill the left;
// side (may be nil) takes the right, from the bar to the bottom. In
// portrait the bar is at the foot of the screen, within reach, and side
// goes under the body at its full width.
func (k *Kiosk) frame(title, subtitle string, body, side fyne.CanvasObject) fyne.CanvasObject {
	bar, portrait := k.bar(), k.shape().portrait()
	var page fyne.CanvasObject
	switch {
	case side == nil:
		page = container.NewBorder(k.heading(title, subtitle), nil, nil, nil, body)
	case portrait:
		page = container.NewBorder(k.heading(title, subtitle), container.NewCenter(side), nil, nil, body)
	default:
		page = container.NewBorder(nil, nil, nil, container.NewPadded(side),
			container.NewBorder(k.heading(title, subtitle), nil, nil, nil, body))
	}
	// No background rectangle: the window is cleared to the theme's
	// background before every frame, and without a GPU a full-window
	// rectangle cost every frame ~9 ms at 1920×1080.
	inner := container.New(&insetLayout{pageInset}, page)
	if portrait {
		return container.NewBorder(nil, bar, nil, nil, inner)
	}
	return container.NewBorder(bar, nil, nil, nil, inner)
}

func (k *Kiosk) bar() fyne.CanvasObject {
	return container.NewStack(canvas.NewRectangle(theme.Color(colorBar)), container.New(&insetLayout{6}, k.topBar()))
}

func (k *Kiosk) heading(title, subtitle string) fyne.CanvasObject {
	var head []fyne.CanvasObject
	if title != "" {
		head = append(head, newText(title, textOpts{size: sizeHeading, bold: true, wrap: fyne.TextWrapWord}))
	}
	if subtitle != "" {
		head = append(head, newText(subtitle, textOpts{size: sizeBody, color: colorMuted, wrap: fyne.TextWrapWord}))
	}
	return container.NewVBox(head...)
}

// bodySpace is the room a frame leaves for its body, measured on the
// real bar and heading at the window's size.
func (k *Kiosk) bodySpace(title, subtitle string, side fyne.CanvasObject) fyne.Size {
	s := k.available()
	w := s.Width - 2*pageInset
	if side != nil && k.shape().portrait() {
		s.Height -= side.MinSize().Height + theme.Padding()
	} else if side != nil {
		w -= container.NewPadded(side).MinSize().Width + theme.Padding()
	}
	// The border layouts put a padding between the bar and the page, and
	// between the heading and the body.
	h := s.Height - k.bar().MinSize().Height - 2*pageInset - heightAt(k.heading(title, subtitle), w) - 2*theme.Padding()
	return fyne.NewSize(w, h)
}

// heightAt is the height an object needs at a given width (wrapped text
// needs more lines when narrower).
func heightAt(o fyne.CanvasObject, w float32) float32 {
	o.Resize(fyne.NewSize(w, o.MinSize().Height))
	return o.MinSize().Height
}

func (k *Kiosk) topBar() fyne.CanvasObject {
	back := k.barButton(theme.NavigateBackIcon(), k.t("back"), k.back)
	home := k.barButton(theme.HomeIcon(), k.t("home"), k.home)
	size := k.textSizeButton()
	contrastLabel := k.t("contrast_on")
	if k.visit.highContrast {
		contrastLabel = k.t("contrast_off")
	}
	contrast := k.barButton(theme.ColorAchromaticIcon(), contrastLabel, k.toggleContrast)
	right := []fyne.CanvasObject{size, contrast}
	if !k.route.isStaff() { // residents can always ask for a person
		right = append([]fyne.CanvasObject{k.barButton(theme.AccountIcon(), k.t("help_button"), k.askForHelp)}, right...)
	}
	if len(k.pack.Settings.Languages) > 1 {
		other := "en"
		if k.visit.lang == "en" {
			other = "vi"
		}
		right = append(right, k.barButton(nil, k.words[other]["language_name"], func() { k.setLang(other) }))
	}
	// The empty middle of the bar is the staff gesture's place (five quick
	// taps); while a session is open it says so, for staff to see.
	var middle fyne.CanvasObject = layout.NewSpacer()
	if k.staff != nil && k.staff.session != nil {
		middle = container.NewCenter(newText(k.tf("bar_session", k.staff.member.Name), textOpts{size: sizeChrome, color: colorBarText}))
	}
	spot := newTile(middle, styleClear, k.secretTap)
	left, rest := container.NewHBox(back, home), container.NewHBox(right...)
	// A narrow screen (a portrait kiosk) takes the bar in two rows: the
	// way around on the first, the resident's choices on the second.
	if room := k.available().Width - 12; left.MinSize().Width+rest.MinSize().Width+max(minTarget, middle.MinSize().Width)+2*theme.Padding() > room {
		var second fyne.CanvasObject = rest
		if rest.MinSize().Width > room {
			second = container.NewGridWithColumns(len(right), right...)
			if second.MinSize().Width > room { // long words: two rows
				second = container.NewGridWithColumns((len(right)+1)/2, right...)
			}
		}
		return container.NewVBox(container.NewBorder(nil, nil, left, nil, spot), second)
	}
	return container.NewBorder(nil, nil, left, rest, spot)
}

// barButton is a button of the top bar: an icon and a short word.
func (k *Kiosk) barButton(icon fyne.Resource, label string, onTap func()) *tile {
	text := newText(label, textOpts{size: sizeChrome, color: colorBarText, bold: true})
	var content fyne.CanvasObject = vCenter(text)
	if icon != nil {
		content = container.NewHBox(container.NewCenter(iconBox(theme.NewColoredResource(icon, colorBarText), 32)), vCenter(text))
	}
	t := newTile(content, styleBar, k.act(onTap))
	t.minSize = fyne.NewSize(minTarget*2, minTarget)
	return t
}

// textSizeButton steps the text size. It shows the sizes as a picture,
// three "A"s from small to large with the one in use marked, rather than
// "Cỡ chữ 1/3", which reads as a fraction; the picture needs no reading.
func (k *Kiosk) textSizeButton() *tile {
	var letters []fyne.CanvasObject
	for i := range textSteps {
		fg, bg := theme.Color(colorBarText), color.Color(color.Transparent)
		if i == k.visit.textStep {
			fg, bg = theme.Color(colorBar), theme.Color(colorBarText)
		}
		a := canvas.NewText("A", fg)
		a.TextSize = float32(24 + 4*i)
		a.TextStyle.Bold = true
		mark := canvas.NewRectangle(bg)
		mark.CornerRadius = 6
		letters = append(letters, container.NewStack(mark, container.New(&insetLayout{2}, container.NewCenter(a))))
	}
	t := newTile(container.NewCenter(container.NewHBox(letters...)), styleBar, k.act(k.nextTextStep))
	t.minSize = fyne.NewSize(minTarget*2, minTarget)
	return t
}
