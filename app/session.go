package app

import (
	"context"
	"fmt"
	"image"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk"
)

// The assisted session's screens: the open session's form, a closed one
// corrected or voided, the procedures picked for either, the resident's
// rating and today's list.

// startSession opens a session at once, on the site's usual channel (as
// the settings say).
func (k *Kiosk) startSession() {
	s, err := k.svc.Desk.Open(context.Background(), k.staff.member.ID, k.settings.Channel)
	if err != nil {
		k.say(k.storeError(err))
		k.show(Route{Kind: RouteStaffHome})
		return
	}
	s.Outcome = kiosk.OutcomeDone // the usual case, changed when it is not
	k.staff.session = &s
	k.navigate(Route{Kind: RouteSession})
}

// sessionScreen is the open session: what was helped with, what help was
// given, the outcome and the resident's place, then one tap to end it. The
// minutes it has lasted are drawn again once a minute.
type sessionScreen struct {
	k      *Kiosk
	page   int
	minute int
}

func newSessionScreen(k *Kiosk, _ string) screen { return &sessionScreen{k: k, minute: -1} }

func (s *sessionScreen) tick(now time.Time) {
	if s.k.staff != nil && now.Minute() != s.minute {
		s.k.redraw()
	}
}

func (s *sessionScreen) view() fyne.CanvasObject {
	k := s.k
	st := k.staff
	s.minute = k.clock.Now().Minute()
	if st.session == nil {
		return newStaffHomeScreen(k, "").view()
	}
	st.editing, st.editRoute = st.session, Route{Kind: RouteSession}
	ses := st.session
	end := k.wideButton(theme.ConfirmIcon(), k.t("session_end"), styleAccent, k.endSession)
	end.setDisabled(!complete(ses))
	show := k.wideButton(theme.ComputerIcon(), k.t("session_show"), styleTile, func() {
		k.visit.history = nil
		k.show(Route{Kind: RouteHome})
	})
	title := k.tf("session_title", k.minutes(k.clock.Now().Sub(ses.Started)))
	return k.sessionForm(&s.page, title, show, end)
}

// complete says whether a session's form says enough to end it.
func complete(s *kiosk.Session) bool {
	return s.Outcome == kiosk.OutcomeDone || (s.Outcome == kiosk.OutcomeNotDone && s.Reason != "")
}

// endSession closes the open session in one tap, committed before the
// screen says so, then asks the resident for their rating.
func (k *Kiosk) endSession() {
	st := k.staff
	closed, err := k.svc.Desk.Close(context.Background(), *st.session)
	if err != nil {
		k.say(k.storeError(err))
		k.redraw()
		return
	}
	st.session = nil
	k.visit.history = nil
	k.show(Route{Kind: RouteRate, Arg: closed.ID})
}

// fixScreen is a closed session's form again, to correct it or void it;
// either needs a reason, and the versions before stay as they were.
type fixScreen struct {
	k    *Kiosk
	id   string
	page int
}

func newFixScreen(k *Kiosk, id string) screen {
	st := k.staff
	if st.fixing == nil || st.fixing.ID != id {
		cur, err := k.svc.Desk.Current(context.Background(), id)
		if err != nil || cur.Status == kiosk.SessionOpen {
			return newTodayScreen(k, "")
		}
		st.fixing = &cur
	}
	return &fixScreen{k: k, id: id}
}

func (s *fixScreen) view() fyne.CanvasObject {
	k := s.k
	st := k.staff
	st.editing, st.editRoute = st.fixing, Route{Kind: RouteFix, Arg: s.id}
	ses := st.fixing
	void := k.wideButton(theme.DeleteIcon(), k.t("fix_void"), styleTile, func() { k.askText(textVoid, "") })
	void.setDisabled(ses.Status == kiosk.SessionVoid)
	save := k.wideButton(theme.ConfirmIcon(), k.t("fix_save"), styleAccent, func() { k.askText(textFix, "") })
	save.setDisabled(ses.Status == kiosk.SessionVoid || !complete(ses))
	return k.sessionForm(&s.page, k.tf("fix_title", ses.Started.In(kiosk.Zone).Format("15:04")), void, save)
}

// saveFix writes the correction or void of the session being fixed.
func (k *Kiosk) saveFix(void bool, reason string) {
	st := k.staff
	var err error
	if void {
		_, err = k.svc.Desk.Void(context.Background(), st.member.ID, *st.fixing, reason)
	} else {
		_, err = k.svc.Desk.Correct(context.Background(), st.member.ID, *st.fixing, reason)
	}
	if err != nil {
		k.say(k.storeError(err))
	} else {
		k.say(k.t("fix_saved"))
	}
	st.fixing = nil
	k.show(Route{Kind: RouteToday})
}

