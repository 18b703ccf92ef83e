package app

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk"
)

// The admin's screens for the staff: the members, a member added, and
// the audit log.

// membersScreen lets an admin see the staff, disable or enable a member,
// and add one.
type membersScreen struct {
	k    *Kiosk
	page int
}

func newMembersScreen(k *Kiosk, _ string) screen { return &membersScreen{k: k} }

func (s *membersScreen) view() fyne.CanvasObject {
	k := s.k
	all, err := k.svc.Roster.List(context.Background())
	if err != nil {
		return k.staffFrame(k.t("admin_members"), newText(k.storeError(err), textOpts{size: sizeBody}))
	}
	var rows []fyne.CanvasObject
	for _, m := range all {
		state := k.t("member_active")
		if !m.Disabled.IsZero() {
			state = k.t("member_disabled")
		}
		info := tileText(m.Name, fmt.Sprintf("%s · %s · %s", m.Code, k.t("role_"+m.Role), state), styleTile, sizeBody)
		var action fyne.CanvasObject
		if m.ID != k.staff.member.ID { // an admin does not lock themselves out
			word, icon := k.t("member_disable"), theme.CancelIcon()
			if !m.Disabled.IsZero() {
				word, icon = k.t("member_enable"), theme.ConfirmIcon()
			}
			b := k.wideButton(icon, word, styleTile, func() {
				if err := k.svc.Roster.SetDisabled(context.Background(), k.staff.member.ID, m, m.Disabled.IsZero()); err != nil {
					k.say(k.storeError(err))
				}
				k.redraw()
			})
			action = container.New(&fixedWidthLayout{width: 280}, b)
		}
		rows = append(rows, container.NewBorder(nil, nil, nil, action, newTile(vCenter(info), styleTile, nil)))
	}
	add := k.wideButton(theme.ContentAddIcon(), k.t("member_add"), styleAccent, func() {
		k.staff.newMember = &memberDraft{role: kiosk.RoleStaff}
		k.askText(textNewName, "")
	})
	return k.staffFrame(k.t("admin_members"), container.NewBorder(nil, add, nil, nil, k.newPagedList(&s.page, rows)))
}

// memberDraft is a member being added: name and code typed on the
// keypad, role, and a PIN typed twice on the PIN pad.
type memberDraft struct {
	name, code, role, pin string
}

// draft is the member being added, started if none is.
func (st *staffMode) draft() *memberDraft {
	if st.newMember == nil {
		st.newMember = &memberDraft{role: kiosk.RoleStaff}
	}
	return st.newMember
}

// newMemberScreen gathers a new member.
type newMemberScreen struct{ k *Kiosk }

func newNewMemberScreen(k *Kiosk, _ string) screen { return &newMemberScreen{k: k} }

func (s *newMemberScreen) view() fyne.CanvasObject {
	k := s.k
	d := k.staff.draft()
	field := func(label, value string, purpose textPurpose) fyne.CanvasObject {
		if value == "" {
			value = k.t("member_empty")
		}
		return k.wideButton(theme.DocumentCreateIcon(), label+": "+value, styleTile, func() { k.askText(purpose, "") })
	}
	role := func(r string) fyne.CanvasObject {
		return choiceTile(k.t("role_"+r), d.role == r, k.staffAct(func() {
			d.role = r
			k.redraw()
		}))
	}
	pinWord := k.t("member_pin_none")
	if d.pin != "" {
		pinWord = strings.Repeat("●", len(d.pin))
	}
	pinButton := k.wideButton(theme.VisibilityOffIcon(), k.t("member_pin")+": "+pinWord, styleTile, func() {
		k.show(Route{Kind: RoutePIN, Arg: newMemberPIN})
	})
	save := k.wideButton(theme.ConfirmIcon(), k.t("member_save"), styleAccent, k.addMember)
	save.setDisabled(d.name == "" || d.code == "" || d.pin == "")
	cancel := k.wideButton(theme.CancelIcon(), k.t("text_cancel"), styleTile, func() {
		k.staff.newMember = nil
		k.show(Route{Kind: RouteMembers})
	})
	body := container.NewVBox(
		field(k.t("member_name"), d.name, textNewName),
		field(k.t("member_code"), d.code, textNewCode),
		container.NewGridWithColumns(2, role(kiosk.RoleStaff), role(kiosk.RoleAdmin)),
		pinButton,
		container.NewGridWithColumns(2, cancel, save),
	)
	return k.staffFrame(k.t("member_add"), body)
}

