package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"onestop/kiosk/pin"
)

// newMemberPIN is the PIN pad's argument when an admin sets a new
// member's PIN rather than logging in.
const newMemberPIN = "\x00new"

// pinScreen is the PIN keypad: ten digits, delete, and OK; the PIN shows
// as dots. It logs a member in, or takes a new member's PIN twice. What was
// typed lives only as long as the screen.
type pinScreen struct {
	k       *Kiosk
	code    string // the member's code, or newMemberPIN
	typed   string
	message string
	first   string // a new member's PIN, typed once
}

func newPINScreen(k *Kiosk, code string) screen { return &pinScreen{k: k, code: code} }

func (s *pinScreen) view() fyne.CanvasObject {
	k := s.k
	dots := newText(strings.Repeat("● ", len(s.typed))+cursor, textOpts{size: sizeLead, bold: true, align: fyne.TextAlignCenter})
	digit := func(d string) fyne.CanvasObject {
		return newTile(container.NewCenter(newText(d, textOpts{size: sizeLead, bold: true})), styleTile, func() {
			if len(s.typed) < 8 {
				s.typed += d
			}
			k.redraw()
		})
	}
	del := newTile(container.NewCenter(newText(k.t("key_backspace"), textOpts{size: sizeChrome, bold: true})), styleTile, func() {
		if s.typed != "" {
			s.typed = s.typed[:len(s.typed)-1]
		}
		k.redraw()
	})
	ok := newTile(container.NewCenter(newText(k.t("pin_ok"), textOpts{size: sizeLead, bold: true, color: colorAccentText})), styleAccent, s.ok)
	grid := container.NewGridWithColumns(3,
		digit("1"), digit("2"), digit("3"), digit("4"), digit("5"), digit("6"),
		digit("7"), digit("8"), digit("9"), del, digit("0"), ok)
	parts := []fyne.CanvasObject{dots}
	if s.message != "" {
		parts = append(parts, newText(s.message, textOpts{size: sizeBody, color: colorMuted, align: fyne.TextAlignCenter, wrap: fyne.TextWrapWord}))
	}
	pad := container.New(&fixedWidthLayout{width: 560}, container.NewVBox(append(parts, grid)...))
	title := k.t("pin_new")
	if s.code != newMemberPIN {
		who := s.code
		if m, err := k.svc.Roster.ByCode(context.Background(), s.code); err == nil {
			who = m.Name
		}
		title = k.tf("pin_for", who)
	}
	return k.frame(title, "", container.NewCenter(pad), nil)
}

// ok takes the PIN typed.
func (s *pinScreen) ok() {
	k := s.k
	p := s.typed
	s.typed = ""
	if s.code != newMemberPIN {
		if msg := k.login(s.code, p); msg != "" {
			s.message = msg
			k.redraw()
		}
		return
	}
	if k.staff == nil { // logged out meanwhile
		k.show(Route{Kind: RouteStaffPick})
		return
	}
	switch d := k.staff.draft(); {
	case pin.Check(p) != nil:
		s.message, s.first = k.t("pin_form"), ""
	case s.first == "":
		s.first, s.message = p, k.t("pin_again")
	case s.first != p:
		s.first, s.message = "", k.t("pin_differ")
	default:
		d.pin = p
		k.show(Route{Kind: RouteNewMember})
		return
	}
	k.redraw()
}
