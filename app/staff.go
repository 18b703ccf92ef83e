package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk"
	"onestop/kiosk/pin"
	"onestop/kiosk/store"
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

// staffMode is a logged-in member's time at the kiosk.
type staffMode struct {
	member  store.Staff
	session *store.Session // the session open now, if any
	last    time.Time      // the last staff input
	message string         // said once at the top of the next staff screen

	textPurpose string         // what the text entry is for: note, fix, void
	text        string         // the text being typed
	fixing      *store.Session // the session being corrected or voided
	editing     *store.Session // the session the form edits: the open one or fixing
	editRoute   kiosk.Route    // the form's screen, to come back to

	// A member being added by an admin.
	newName, newCode, newRole, newPIN string

	numbers *numbersState // the numbers screen's choices
}

// StaffOptions connect staff mode to the store; without them the gesture
// does nothing (a kiosk without a database records no sessions).
type StaffOptions struct {
	Staff *kiosk.Staff
	Desk  *kiosk.Desk
	Store *store.Store
}

// isStaffRoute says whether a route is one of staff mode's screens.
func isStaffRoute(r kiosk.Route) bool { return strings.HasPrefix(r.Kind, "staff") }

// secretTap counts the taps of the staff gesture.
func (k *Kiosk) secretTap() {
	now := k.clock.Now()
	k.secret = append(k.secret, now)
	k.secret = slices.DeleteFunc(k.secret, func(t time.Time) bool { return now.Sub(t) > secretWindow })
	if len(k.secret) < secretTaps {
		return
	}
	k.secret = nil
	if k.staff != nil {
		k.staffInput()
		k.navigate(kiosk.Route{Kind: "staff-home"})
		return
	}
	k.navigate(kiosk.Route{Kind: "staff"})
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
	k.warning.hide()
}

// openLookback is how far back a member's open session is looked for.
const openLookback = 30 * 24 * time.Hour

// staffTick logs a member out after staffTimeout without staff input.
func (k *Kiosk) staffTick(now time.Time) {
	if k.staff != nil && now.Sub(k.staff.last) >= staffTimeout {
		k.logout("timeout")
	}
}

// logout ends staff mode; an open session stays open for the next login.
func (k *Kiosk) logout(why string) {
	if k.staff == nil {
		return
	}
	k.audit(store.AuditEntry{StaffID: k.staff.member.ID, Action: store.AuditLogout, Detail: why})
	if s := k.staff.session; s != nil {
		if k.drafts == nil {
			k.drafts = map[string]store.Session{}
		}
		k.drafts[k.staff.member.ID] = *s
	}
	k.staff = nil
	if isStaffRoute(k.current) {
		k.reset(store.EndIdle)
	}
}

func (k *Kiosk) audit(e store.AuditEntry) {
	if k.staffOpts.Store == nil {
		return
	}
	e.At = k.clock.Now()
	if err := k.staffOpts.Store.Audit(context.Background(), e); err != nil {
		k.log.Print(err)
	}
}

// staffScreen builds the staff screens.
func (k *Kiosk) staffScreen(r kiosk.Route) fyne.CanvasObject {
	switch r.Kind {
	case "staff":
		return k.staffPick()
	case "staff-pin":
		return k.pinScreen(r.Arg)
	}
	if k.staff == nil { // logged out meanwhile
		return k.staffPick()
	}
	switch r.Kind {
	case "staff-session":
		return k.sessionScreen()
	case "staff-rate":
		return k.rateScreen(r.Arg)
	case "staff-today":
		return k.todayScreen()
	case "staff-picker":
		if k.staff.editing != nil {
			return k.procedurePicker()
		}
	case "staff-text":
		return k.textScreen()
	case "staff-members", "staff-audit", "staff-new", "staff-numbers", "staff-numbers-range", "staff-settings":
		if k.staff.member.Role != store.RoleAdmin {
			return k.staffHome()
		}
		switch r.Kind {
		case "staff-members":
			return k.membersScreen()
		case "staff-audit":
			return k.auditScreen()
		case "staff-numbers":
			return k.numbersScreen()
		case "staff-numbers-range":
			return k.numbersRangeScreen()
		case "staff-settings":
			return k.settingsScreen()
		}
		return k.newMemberScreen()
	case "staff-fix":
		return k.fixScreen(r.Arg)
	}
	return k.staffHome()
}