// addMember adds the member gathered on the new member screen.
func (k *Kiosk) addMember() {
	st := k.staff
	d := st.draft()
	m, err := k.svc.Roster.Add(context.Background(), st.member.ID, d.code, d.name, d.role, d.pin)
	d.pin = ""
	if err != nil {
		k.say(k.tf("member_refused", err))
		k.redraw()
		return
	}
	st.newMember = nil
	k.say(k.tf("member_added", m.Name))
	k.show(Route{Kind: RouteMembers})
}

// auditDays is how far back the audit screen reads.
const auditDays = 90

// auditScreen shows the audit log to admins, newest first, paged.
type auditScreen struct {
	k    *Kiosk
	page int
}

func newAuditScreen(k *Kiosk, _ string) screen { return &auditScreen{k: k} }

func (s *auditScreen) view() fyne.CanvasObject {
	k := s.k
	ctx := context.Background()
	log, err := k.svc.Roster.AuditLog(ctx, auditDays)
	if err != nil {
		return k.staffFrame(k.t("admin_audit"), newText(k.storeError(err), textOpts{size: sizeBody}))
	}
	names := map[string]string{}
	if all, err := k.svc.Roster.List(ctx); err == nil {
		for _, m := range all {
			names[m.ID] = m.Name
		}
	}
	var rows []fyne.CanvasObject
	for i := len(log) - 1; i >= 0; i-- {
		e := log[i]
		who := names[e.StaffID]
		if who == "" {
			who = k.t("audit_system") // the kiosk itself, or a command on the machine
		}
		line := fmt.Sprintf("%s · %s · %s", e.At.In(kiosk.Zone).Format("02/01 15:04"), who, k.t("audit_"+e.Action))
		if detail := k.auditDetail(e); detail != "" {
			line += ": " + detail
		}
		rows = append(rows, newText(line, textOpts{size: sizeBody, wrap: fyne.TextWrapWord}))
	}
	if len(rows) == 0 {
		rows = append(rows, newText(k.t("audit_empty"), textOpts{size: sizeBody}))
	}
	return k.staffFrame(k.t("admin_audit"), k.newPagedList(&s.page, rows))
}

