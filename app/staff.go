package app

import (
	"context"
	"errors"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk"
)

// Staff mode: counter staff record the help they give walk-ins. It opens
// from a discreet gesture on the resident screens — five taps within four
// seconds on the empty middle of the top bar — then a staff member picks
// their name and types their PIN on the kiosk's own keypad. It closes
// itself after staffTimeout without staff input.

// Staff mode's timing.
const (
	secretTaps   = 5
	secretWindow = 4 * time.Second
	staffTimeout = 3 * time.Minute
)

// staffMode is a logged-in member's time at the kiosk: what they work on
// across several screens. Logging out throws it away.
type staffMode struct {
	member  kiosk.Staff
	session *kiosk.Session // the session open now, if any
	last    time.Time      // the last staff input
	message string         // said once at the top of the next staff screen

	fixing    *kiosk.Session // the closed session being corrected or voided
	editing   *kiosk.Session // the session the form edits: the open one or fixing
	editRoute Route          // the form's screen, to come back to
	entry     textEntry      // what the text screen is asked to type

	newMember  *memberDraft  // a member being added by an admin
	numbers    *numbersState // the numbers screen's choices
	report     *reportState  // the periodic report being looked at
	packs      *packsState   // the content packs screen's last outcome
	leaveArmed bool          // the admin tapped "leave kiosk mode" once
}

// secretTap counts the taps of the staff gesture.
func (k *Kiosk) secretTap() {
	v := k.visit
	now := k.clock.Now()
	v.secret = append(v.secret, now)
	v.secret = slices.DeleteFunc(v.secret, func(t time.Time) bool { return now.Sub(t) > secretWindow })
	if len(v.secret) < secretTaps {
		return
	}
	v.secret = nil
	if k.staff != nil {
		k.staffInput()
		k.navigate(Route{Kind: RouteStaffHome})
		return
	}
	k.navigate(Route{Kind: RouteStaffPick})
}

// staffAct wraps a staff screen's tap handler: it counts as staff input,
// not as a resident's (no visit is started by staff work).
func (k *Kiosk) staffAct(f func()) func() {
	return func() {
		k.staffInput()
		f()
	}
}

func (k *Kiosk) staffInput() {
	if k.staff != nil {
		k.staff.last = k.clock.Now()
	}
	k.warn.hide()
}

// staffTick logs a member out after staffTimeout without staff input; a
// staff screen left showing goes back to the posters.
func (k *Kiosk) staffTick(now time.Time) {
	if k.staff != nil && now.Sub(k.staff.last) >= staffTimeout {
		k.logout("timeout")
		if k.route.isStaff() {
			k.reset(kiosk.EndIdle)
		}
	}
}

// logout ends staff mode; an open session stays open, its form as it was,
// for the member's next login.
func (k *Kiosk) logout(why string) {
	st := k.staff
	if st == nil {
		return
	}
	k.audit(kiosk.AuditLogout, why)
	if s := st.session; s != nil {
		k.drafts[st.member.ID] = *s
	}
	k.staff = nil
}

// audit adds a line to the audit log for the member logged in.
func (k *Kiosk) audit(action, detail string) {
	if !k.svc.on() || k.staff == nil {
		return
	}
	if err := k.svc.Roster.Log(context.Background(), k.staff.member.ID, action, detail); err != nil {
		k.log.Print(err)
	}
}

// say leaves a message for the top of the next staff screen.
func (k *Kiosk) say(msg string) {
	if k.staff != nil {
		k.staff.message = msg
	}
}

// staffFrame is the frame of a staff screen, with the message of the last
// action, if any, under the heading.
func (k *Kiosk) staffFrame(title string, body fyne.CanvasObject) fyne.CanvasObject {
	return k.frame(title, k.staffMessage(), body, nil)
}

// staffMessage is the message of the last action; it shows once.
func (k *Kiosk) staffMessage() string {
	sub := ""
	if k.staff != nil && k.staff.message != "" {
		sub, k.staff.message = k.staff.message, ""
	}
	return sub
}

// staffPickScreen lists the active staff members to log in as.
type staffPickScreen struct{ k *Kiosk }

func newStaffPickScreen(k *Kiosk, _ string) screen { return &staffPickScreen{k: k} }

func (s *staffPickScreen) view() fyne.CanvasObject {
	k := s.k
	if !k.svc.on() { // the database could not be opened
		return k.frame(k.t("staff_title"), k.t("staff_no_db"), container.NewVBox(), nil)
	}
	active, err := k.svc.Roster.Active(context.Background())
	if err != nil {
		k.log.Print(err)
		return k.frame(k.t("staff_title"), k.t("staff_db_error"), container.NewVBox(), nil)
	}
	if len(active) == 0 {
		return k.frame(k.t("staff_title"), k.t("staff_none"), container.NewVBox(), nil)
	}
	var tiles []fyne.CanvasObject
	for _, m := range active {
		tiles = append(tiles, newTile(vCenter(tileText(m.Name, m.Code, styleTile, sizeLead)), styleTile, func() {
			k.navigate(Route{Kind: RoutePIN, Arg: m.Code})
		}))
	}
	return k.frame(k.t("staff_title"), k.t("staff_pick"), container.NewVBox(container.NewGridWithColumns(3, tiles...)), nil)
}

