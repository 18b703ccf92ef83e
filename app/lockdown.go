package app

import (
	"context"

	"fyne.io/fyne/v2"

	"onestop/kiosk"
)

// lockDown makes the window the kiosk's alone: full screen without
// decorations, a close request (the window manager's close button, Alt+F4)
// ignored and logged, and keys that no screen asked for (Escape, function
// keys, a keyboard left plugged in) doing nothing. Only an admin leaves
// kiosk mode, from the admin's screen (Options.Leave).
func (k *Kiosk) lockDown() {
	k.win.SetFullScreen(true)
	k.win.SetCloseIntercept(k.closeRequested)
	k.win.Canvas().SetOnTypedKey(func(*fyne.KeyEvent) {})
	k.win.Canvas().SetOnTypedRune(func(rune) {})
}

// closeRequested is a request to close the window in kiosk mode: ignored.
func (k *Kiosk) closeRequested() {
	k.log.Print("a request to close the window was ignored: the kiosk is in kiosk mode (an admin leaves it from the admin's screen)")
}

// leaveKioskMode ends the program at an admin's second tap, for the
// service not to start it again.
func (k *Kiosk) leaveKioskMode() {
	st := k.staff
	if st == nil || st.member.Role != kiosk.RoleAdmin || k.leave == nil {
		return
	}
	if !st.leaveArmed {
		st.leaveArmed = true
		k.redraw()
		return
	}
	if k.svc.Roster != nil {
		if err := k.svc.Roster.Log(context.Background(), st.member.ID, kiosk.AuditSettings, kiosk.DetailLeftKiosk); err != nil {
			k.log.Print(err)
		}
	}
	k.log.Printf("%s left kiosk mode", st.member.Name)
	k.leave()
}