// sessionForm is the form of a session (st.editing): what was helped
// with, what help was given, the outcome, the resident's village and
// groups, the channel and a note, paged when the screen is short; the
// procedures button and the two given buttons stay at the bottom.
func (k *Kiosk) sessionForm(page *int, title string, second, first *tile) fyne.CanvasObject {
	st := k.staff
	s := st.editing
	toggle := func(list *[]string, v string) {
		if i := slices.Index(*list, v); i >= 0 {
			*list = slices.Delete(*list, i, i+1)
		} else {
			*list = append(*list, v)
		}
	}
	// widths holds each chip's words' width on one line.
	widths := map[fyne.CanvasObject]float32{}
	chip := func(label string, on bool, f func()) fyne.CanvasObject {
		c := choiceTile(label, on, k.staffAct(func() {
			f()
			k.redraw()
		}))
		c.inset = chipInset
		widths[c] = newText(label, textOpts{size: sizeChrome, bold: true}).MinSize().Width + 2*chipInset
		return c
	}
	var help []fyne.CanvasObject
	for _, h := range kiosk.HelpKinds {
		help = append(help, chip(k.t("help_"+h), slices.Contains(s.Help, h), func() { toggle(&s.Help, h) }))
	}
	outcome := []fyne.CanvasObject{
		chip(k.t("outcome_done"), s.Outcome == kiosk.OutcomeDone, func() { s.Outcome, s.Reason = kiosk.OutcomeDone, "" }),
		chip(k.t("outcome_not_done"), s.Outcome == kiosk.OutcomeNotDone, func() { s.Outcome = kiosk.OutcomeNotDone }),
	}
	var reasons []fyne.CanvasObject
	if s.Outcome == kiosk.OutcomeNotDone {
		for _, r := range kiosk.NotDoneReasons {
			reasons = append(reasons, chip(k.t("reason_"+r), s.Reason == r, func() { s.Reason = r }))
		}
	}
	var channels []fyne.CanvasObject
	for _, c := range kiosk.Channels {
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
			groups = append(groups, chip(k.t("group_"+g), slices.Contains(s.Groups, g), func() { toggle(&s.Groups, g) }))
		}
	}
	noteText := k.t("session_note_none")
	if s.Note != "" {
		noteText = s.Note
	}
	note := k.wideButton(theme.DocumentCreateIcon(), noteText, styleTile, func() { k.askText(textNote, s.Note) })
	var places []fyne.CanvasObject
	for _, p := range k.pack.Settings.Places {
		places = append(places, chip(p, s.Place == p, func() {
			if s.Place == p {
				s.Place = ""
			} else {
				s.Place = p
			}
		}))
	}
	pick := k.wideButton(theme.ContentAddIcon(), k.tf("session_procedures", k.procedureNames(s.Procedures)), styleTile, func() {
		k.show(Route{Kind: RoutePicker})
	})
	// Each part's name sits left of its choices, to keep the rows few;
	// the names' column is as wide as the widest name.
	nameW := float32(0)
	for _, key := range []string{"session_help", "session_outcome", "session_place", "session_groups"} {
		nameW = max(nameW, newText(k.t(key), textOpts{size: sizeChrome, bold: true}).MinSize().Width)
	}
	nameW = min(nameW+gap, 220)
	name := func(key string) fyne.CanvasObject {
		return newText(k.t(key), textOpts{size: sizeChrome, bold: true, wrap: fyne.TextWrapWord})
	}
	labelled := func(key string, rows []fyne.CanvasObject) []fyne.CanvasObject {
		out := make([]fyne.CanvasObject, len(rows))
		for i, r := range rows {
			var left fyne.CanvasObject = layout.NewSpacer()
			if i == 0 {
				left = name(key)
			}
			out[i] = container.NewBorder(nil, nil, container.New(&fixedWidthLayout{width: nameW}, left), nil, r)
		}
		return out
	}
	// Each part's chips flow along its row at their words' width and
	// wrap to another line only when the row is full.
	flow := func(parts ...[]fyne.CanvasObject) fyne.CanvasObject {
		var cells []fyne.CanvasObject
		for _, p := range parts {
			cells = append(cells, p...)
		}
		l := &flowLayout{widths: widths, gap: gap}
		l.box = container.New(l, cells...)
		return l.box
	}
	rows := labelled("session_help", []fyne.CanvasObject{flow(help)})
	// The reasons follow the outcome on its row when it was not done.
	rows = append(rows, labelled("session_outcome", []fyne.CanvasObject{flow(outcome, reasons)})...)
	if len(places) > 0 {
		rows = append(rows, labelled("session_place", []fyne.CanvasObject{flow(places)})...)
	}
	rows = append(rows, labelled("session_channel", []fyne.CanvasObject{flow(channels)})...)
	rows = append(rows, labelled("session_groups", []fyne.CanvasObject{flow(groups)})...)
	// The end button stands apart at the foot, with the procedures and the
	// note; a form too long for the screen pages beside its rows, away
	// from it.
	bottom := container.NewGridWithColumns(4, pick, note, second, first)
	if k.available().Width < 1000 {
		// A narrow screen (a portrait tablet): the buttons in two rows at
		// the top, the rows at the full width under them with the pager at
		// their foot, far from Kết thúc phiên.
		top := container.NewGridWithColumns(2, pick, note, second, first)
		return k.staffFrame(title, container.NewBorder(container.NewPadded(top), nil, nil, nil, k.newPagedList(page, rows)))
	}
	body := container.NewBorder(nil, container.NewPadded(bottom), nil, nil, k.sidePaged(page, rows))
	return k.staffFrame(title, body)
}