// login checks a PIN typed for a member; it returns what to tell the
// person at the keypad, or "" when they are in (and on staff home).
func (k *Kiosk) login(code, pin string) string {
	m, err := k.svc.Roster.Login(context.Background(), code, pin)
	var locked *kiosk.LockedError
	switch {
	case err == nil:
		st := &staffMode{member: m, last: k.clock.Now()}
		if s, ok, err := k.svc.Desk.OpenOf(context.Background(), m.ID); err != nil {
			k.log.Print(err)
		} else if ok {
			st.session = &s
			// The form as the member left it at logout, if the session
			// has not changed since.
			if d, ok := k.drafts[m.ID]; ok && d.ID == s.ID && d.Version == s.Version {
				st.session = &d
			}
		}
		delete(k.drafts, m.ID)
		k.staff = st
		k.visit.history = nil
		k.show(Route{Kind: RouteStaffHome})
		return ""
	case errors.As(err, &locked):
		return k.tf("pin_locked", locked.Until.In(kiosk.Zone).Format("15:04:05"))
	case errors.Is(err, kiosk.ErrDisabled):
		return k.t("pin_disabled")
	case errors.Is(err, kiosk.ErrWrongLogin):
		return k.t("pin_wrong")
	}
	k.log.Print(err)
	return k.t("staff_db_error")
}

// staffHomeScreen: start a session (one tap), or go back to the open one;
// today's list; log out; and the admin's screens for an admin.
type staffHomeScreen struct{ k *Kiosk }

func newStaffHomeScreen(k *Kiosk, _ string) screen { return &staffHomeScreen{k: k} }

func (s *staffHomeScreen) view() fyne.CanvasObject {
	k := s.k
	st := k.staff
	to := func(kind RouteKind) func() { return func() { k.navigate(Route{Kind: kind}) } }
	var main *tile
	if st.session == nil {
		main = k.bigButton(theme.ContentAddIcon(), k.t("session_start"), styleAccent, k.startSession)
	} else {
		main = k.bigButton(theme.MediaPlayIcon(), k.t("session_resume"), styleAccent, to(RouteSession))
	}
	today := k.bigButton(theme.ListIcon(), k.t("session_today"), styleTile, to(RouteToday))
	out := k.bigButton(theme.LogoutIcon(), k.t("staff_logout"), styleTile, func() {
		k.logout("logout")
		k.reset(kiosk.EndIdle)
	})
	body := container.NewVBox(main, container.NewGridWithColumns(2, today, out))
	if st.member.Role == kiosk.RoleAdmin && k.adminNotice != "" {
		band := container.NewStack(canvas.NewRectangle(theme.Color(colorWarn)),
			container.NewPadded(newText(k.adminNotice, textOpts{size: sizeChrome, color: colorWarnText, wrap: fyne.TextWrapWord})))
		body = container.NewVBox(band, main, container.NewGridWithColumns(2, today, out))
	}
	if st.member.Role == kiosk.RoleAdmin {
		tiles := []fyne.CanvasObject{
			k.bigButton(theme.GridIcon(), k.t("numbers_title"), styleTile, to(RouteNumbers)),
			k.bigButton(theme.AccountIcon(), k.t("admin_members"), styleTile, to(RouteMembers)),
			k.bigButton(theme.HistoryIcon(), k.t("admin_audit"), styleTile, to(RouteAudit)),
			k.bigButton(theme.SettingsIcon(), k.t("settings_title"), styleTile, to(RouteSettings)),
		}
		if k.svc.Packs != nil {
			tiles = append(tiles, k.bigButton(theme.StorageIcon(), k.t("packs_title"), styleTile, to(RoutePacks)))
		}
		if k.leave != nil {
			word := k.t("kiosk_leave")
			if st.leaveArmed {
				word = k.t("kiosk_leave_again")
			}
			tiles = append(tiles, k.bigButton(theme.LogoutIcon(), word, styleTile, k.leaveKioskMode))
		}
		cols := 2
		if len(tiles) > 4 && !k.shape().portrait() {
			cols = 3
		}
		body.Add(container.NewGridWithColumns(cols, tiles...))
	}
	return k.staffFrame(k.tf("staff_hello", st.member.Name), body)
}

// bigButton is a wide button with an icon and a word.
func (k *Kiosk) bigButton(icon fyne.Resource, word string, style tileStyle, onTap func()) *tile {
	t := k.wideButton(icon, word, style, onTap) // act counts a tap on a staff screen as staff input
	t.minSize = fyne.NewSize(minTarget*3, 110)
	return t
}

// storeError is what staff are told when a record could not be written.
func (k *Kiosk) storeError(err error) string {
	k.log.Print(err)
	switch {
	case errors.Is(err, kiosk.ErrDiskFull):
		return k.t("store_full")
	case errors.Is(err, kiosk.ErrBusy):
		return k.t("store_busy")
	case errors.Is(err, kiosk.ErrStale):
		return k.t("store_stale")
	case errors.Is(err, kiosk.ErrVoided):
		return k.t("store_voided")
	}
	return k.t("store_failed") // the log has the details, in English
}