// auditDetail is an audit entry's detail as an admin reads it: a setting
// change names the setting and its values in words.
func (k *Kiosk) auditDetail(e kiosk.AuditEntry) string {
	role := func(r string) string {
		if r == kiosk.RoleAdmin || r == kiosk.RoleStaff {
			return k.t("role_" + r)
		}
		return r
	}
	switch e.Action {
	case kiosk.AuditLogin:
		return role(e.Detail) // logged in as
	case kiosk.AuditLogout:
		if why := "logout_" + e.Detail; k.words["vi"][why] != "" {
			return k.t(why)
		}
	case kiosk.AuditWrongPIN:
		n, of, counted := strings.Cut(e.Detail, " of ") // "2 of 5"
		switch {
		case e.Detail == "unknown code":
			return k.t("audit_unknown_code")
		case strings.HasPrefix(e.Detail, "disabled member"):
			return k.t("audit_disabled_try")
		case counted:
			return k.tf("audit_try_of", n, of)
		}
	case kiosk.AuditStaffAdded:
		// "code name (role)"
		if i := strings.LastIndex(e.Detail, " ("); i > 0 && strings.HasSuffix(e.Detail, ")") {
			return e.Detail[:i] + " (" + role(e.Detail[i+2:len(e.Detail)-1]) + ")"
		}
	case kiosk.AuditStaffChange:
		if code, ok := strings.CutSuffix(e.Detail, " disabled"); ok {
			return k.tf("member_turned_off", code)
		}
		if code, ok := strings.CutSuffix(e.Detail, " enabled"); ok {
			return k.tf("member_turned_on", code)
		}
	}
	if d, ok := k.auditPhrase(e); ok {
		return d
	}
	if e.Action != kiosk.AuditSettings {
		return e.Detail
	}
	key, change, ok := strings.Cut(e.Detail, ": ")
	old, now, ok2 := strings.Cut(change, " → ")
	if !ok || !ok2 {
		return e.Detail
	}
	word := func(v string) string {
		switch key {
		case kiosk.SettingIdle, kiosk.SettingQRIdle:
			if n, err := strconv.Atoi(v); err == nil {
				return k.tf("settings_seconds", n)
			}
		case kiosk.SettingPause:
			if n, err := strconv.Atoi(v); err == nil {
				return k.pauseWord(n)
			}
		case kiosk.SettingVolume:
			return k.t("volume_" + v)
		case kiosk.SettingChannel:
			return k.t("channel_" + v)
		}
		return v
	}
	if old == "" {
		return k.tf("settings_change_first", k.t("settings_key_"+key), word(now))
	}
	return k.tf("settings_change", k.t("settings_key_"+key), word(old), word(now))
}

// auditPhrases are the details the kiosk and its commands write in fixed
// English sentences (so the log and the province's collector read them
// alike), each with the action it belongs to and the words that say it in
// the admin's language. The groups of the pattern fill the words' %s in
// order.
var auditPhrases = []struct {
	action string
	re     *regexp.Regexp
	key    string
}{
	{kiosk.AuditReplaced, regexp.MustCompile(`^(\S+) set aside; (\d+) staff, (\d+) settings from (.+); (\d+) staff and settings from the damaged file$`), "auditd_replaced"},
	{kiosk.AuditSettings, regexp.MustCompile(`^content pack (.+) version (\d+) installed from (.+)$`), "auditd_pack"},
	{kiosk.AuditSettings, regexp.MustCompile(`^left kiosk mode$`), "auditd_left_kiosk"},
	{kiosk.AuditExport, regexp.MustCompile(`^report (.+): (.+) printed on (.+)$`), "auditd_report_printed"},
	{kiosk.AuditExport, regexp.MustCompile(`^report (.+): (\d+) sessions, (.+)$`), "auditd_report_made"},
	{kiosk.AuditExport, regexp.MustCompile(`^report (.+): (.+) in (.+)$`), "auditd_report_saved"},
	{kiosk.AuditExport, regexp.MustCompile(`^(.+)\.csv, \.xlsx in (.+)$`), "auditd_export_saved"},
	{kiosk.AuditExport, regexp.MustCompile(`^(\d+) sessions, (\S+) to (\S+), (.+)$`), "auditd_export_made"},
	{kiosk.AuditImport, regexp.MustCompile(`^(.+): (\d+) read, (\d+) added$`), "auditd_merged"},
	{kiosk.AuditRestore, regexp.MustCompile(`^recovered (\d+) records from (.+)$`), "auditd_recovered"},
}

// auditPhrase says an entry's detail written as one of auditPhrases in the
// admin's language.
func (k *Kiosk) auditPhrase(e kiosk.AuditEntry) (string, bool) {
	for _, p := range auditPhrases {
		if p.action != e.Action {
			continue
		}
		m := p.re.FindStringSubmatch(e.Detail)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, g := range m[1:] {
			args[i] = g
		}
		if p.key == "auditd_replaced" { // "no backup", or the backup's file
			if m[4] == kiosk.DetailNoBackup {
				args[3] = k.t("auditd_no_backup")
			} else {
				args[3] = k.tf("auditd_backup", m[4])
			}
		}
		return k.tf(p.key, args...), true
	}
	return "", false
}
