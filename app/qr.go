package app

import (
	"image"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk/content"
)

// qrImage encodes an address as a QR code with its quiet zone of four
// modules, drawn at whole pixels per module so it stays sharp.
func qrImage(address string) (image.Image, error) {
	q, err := content.QR(address)
	if err != nil {
		return nil, err
	}
	return q.Image(-8), nil // -8: eight pixels a module
}

// readableAddress is the address as a person reads it: without https://,
// with its percent-escapes turned back into letters.
func readableAddress(address string) string {
	s := strings.TrimPrefix(address, "https://")
	if u, err := url.QueryUnescape(s); err == nil {
		s = u
	}
	return strings.TrimSuffix(s, "/")
}

// qrPanel shows one QR code with its caption, its label and its address.
// The code is as large as the screen allows, never under 300 px; the
// panel's width is fixed so the text under the code wraps, not widens it.
func (k *Kiosk) qrPanel(t content.Target) fyne.CanvasObject {
	address := t.URL
	avail := k.available()
	width := min(560, max(420, avail.Width*0.32))
	caption := newText(k.t("qr_caption"), textOpts{size: sizeChrome, bold: true, wrap: fyne.TextWrapWord, align: fyne.TextAlignCenter})
	where := container.NewVBox(newText(t.Label, textOpts{size: sizeChrome, bold: true, align: fyne.TextAlignCenter, wrap: fyne.TextWrapWord}))
	if opens := k.opens(t.Kind); opens != "" {
		where.Add(newText(opens, textOpts{size: sizeChrome, wrap: fyne.TextWrapWord, align: fyne.TextAlignCenter}))
	}
	where.Add(newText(readableAddress(address), textOpts{size: sizeChrome, color: colorMuted, wrap: fyne.TextWrapWord, align: fyne.TextAlignCenter}))
	words := heightAt(caption, width) + heightAt(where, width) + 4*theme.Padding()
	free := avail.Height - k.bar().MinSize().Height - 2*pageInset - 2*theme.Padding() - words
	side := min(max(300, free), width-2*pageInset, 440)

	panel := container.NewVBox(caption, container.NewCenter(k.qrCode(address, side)), where)
	return container.New(&fixedWidthLayout{width: width}, panel)
}

// qrCode draws an address's QR code at side px, on a white card: phones
// read dark-on-light codes best, in the high-contrast theme too. A code
// that cannot be made says so in words.
func (k *Kiosk) qrCode(address string, side float32) fyne.CanvasObject {
	img, err := qrImage(address)
	if err != nil {
		k.log.Printf("QR code for %s: %v", address, err)
		return newText(k.t("qr_failed"), textOpts{size: sizeChrome, wrap: fyne.TextWrapWord})
	}
	ci := canvas.NewImageFromImage(img)
	ci.FillMode = canvas.ImageFillContain
	ci.ScaleMode = canvas.ImageScalePixels
	ci.SetMinSize(fyne.NewSquareSize(side))
	return container.NewStack(canvas.NewRectangle(theme.Color(colorQRBack)), ci)
}

// qrBand is the QR code in portrait, under the facts at the screen's full
// width: the code on the left, as large as a third of the height allows;
// the caption, what it opens and its address beside it, at the bar's
// text size, as beside the code in landscape, so
// that the resident's larger text goes to the facts.
func (k *Kiosk) qrBand(t content.Target) fyne.CanvasObject {
	avail := k.available()
	width := avail.Width - 2*pageInset - 2*theme.Padding()
	side := min(max(300, width*0.45), avail.Height/3, 520)
	code := k.qrCode(t.URL, side)
	words := container.NewVBox(
		newText(k.t("qr_caption"), textOpts{size: sizeChrome, bold: true, wrap: fyne.TextWrapWord}),
		newText(t.Label, textOpts{size: sizeChrome, bold: true, wrap: fyne.TextWrapWord}),
	)
	if opens := k.opens(t.Kind); opens != "" {
		words.Add(newText(opens, textOpts{size: sizeChrome, wrap: fyne.TextWrapWord}))
	}
	words.Add(newText(readableAddress(t.URL), textOpts{size: sizeChrome, color: colorMuted, wrap: fyne.TextWrapWord}))
	band := container.NewBorder(nil, nil, container.NewCenter(code), nil, container.NewPadded(words))
	return container.New(&fixedWidthLayout{width: width}, band)
}

// opens says in words what a QR target opens on the phone; "" for a target
// that does not say (content check warns about it).
func (k *Kiosk) opens(kind content.TargetKind) string {
	if kind == "" {
		return ""
	}
	return k.t("qr_opens_" + string(kind))
}

// fixedWidthLayout gives its objects a fixed width, so wrapped text below a
// QR code wraps at the code's width rather than pushing the panel wider.
type fixedWidthLayout struct{ width float32 }

func (l *fixedWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (l *fixedWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		o.Resize(fyne.NewSize(l.width, o.MinSize().Height))
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}
