package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk"
)

// textPurpose says what the text screen types.
type textPurpose string

const (
	textNote    textPurpose = "note"     // a session's note
	textFix     textPurpose = "fix"      // why a session is corrected
	textVoid    textPurpose = "void"     // why a session is voided
	textNewName textPurpose = "new_name" // a new member's name
	textNewCode textPurpose = "new_code" // a new member's code
)

// textEntry is what the text screen is asked for: its purpose and the
// text it starts from.
type textEntry struct {
	purpose textPurpose
	start   string
}

// askText opens the staff's text entry, on the kiosk's keypad.
func (k *Kiosk) askText(purpose textPurpose, start string) {
	k.staff.entry = textEntry{purpose, start}
	k.show(Route{Kind: RouteText})
}

// textScreen types a session's note, the reason for a correction or void,
// or a new member's name or code. What is typed is checked as a note is
// (no ID or phone numbers) before it is taken.
type textScreen struct {
	k     *Kiosk
	entry textEntry
	text  string
	typed *fyne.Container
	msg   *fyne.Container
}

func newTextScreen(k *Kiosk, _ string) screen {
	e := k.staff.entry
	return &textScreen{k: k, entry: e, text: e.start}
}

func (s *textScreen) view() fyne.CanvasObject {
	k := s.k
	s.typed, s.msg = container.NewStack(), container.NewStack()
	s.drawTyped()
	pad := newKeypad(k, func() string { return s.text }, func(q string) {
		s.text = q
		s.drawTyped()
	})
	save := k.wideButton(theme.ConfirmIcon(), k.t("text_save"), styleAccent, s.save)
	cancel := k.wideButton(theme.CancelIcon(), k.t("text_cancel"), styleTile, func() { k.textDone(s.entry.purpose, "", false) })
	for _, b := range []*tile{save, cancel} {
		b.minSize.Height, b.inset = minTarget, chipInset // the keypad below needs the room
	}
	// Cancel and save beside the typed text, so the keypad keeps its room.
	top := container.NewBorder(nil, nil, nil, container.NewHBox(cancel, save), container.NewVBox(s.typed, s.msg))
	body := container.NewBorder(top, pad.content, nil, nil, nil)
	return k.frame(k.t("text_"+string(s.entry.purpose)), "", body, nil)
}

func (s *textScreen) drawTyped() {
	s.typed.Objects = []fyne.CanvasObject{newText(s.text+cursor, textOpts{size: sizeLead, bold: true, wrap: fyne.TextWrapWord})}
	s.k.refresh(s.typed)
}

func (s *textScreen) save() {
	k := s.k
	text := strings.TrimSpace(s.text)
	problem := ""
	if err := kiosk.CheckNote(text); err != nil {
		problem = k.noteProblem(err)
	} else if text == "" && s.entry.purpose != textNote {
		problem = k.t("reason_needed") // a correction or void says why; a member has a name and a code
	}
	if problem != "" {
		s.msg.Objects = []fyne.CanvasObject{newText(problem, textOpts{size: sizeBody, color: colorMuted, wrap: fyne.TextWrapWord})}
		k.refresh(s.msg)
		return
	}
	k.textDone(s.entry.purpose, text, true)
}

// noteProblem says in the staff's words why a note was refused.
func (k *Kiosk) noteProblem(err error) string {
	if errors.Is(err, kiosk.ErrNoteNumber) {
		return k.t("note_number")
	}
	return k.tf("note_long", kiosk.MaxNoteRunes)
}

// textDone takes the typed text (unless cancelled) where it was asked for.
func (k *Kiosk) textDone(purpose textPurpose, text string, ok bool) {
	st := k.staff
	switch purpose {
	case textNote:
		if ok && st.editing != nil {
			st.editing.Note = text
		}
		k.show(st.editRoute)
	case textNewName, textNewCode:
		if !ok {
			k.show(Route{Kind: RouteMembers})
			return
		}
		if purpose == textNewName {
			st.draft().name = text
		} else {
			st.draft().code = text
		}
		k.show(Route{Kind: RouteNewMember})
	case textFix, textVoid:
		if !ok {
			k.show(Route{Kind: RouteToday})
			return
		}
		k.saveFix(purpose == textVoid, text)
	}
}