// staffFrame is the frame of a staff screen, with the message of the last
// action, if any, under the heading.
func (k *Kiosk) staffFrame(title string, body fyne.CanvasObject) fyne.CanvasObject {
	sub := ""
	if k.staff != nil && k.staff.message != "" {
		sub, k.staff.message = k.staff.message, ""
	}
	return k.frame(title, sub, body, nil)
}

// staffPick lists the active staff members to log in as.
func (k *Kiosk) staffPick() fyne.CanvasObject {
	if k.staffOpts.Store == nil { // the database could not be opened
		return k.frame(k.t("staff_title"), k.t("staff_no_db"), container.NewVBox(), nil)
	}
	all, err := k.staffOpts.Store.ListStaff(context.Background())
	if err != nil {
		return k.frame(k.t("staff_title"), k.t("staff_db_error"), container.NewVBox(), nil)
	}
	var tiles []fyne.CanvasObject
	for _, m := range all {
		if !m.Disabled.IsZero() {
			continue
		}
		m := m
		tiles = append(tiles, newTile(vCenter(tileText(m.Name, m.Code, styleTile, sizeLead)), styleTile, func() {
			k.pin = ""
			k.pinMessage = ""
			k.navigate(kiosk.Route{Kind: "staff-pin", Arg: m.Code})
		}))
	}
	if len(tiles) == 0 {
		return k.frame(k.t("staff_title"), k.t("staff_none"), container.NewVBox(), nil)
	}
	return k.frame(k.t("staff_title"), k.t("staff_pick"), container.NewVBox(container.NewGridWithColumns(3, tiles...)), nil)
}

// pinScreen is the PIN keypad: ten digits, delete, and OK; the PIN shows
// as dots.
func (k *Kiosk) pinScreen(code string) fyne.CanvasObject {
	dots := newText(strings.Repeat("● ", len(k.pin))+cursor, textOpts{size: sizeLead, bold: true, align: fyne.TextAlignCenter})
	msg := newText(k.pinMessage, textOpts{size: sizeBody, color: colorMuted, align: fyne.TextAlignCenter, wrap: fyne.TextWrapWord})
	redraw := func() {
		k.screen.Objects = []fyne.CanvasObject{k.pinScreen(code)}
		k.refresh(k.screen)
	}
	digit := func(d string) fyne.CanvasObject {
		return newTile(container.NewCenter(newText(d, textOpts{size: sizeLead, bold: true})), styleTile, func() {
			if len(k.pin) < 8 {
				k.pin += d
			}
			redraw()
		})
	}
	del := newTile(container.NewCenter(newText(k.t("key_backspace"), textOpts{size: sizeChrome, bold: true})), styleTile, func() {
		if k.pin != "" {
			k.pin = k.pin[:len(k.pin)-1]
		}
		redraw()
	})
	ok := newTile(container.NewCenter(newText(k.t("pin_ok"), textOpts{size: sizeLead, bold: true, color: colorAccentText})), styleAccent, func() {
		if code == newMemberPIN {
			k.setNewPIN()
			return
		}
		k.login(code)
	})
	grid := container.NewGridWithColumns(3,
		digit("1"), digit("2"), digit("3"), digit("4"), digit("5"), digit("6"),
		digit("7"), digit("8"), digit("9"), del, digit("0"), ok)
	parts := []fyne.CanvasObject{dots}
	if k.pinMessage != "" {
		parts = append(parts, msg)
	}
	pad := container.New(&fixedWidthLayout{width: 560}, container.NewVBox(append(parts, grid)...))
	who := code
	if st := k.staffOpts.Store; st != nil {
		if m, err := st.StaffByCode(context.Background(), code); err == nil {
			who = m.Name
		}
	}
	title := k.tf("pin_for", who)
	if code == newMemberPIN {
		title = k.t("pin_new")
	}
	return k.frame(title, "", container.NewCenter(pad), nil)
}