// procedureNames names the procedures of a session, for staff.
func (k *Kiosk) procedureNames(codes []string) string {
	var names []string
	for _, c := range codes {
		if p, ok := k.pack.Procedure(c); ok {
			names = append(names, p.Name)
		}
	}
	if len(names) == 0 {
		return k.t("session_no_procedure")
	}
	return strings.Join(names, "; ")
}

func formatElapsed(d time.Duration) string {
	d = max(d, 0)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

// minutes is a session's length as staff read it at a glance.
func (k *Kiosk) minutes(d time.Duration) string {
	return k.tf("minutes", int(max(d, 0).Minutes()))
}

// pickerScreen lists the catalog's procedures to tick those the session
// (open or being fixed) helped with.
type pickerScreen struct {
	k    *Kiosk
	page int
}

func newPickerScreen(k *Kiosk, _ string) screen {
	if k.staff.editing == nil {
		return newStaffHomeScreen(k, "")
	}
	return &pickerScreen{k: k}
}

func (s *pickerScreen) view() fyne.CanvasObject {
	k := s.k
	ses := k.staff.editing
	var tiles []fyne.CanvasObject
	for _, p := range k.pack.Procedures {
		tiles = append(tiles, choiceTile(p.Name, slices.Contains(ses.Procedures, p.Code), k.staffAct(func() {
			if i := slices.Index(ses.Procedures, p.Code); i >= 0 {
				ses.Procedures = slices.Delete(ses.Procedures, i, i+1)
			} else {
				ses.Procedures = append(ses.Procedures, p.Code)
			}
			k.redraw()
		})))
	}
	done := k.bigButton(theme.ConfirmIcon(), k.t("picker_done"), styleAccent, func() {
		k.show(k.staff.editRoute)
	})
	var rows []fyne.CanvasObject
	for i := 0; i < len(tiles); i += 4 {
		rows = append(rows, container.NewGridWithColumns(4, tiles[i:min(i+4, len(tiles))]...))
	}
	body := container.NewBorder(nil, done, nil, nil, k.newPagedList(&s.page, rows))
	return k.frame(k.t("picker_title"), "", body, nil)
}

// rateScreen turns to the resident: "saved", then four faces to say how
// the help was; a face tap records it with the session.
type rateScreen struct {
	k  *Kiosk
	id string
}

func newRateScreen(k *Kiosk, id string) screen { return &rateScreen{k: k, id: id} }

func (s *rateScreen) view() fyne.CanvasObject {
	k := s.k
	var faces []fyne.CanvasObject
	for r := 4; r >= 1; r-- {
		faces = append(faces, newTile(container.NewVBox(
			container.NewCenter(faceBox(faceImage(r, k.visit.highContrast, 240), 120)),
			newText(k.t(fmt.Sprintf("rate_%d", r)), textOpts{size: sizeLead, bold: true, align: fyne.TextAlignCenter}),
		), styleTile, func() { s.rate(r) }))
	}
	skip := k.bigButton(theme.NavigateNextIcon(), k.t("rate_skip"), styleTile, func() {
		k.show(Route{Kind: RouteStaffHome})
	})
	grid := container.NewGridWithColumns(4, faces...)
	if grid.MinSize().Width > k.available().Width-2*pageInset-2*theme.Padding() {
		grid = container.NewGridWithColumns(2, faces...) // a narrow screen: the faces two by two
	}
	body := container.NewVBox(grid, layout.NewSpacer(), skip)
	return k.frame(k.t("rate_title"), k.t("session_saved"), body, nil)
}

// rate adds the resident's rating to the closed session as a new version.
func (s *rateScreen) rate(rating int) {
	k := s.k
	if k.staff == nil {
		return
	}
	ctx := context.Background()
	cur, err := k.svc.Desk.Current(ctx, s.id)
	if err == nil {
		cur.Rating = rating
		_, err = k.svc.Desk.Rate(ctx, cur)
	}
	if err != nil {
		k.say(k.storeError(err))
	} else {
		k.say(k.t("rate_thanks"))
	}
	k.staffInput()
	k.show(Route{Kind: RouteStaffHome})
}

// todayScreen lists the member's sessions today, newest first; a closed
// one opens to be corrected.
type todayScreen struct {
	k    *Kiosk
	page int
}

func newTodayScreen(k *Kiosk, _ string) screen { return &todayScreen{k: k} }

func (s *todayScreen) view() fyne.CanvasObject {
	k := s.k
	list, err := k.svc.Desk.Day(context.Background(), k.staff.member.ID)
	if err != nil {
		return k.staffFrame(k.t("session_today"), newText(k.storeError(err), textOpts{size: sizeBody}))
	}
	var rows []fyne.CanvasObject
	for i := len(list) - 1; i >= 0; i-- {
		ses := list[i]
		state := k.t("status_" + ses.Status)
		if ses.Status == kiosk.SessionClosed {
			state = k.t("outcome_" + ses.Outcome)
		}
		line := fmt.Sprintf("%s · %s · %s", ses.Started.In(kiosk.Zone).Format("15:04"), formatElapsed(ses.Duration), state)
		var fix func()
		if ses.Status != kiosk.SessionOpen {
			fix = k.staffAct(func() {
				k.staff.fixing = nil
				k.navigate(Route{Kind: RouteFix, Arg: ses.ID})
			})
		}
		rows = append(rows, newTile(vCenter(tileText(k.procedureNames(ses.Procedures), line, styleTile, sizeBody)), styleTile, fix))
	}
	if len(rows) == 0 {
		rows = append(rows, newText(k.t("session_none_today"), textOpts{size: sizeBody}))
	}
	return k.staffFrame(k.tf("session_today_n", len(list)), k.newPagedList(&s.page, rows))
}

// chipInset is the margin inside a chip of the session form: enough for a
// 64 px tap target around one line of words.
const chipInset = 8

// flowLayout places chips left to right at their words' width (from
// widths; an object not in it at its least width), starting another line
// when one is full, every line as tall as its tallest chip. Its least
// height is for the width its container has, as wrapped text's is.
type flowLayout struct {
	widths map[fyne.CanvasObject]float32
	gap    float32
	box    *fyne.Container // the container it lays out
}

func (l *flowLayout) natural(o fyne.CanvasObject) fyne.Size {
	m := o.MinSize()
	if w, ok := l.widths[o]; ok {
		m.Width = max(m.Width, w)
	}
	return m
}

// place lays the objects out in width w (when move is set) and returns
// the height they take.
func (l *flowLayout) place(objs []fyne.CanvasObject, w float32, move bool) float32 {
	x, y, line := float32(0), float32(0), float32(0)
	for _, o := range objs {
		m := l.natural(o)
		cw := min(m.Width, w)
		if x > 0 && x+cw > w {
			x, y, line = 0, y+line+l.gap, 0
		}
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(cw, m.Height))
		}
		line = max(line, m.Height)
		x += cw + l.gap
	}
	return y + line
}

func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.place(objs, size.Width, true)
}

func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var widest float32
	for _, o := range objs {
		widest = max(widest, o.MinSize().Width)
	}
	w := float32(0)
	if l.box != nil {
		w = l.box.Size().Width
	}
	if w <= 0 {
		w = 1366
	}
	return fyne.NewSize(widest, l.place(objs, max(w, widest), false))
}

// faceBox shows a drawn face at side px.
func faceBox(img image.Image, side float32) fyne.CanvasObject {
	ci := canvas.NewImageFromImage(img)
	ci.FillMode = canvas.ImageFillContain
	ci.SetMinSize(fyne.NewSquareSize(side))
	return ci
}