// login checks the PIN typed for a member.
func (k *Kiosk) login(code string) {
	p := k.pin
	k.pin = ""
	m, err := k.staffOpts.Staff.Login(context.Background(), code, p)
	var locked *kiosk.LockedError
	switch {
	case err == nil:
		k.pinMessage = ""
		k.staff = &staffMode{member: m, last: k.clock.Now()}
		k.staff.session = k.openSessionOf(m.ID)
		// The form as the member left it at logout, if the session has
		// not changed since.
		if d, ok := k.drafts[m.ID]; ok {
			if s := k.staff.session; s != nil && d.ID == s.ID && d.Version == s.Version {
				k.staff.session = &d
			}
			delete(k.drafts, m.ID)
		}
		k.history = nil
		k.show(kiosk.Route{Kind: "staff-home"})
		return
	case errors.As(err, &locked):
		k.pinMessage = k.tf("pin_locked", locked.Until.Format("15:04:05"))
	case errors.Is(err, kiosk.ErrDisabled):
		k.pinMessage = k.t("pin_disabled")
	case errors.Is(err, kiosk.ErrWrongLogin):
		k.pinMessage = k.t("pin_wrong")
	default:
		k.log.Print(err)
		k.pinMessage = k.t("staff_db_error")
	}
	k.screen.Objects = []fyne.CanvasObject{k.pinScreen(code)}
	k.refresh(k.screen)
}

// openSessionOf finds a session the member left open in the last
// openLookback (past midnight too).
func (k *Kiosk) openSessionOf(staffID string) *store.Session {
	now := k.clock.Now()
	list, err := k.staffOpts.Store.Sessions(context.Background(), now.Add(-openLookback), now.Add(time.Minute), staffID)
	if err != nil {
		return nil
	}
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].Status == store.SessionOpen {
			s := list[i]
			return &s
		}
	}
	return nil
}

// staffHome: start a session (one tap), or go back to the open one;
// today's list; log out.
func (k *Kiosk) staffHome() fyne.CanvasObject {
	st := k.staff
	var main *tile
	if st.session == nil {
		main = k.bigButton(theme.ContentAddIcon(), k.t("session_start"), styleAccent, k.staffAct(k.startSession))
	} else {
		main = k.bigButton(theme.MediaPlayIcon(), k.t("session_resume"), styleAccent, k.staffAct(func() {
			k.navigate(kiosk.Route{Kind: "staff-session"})
		}))
	}
	today := k.bigButton(theme.ListIcon(), k.t("session_today"), styleTile, k.staffAct(func() {
		k.navigate(kiosk.Route{Kind: "staff-today"})
	}))
	out := k.bigButton(theme.LogoutIcon(), k.t("staff_logout"), styleTile, func() { k.logout("logout") })
	body := container.NewVBox(main, container.NewGridWithColumns(2, today, out))
	if st.member.Role == store.RoleAdmin {
		members := k.bigButton(theme.AccountIcon(), k.t("admin_members"), styleTile, k.staffAct(func() {
			k.navigate(kiosk.Route{Kind: "staff-members"})
		}))
		log := k.bigButton(theme.HistoryIcon(), k.t("admin_audit"), styleTile, k.staffAct(func() {
			k.auditPage = 0
			k.navigate(kiosk.Route{Kind: "staff-audit"})
		}))
		numbers := k.bigButton(theme.GridIcon(), k.t("numbers_title"), styleTile, k.staffAct(func() {
			k.navigate(kiosk.Route{Kind: "staff-numbers"})
		}))
		settings := k.bigButton(theme.SettingsIcon(), k.t("settings_title"), styleTile, k.staffAct(func() {
			k.navigate(kiosk.Route{Kind: "staff-settings"})
		}))
		body.Add(container.NewGridWithColumns(2, numbers, members, log, settings))
	}
	return k.staffFrame(k.tf("staff_hello", st.member.Name), body)
}

// bigButton is a wide button with an icon and a word.
func (k *Kiosk) bigButton(icon fyne.Resource, word string, style tileStyle, onTap func()) *tile {
	t := k.wideButton(icon, word, style, onTap) // act counts a tap on a staff screen as staff input
	t.minSize = fyne.NewSize(minTarget*3, 110)
	return t
}

// startSession opens a session at once, on the site's usual channel (as
// the settings say).
func (k *Kiosk) startSession() {
	s, err := k.staffOpts.Desk.Open(context.Background(), k.staff.member.ID, k.settings.Channel)
	if err != nil {
		k.staff.message = k.storeError(err)
		k.show(kiosk.Route{Kind: "staff-home"})
		return
	}
	s.Outcome = kiosk.OutcomeDone // the usual case, changed when it is not
	k.staff.session = &s
	k.navigate(kiosk.Route{Kind: "staff-session"})
}

// storeError is what staff are told when a record could not be written.
func (k *Kiosk) storeError(err error) string {
	k.log.Print(err)
	switch {
	case errors.Is(err, store.ErrDiskFull):
		return k.t("store_full")
	case errors.Is(err, store.ErrBusy):
		return k.t("store_busy")
	case errors.Is(err, store.ErrStale):
		return k.t("store_stale")
	case errors.Is(err, kiosk.ErrVoided):
		return k.t("store_voided")
	}
	return k.t("store_failed") // the log has the details, in English
}

// sessionScreen is the open session: what was helped with, what help was
// given, the outcome and the resident's place, then one tap to end it.
func (k *Kiosk) sessionScreen() fyne.CanvasObject {
	st := k.staff
	if st.session == nil {
		return k.staffHome()
	}
	st.editing, st.editRoute = st.session, kiosk.Route{Kind: "staff-session"}
	end := k.wideButton(theme.ConfirmIcon(), k.t("session_end"), styleAccent, k.staffAct(k.endSession))
	s := st.session
	end.setDisabled(!(s.Outcome == kiosk.OutcomeDone || (s.Outcome == kiosk.OutcomeNotDone && s.Reason != "")))
	show := k.wideButton(theme.ComputerIcon(), k.t("session_show"), styleTile, k.staffAct(func() {
		k.history = nil
		k.show(kiosk.Route{Kind: "home"})
	}))
	title := k.tf("session_title", k.minutes(k.clock.Now().Sub(s.Started)))
	return k.sessionForm(title, show, end)
}

// fixScreen is a closed session's form again, to correct it or void it;
// either needs a reason, and the versions before stay as they were.
func (k *Kiosk) fixScreen(id string) fyne.CanvasObject {
	st := k.staff
	if st.fixing == nil || st.fixing.ID != id {
		cur, err := k.staffOpts.Store.CurrentSession(context.Background(), id)
		if err != nil || cur.Status == store.SessionOpen {
			return k.todayScreen()
		}
		st.fixing = &cur
	}
	st.editing, st.editRoute = st.fixing, kiosk.Route{Kind: "staff-fix", Arg: id}
	s := st.fixing
	void := k.wideButton(theme.DeleteIcon(), k.t("fix_void"), styleTile, k.staffAct(func() { k.editText("void", "") }))
	void.setDisabled(s.Status == store.SessionVoid)
	save := k.wideButton(theme.ConfirmIcon(), k.t("fix_save"), styleAccent, k.staffAct(func() { k.editText("fix", "") }))
	save.setDisabled(s.Status == store.SessionVoid || !(s.Outcome == kiosk.OutcomeDone || (s.Outcome == kiosk.OutcomeNotDone && s.Reason != "")))
	return k.sessionForm(k.tf("fix_title", s.Started.Format("15:04")), void, save)
}

// saveFix writes the correction or void of the session being fixed.
func (k *Kiosk) saveFix(reason string) {
	st := k.staff
	var err error
	if st.textPurpose == "void" {
		_, err = k.staffOpts.Desk.Void(context.Background(), st.member.ID, *st.fixing, reason)
	} else {
		_, err = k.staffOpts.Desk.Correct(context.Background(), st.member.ID, *st.fixing, reason)
	}
	if err != nil {
		st.message = k.storeError(err)
	} else {
		st.message = k.t("fix_saved")
	}
	st.fixing = nil
	k.show(kiosk.Route{Kind: "staff-today"})
}

// sessionForm is the form of a session (st.editing): what was helped
// with, what help was given, the outcome, the resident's village and
// groups, the channel and a note; the procedures button and the two given
// buttons stay at the bottom.
func (k *Kiosk) sessionForm(title string, second, first *tile) fyne.CanvasObject {
	st := k.staff
	s := st.editing
	redraw := func() {
		k.screen.Objects = []fyne.CanvasObject{k.staffScreen(st.editRoute)}
		k.refresh(k.screen)
	}
	toggle := func(list *[]string, v string) {
		if i := slices.Index(*list, v); i >= 0 {
			*list = slices.Delete(*list, i, i+1)
		} else {
			*list = append(*list, v)
		}
	}
	chip := func(label string, on bool, f func()) fyne.CanvasObject {
		return choiceTile(label, on, k.staffAct(func() {
			f()
			redraw()
		}))
	}
	var help []fyne.CanvasObject
	for _, h := range kiosk.HelpKinds {
		h := h
		help = append(help, chip(k.t("help_"+h), slices.Contains(s.Help, h), func() { toggle(&s.Help, h) }))
	}
	outcome := []fyne.CanvasObject{
		chip(k.t("outcome_done"), s.Outcome == kiosk.OutcomeDone, func() { s.Outcome, s.Reason = kiosk.OutcomeDone, "" }),
		chip(k.t("outcome_not_done"), s.Outcome == kiosk.OutcomeNotDone, func() { s.Outcome = kiosk.OutcomeNotDone }),
	}
	var reasons []fyne.CanvasObject
	if s.Outcome == kiosk.OutcomeNotDone {
		for _, r := range kiosk.NotDoneReasons {
			r := r
			reasons = append(reasons, chip(k.t("reason_"+r), s.Reason == r, func() { s.Reason = r }))
		}
	}
	var channels []fyne.CanvasObject
	for _, c := range kiosk.Channels {
		c := c
		channels = append(channels, chip(k.t("channel_"+c), s.Channel == c, func() { s.Channel = c }))
	}
	groups := []fyne.CanvasObject{chip(k.t("groups_consent"), s.Consent, func() {
		s.Consent = !s.Consent
		if !s.Consent {
			s.Groups = nil // nothing is kept without consent
		}
	})}
	if s.Consent {
		for _, g := range kiosk.Groups {
			g := g
			groups = append(groups, chip(k.t("group_"+g), slices.Contains(s.Groups, g), func() { toggle(&s.Groups, g) }))
		}
	}
	noteText := k.t("session_note_none")
	if s.Note != "" {
		noteText = s.Note
	}
	note := k.wideButton(theme.DocumentCreateIcon(), noteText, styleTile, k.staffAct(func() {
		k.editText("note", s.Note)
	}))
	var places []fyne.CanvasObject
	for _, p := range k.pack.Settings.Places {
		p := p
		places = append(places, chip(p, s.Place == p, func() {
			if s.Place == p {
				s.Place = ""
			} else {
				s.Place = p
			}
		}))
	}
	procs := k.t("session_no_procedure")
	if len(s.Procedures) > 0 {
		var names []string
		for _, c := range s.Procedures {
			if p, ok := k.pack.Procedure(c); ok {
				names = append(names, p.Name)
			}
		}
		procs = strings.Join(names, "; ")
	}
	pick := k.wideButton(theme.ContentAddIcon(), k.tf("session_procedures", procs), styleTile, k.staffAct(func() {
		k.pickerPage = 0
		k.show(kiosk.Route{Kind: "staff-picker"})
	}))
	// The form is rows, paged when the screen is short; the two ways on
	// (show the kiosk to the resident, end the session) stay at the bottom.
	gridRows := func(tiles []fyne.CanvasObject, n int) []fyne.CanvasObject {
		var out []fyne.CanvasObject
		for i := 0; i < len(tiles); i += n {
			row := tiles[i:min(i+n, len(tiles))]
			for len(row) < n {
				row = append(row, layout.NewSpacer())
			}
			out = append(out, container.NewGridWithColumns(n, row...))
		}
		return out
	}
	// Each part's name sits left of its choices, to keep the rows few.
	labelled := func(key string, rows []fyne.CanvasObject) []fyne.CanvasObject {
		name := container.New(&fixedWidthLayout{width: 200}, newText(k.t(key), textOpts{size: sizeBody, bold: true, wrap: fyne.TextWrapWord}))
		out := make([]fyne.CanvasObject, len(rows))
		for i, r := range rows {
			var left fyne.CanvasObject = container.New(&fixedWidthLayout{width: 200}, layout.NewSpacer())
			if i == 0 {
				left = name
			}
			out[i] = container.NewBorder(nil, nil, left, nil, r)
		}
		return out
	}
	rows := labelled("session_help", gridRows(help, 4))
	rows = append(rows, labelled("session_outcome", []fyne.CanvasObject{container.NewGridWithColumns(2, outcome...)})...)
	if len(reasons) > 0 {
		rows = append(rows, labelled("session_reason", gridRows(reasons, len(reasons)))...)
	}
	if len(places) > 0 {
		rows = append(rows, labelled("session_place", gridRows(places, 4))...)
	}
	rows = append(rows, labelled("session_groups", gridRows(groups, 5))...)
	rows = append(rows, labelled("session_channel", gridRows(channels, 3))...)
	rows = append(rows, labelled("session_note", []fyne.CanvasObject{note})...)
	bottom := container.NewGridWithColumns(3, pick, second, first)
	space := k.bodySpace(title, "", nil)
	room := space.Height - heightAt(bottom, space.Width) - 2*theme.Padding()
	if st.message != "" { // staffFrame shows it under the heading
		room -= heightAt(newText(st.message, textOpts{size: sizeBody, wrap: fyne.TextWrapWord}), space.Width) + theme.Padding()
	}
	pages := paginate(rows, space.Width, room)
	if len(pages) > 1 {
		pages = paginate(rows, space.Width, room-heightAt(k.pager(0, 2, func(int) {}), space.Width)-theme.Padding())
	}
	page := clampPage(k.formPage, len(pages))
	pager := k.pager(page, len(pages), func(to int) {
		k.formPage = to
		k.show(st.editRoute)
	})
	body := container.NewBorder(nil, container.NewVBox(pager, bottom), nil, nil, container.NewVBox(pages[page]...))
	return k.staffFrame(title, body)
}

func formatElapsed(d time.Duration) string {
	d = max(d, 0)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

// minutes is a session's length as staff read it at a glance.
func (k *Kiosk) minutes(d time.Duration) string {
	return k.tf("minutes", int(max(d, 0).Minutes()))
}

// procedurePicker lists the catalog's procedures, paged by category, to
// tick those the session helped with.
func (k *Kiosk) procedurePicker() fyne.CanvasObject {
	s := k.staff.editing
	var tiles []fyne.CanvasObject
	for _, p := range k.pack.Procedures {
		p := p
		tiles = append(tiles, choiceTile(p.Name, slices.Contains(s.Procedures, p.Code),
			k.staffAct(func() {
				if i := slices.Index(s.Procedures, p.Code); i >= 0 {
					s.Procedures = slices.Delete(s.Procedures, i, i+1)
				} else {
					s.Procedures = append(s.Procedures, p.Code)
				}
				k.show(kiosk.Route{Kind: "staff-picker"})
			})))
	}
	done := k.bigButton(theme.ConfirmIcon(), k.t("picker_done"), styleAccent, k.staffAct(func() {
		k.show(k.staff.editRoute)
	}))
	var rows []fyne.CanvasObject
	for i := 0; i < len(tiles); i += 4 {
		rows = append(rows, container.NewGridWithColumns(4, tiles[i:min(i+4, len(tiles))]...))
	}
	space := k.bodySpace(k.t("picker_title"), "", nil)
	pages := paginate(rows, space.Width, space.Height-pagerHeight-done.MinSize().Height-2*theme.Padding())
	page := clampPage(k.pickerPage, len(pages))
	pager := k.pager(page, len(pages), func(to int) {
		k.pickerPage = to
		k.show(kiosk.Route{Kind: "staff-picker"})
	})
	body := container.NewBorder(nil, container.NewVBox(pager, done), nil, nil, container.NewVBox(pages[page]...))
	return k.frame(k.t("picker_title"), "", body, nil)
}

// endSession closes the open session in one tap, committed before the
// screen says so, then asks the resident for their rating.
func (k *Kiosk) endSession() {
	st := k.staff
	closed, err := k.staffOpts.Desk.Close(context.Background(), *st.session)
	if err != nil {
		st.message = k.storeError(err)
		k.screen.Objects = []fyne.CanvasObject{k.sessionScreen()}
		k.refresh(k.screen)
		return
	}
	st.session = nil
	k.history = nil
	k.show(kiosk.Route{Kind: "staff-rate", Arg: closed.ID})
}

// rateScreen turns to the resident: "saved", then four faces to say how
// the help was; a face tap records it with the session.
func (k *Kiosk) rateScreen(id string) fyne.CanvasObject {
	var faces []fyne.CanvasObject
	for r := 4; r >= 1; r-- {
		r := r
		faces = append(faces, newTile(container.NewVBox(
			container.NewCenter(iconBox(faceIcon(r), 120)),
			newText(k.t(fmt.Sprintf("rate_%d", r)), textOpts{size: sizeLead, bold: true, align: fyne.TextAlignCenter}),
		), styleTile, func() { k.rate(id, r) }))
	}
	skip := k.bigButton(theme.NavigateNextIcon(), k.t("rate_skip"), styleTile, k.staffAct(func() {
		k.show(kiosk.Route{Kind: "staff-home"})
	}))
	body := container.NewVBox(container.NewGridWithColumns(4, faces...), layout.NewSpacer(), skip)
	return k.frame(k.t("rate_title"), k.t("session_saved"), body, nil)
}

// rate adds the resident's rating to a closed session as a new version.
func (k *Kiosk) rate(id string, rating int) {
	ctx := context.Background()
	if k.staff == nil {
		return
	}
	cur, err := k.staffOpts.Store.CurrentSession(ctx, id)
	if err == nil {
		cur.Rating = rating
		_, err = k.staffOpts.Desk.Rate(ctx, cur)
	}
	if err != nil {
		k.staff.message = k.storeError(err)
	} else {
		k.staff.message = k.t("rate_thanks")
	}
	k.staffInput()
	k.show(kiosk.Route{Kind: "staff-home"})
}

// todayScreen lists the member's sessions today, newest first.
func (k *Kiosk) todayScreen() fyne.CanvasObject {
	now := k.clock.Now()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	list, err := k.staffOpts.Store.Sessions(context.Background(), day, day.Add(24*time.Hour), k.staff.member.ID)
	if err != nil {
		return k.staffFrame(k.t("session_today"), newText(k.storeError(err), textOpts{size: sizeBody}))
	}
	var rows []fyne.CanvasObject
	for i := len(list) - 1; i >= 0; i-- {
		s := list[i]
		var names []string
		for _, c := range s.Procedures {
			if p, ok := k.pack.Procedure(c); ok {
				names = append(names, p.Name)
			}
		}
		what := strings.Join(names, "; ")
		if what == "" {
			what = k.t("session_no_procedure")
		}
		state := k.t("status_" + s.Status)
		if s.Status == store.SessionClosed {
			state = k.t("outcome_" + s.Outcome)
		}
		line := fmt.Sprintf("%s · %s · %s", s.Started.Format("15:04"), formatElapsed(s.Duration), state)
		var fix func()
		if s.Status != store.SessionOpen {
			id := s.ID
			fix = k.staffAct(func() {
				k.staff.fixing = nil
				k.formPage = 0
				k.navigate(kiosk.Route{Kind: "staff-fix", Arg: id})
			})
		}
		rows = append(rows, newTile(vCenter(tileText(what, line, styleTile, sizeBody)), styleTile, fix))
	}
	if len(rows) == 0 {
		rows = append(rows, newText(k.t("session_none_today"), textOpts{size: sizeBody}))
	}
	space := k.bodySpace(k.t("session_today"), "", nil)
	pages := paginate(rows, space.Width, space.Height-pagerHeight)
	page := clampPage(k.todayPage, len(pages))
	pager := k.pager(page, len(pages), func(to int) {
		k.todayPage = to
		k.screen.Objects = []fyne.CanvasObject{k.todayScreen()}
		k.refresh(k.screen)
	})
	return k.staffFrame(k.tf("session_today_n", len(list)), container.NewBorder(nil, pager, nil, nil, container.NewVBox(pages[page]...)))
}

// editText is the staff's text entry, on the kiosk's keypad: a session's
// note, or the reason for a correction or void. What is typed is checked
// as a note is (no ID or phone numbers) before it is taken.
func (k *Kiosk) editText(purpose, text string) {
	k.staff.textPurpose, k.staff.text = purpose, text
	k.show(kiosk.Route{Kind: "staff-text"})
}

func (k *Kiosk) textScreen() fyne.CanvasObject {
	st := k.staff
	typed := container.NewStack()
	msg := container.NewStack()
	draw := func() {
		typed.Objects = []fyne.CanvasObject{newText(st.text+cursor, textOpts{size: sizeLead, bold: true, wrap: fyne.TextWrapWord})}
		k.refresh(typed)
	}
	draw()
	pad := newKeypad(k, func(q string) {
		st.text, k.query = q, q
		draw()
	})
	k.query = st.text // the keypad edits k.query's way: start from the text
	save := k.wideButton(theme.ConfirmIcon(), k.t("text_save"), styleAccent, k.staffAct(func() {
		text := strings.TrimSpace(st.text)
		problem := ""
		if err := kiosk.CheckNote(text); err != nil {
			problem = k.noteProblem(err)
		} else if text == "" && st.textPurpose != "note" {
			problem = k.t("reason_needed") // a correction or void says why
		}
		if problem != "" {
			msg.Objects = []fyne.CanvasObject{newText(problem, textOpts{size: sizeBody, color: colorMuted, wrap: fyne.TextWrapWord})}
			k.refresh(msg)
			return
		}
		k.textDone(text)
	}))
	cancel := k.wideButton(theme.CancelIcon(), k.t("text_cancel"), styleTile, k.staffAct(func() { k.textDone("\x00") }))
	body := container.NewBorder(container.NewVBox(typed, msg), container.NewVBox(container.NewGridWithColumns(2, cancel, save), pad.content), nil, nil, nil)
	return k.frame(k.t("text_"+st.textPurpose), "", body, nil)
}

// noteProblem says in the staff's words why a note was refused.
func (k *Kiosk) noteProblem(err error) string {
	if errors.Is(err, kiosk.ErrNoteNumber) {
		return k.t("note_number")
	}
	return k.tf("note_long", kiosk.MaxNoteRunes)
}

// textDone takes the typed text ("\x00": cancelled) where it was asked for.
func (k *Kiosk) textDone(text string) {
	st := k.staff
	k.query = ""
	switch st.textPurpose {
	case "note":
		if text != "\x00" && st.editing != nil {
			st.editing.Note = text
		}
		k.show(st.editRoute)
	case "new_name", "new_code":
		if text == "\x00" {
			k.show(kiosk.Route{Kind: "staff-members"})
			return
		}
		if st.textPurpose == "new_name" {
			st.newName = text
		} else {
			st.newCode = text
		}
		k.show(kiosk.Route{Kind: "staff-new"})
	case "fix", "void":
		if text == "\x00" {
			k.show(kiosk.Route{Kind: "staff-today"})
			return
		}
		k.saveFix(text)
	}
}

// setNewPIN takes a new member's PIN, typed twice.
func (k *Kiosk) setNewPIN() {
	p := k.pin
	k.pin = ""
	switch {
	case k.staff == nil:
		return
	case pin.Check(p) != nil:
		k.pinMessage, k.pinFirst = k.t("pin_form"), ""
	case k.pinFirst == "":
		k.pinFirst, k.pinMessage = p, k.t("pin_again")
	case k.pinFirst != p:
		k.pinFirst, k.pinMessage = "", k.t("pin_differ")
	default:
		k.staff.newPIN, k.pinFirst, k.pinMessage = p, "", ""
		k.show(kiosk.Route{Kind: "staff-new"})
		return
	}
	k.show(kiosk.Route{Kind: "staff-pin", Arg: newMemberPIN})
}
