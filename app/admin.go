package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk"
	"onestop/kiosk/store"
)

// membersScreen lets an admin see the staff, disable or enable a member,
// and add one.
func (k *Kiosk) membersScreen() fyne.CanvasObject {
	ctx := context.Background()
	all, err := k.staffOpts.Store.ListStaff(ctx)
	if err != nil {
		return k.staffFrame(k.t("admin_members"), newText(k.storeError(err), textOpts{size: sizeBody}))
	}
	var rows []fyne.CanvasObject
	for _, m := range all {
		m := m
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
			b := k.wideButton(icon, word, styleTile, k.staffAct(func() { k.setDisabled(m) }))
			action = container.New(&fixedWidthLayout{width: 280}, b)
		}
		rows = append(rows, container.NewBorder(nil, nil, nil, action, newTile(vCenter(info), styleTile, nil)))
	}
	add := k.wideButton(theme.ContentAddIcon(), k.t("member_add"), styleAccent, k.staffAct(func() {
		st := k.staff
		st.newName, st.newCode, st.newRole, st.newPIN = "", "", store.RoleStaff, ""
		k.editText("new_name", "")
	}))
	space := k.bodySpace(k.t("admin_members"), "", nil)
	room := space.Height - heightAt(add, space.Width) - theme.Padding()
	pages := paginate(rows, space.Width, room)
	if len(pages) > 1 {
		pages = paginate(rows, space.Width, room-heightAt(k.pager(0, 2, func(int) {}), space.Width)-theme.Padding())
	}
	page := clampPage(k.todayPage, len(pages))
	pager := k.pager(page, len(pages), func(to int) {
		k.todayPage = to
		k.show(kiosk.Route{Kind: "staff-members"})
	})
	return k.staffFrame(k.t("admin_members"), container.NewBorder(nil, container.NewVBox(pager, add), nil, nil, container.NewVBox(pages[page]...)))
}

func (k *Kiosk) setDisabled(m store.Staff) {
	ctx := context.Background()
	at := time.Time{}
	what := "enabled"
	if m.Disabled.IsZero() {
		at, what = k.clock.Now(), "disabled"
	}
	if err := k.staffOpts.Store.SetStaffDisabled(ctx, m.ID, at); err != nil {
		k.staff.message = k.storeError(err)
	} else {
		k.audit(store.AuditEntry{StaffID: k.staff.member.ID, Action: store.AuditStaffChange, Detail: fmt.Sprintf("%s %s", m.Code, what)})
	}
	k.show(kiosk.Route{Kind: "staff-members"})
}

// newMemberScreen gathers a new member: name and code (typed on the
// keypad), role, and a PIN typed twice on the PIN pad.
func (k *Kiosk) newMemberScreen() fyne.CanvasObject {
	st := k.staff
	field := func(label, value, purpose string) fyne.CanvasObject {
		if value == "" {
			value = k.t("member_empty")
		}
		return k.wideButton(theme.DocumentCreateIcon(), label+": "+value, styleTile, k.staffAct(func() { k.editText(purpose, "") }))
	}
	role := func(r string) fyne.CanvasObject {
		return choiceTile(k.t("role_"+r), st.newRole == r, k.staffAct(func() {
			st.newRole = r
			k.show(kiosk.Route{Kind: "staff-new"})
		}))
	}
	pinWord := k.t("member_pin_none")
	if st.newPIN != "" {
		pinWord = strings.Repeat("●", len(st.newPIN))
	}
	pinButton := k.wideButton(theme.VisibilityOffIcon(), k.t("member_pin")+": "+pinWord, styleTile, k.staffAct(func() {
		k.pin, k.pinMessage, k.pinFirst = "", "", ""
		k.show(kiosk.Route{Kind: "staff-pin", Arg: newMemberPIN})
	}))
	save := k.wideButton(theme.ConfirmIcon(), k.t("member_save"), styleAccent, k.staffAct(k.addMember))
	save.setDisabled(st.newName == "" || st.newCode == "" || st.newPIN == "")
	cancel := k.wideButton(theme.CancelIcon(), k.t("text_cancel"), styleTile, k.staffAct(func() {
		k.show(kiosk.Route{Kind: "staff-members"})
	}))
	body := container.NewVBox(
		field(k.t("member_name"), st.newName, "new_name"),
		field(k.t("member_code"), st.newCode, "new_code"),
		container.NewGridWithColumns(2, role(store.RoleStaff), role(store.RoleAdmin)),
		pinButton,
		container.NewGridWithColumns(2, cancel, save),
	)
	return k.staffFrame(k.t("member_add"), body)
}

// newMemberPIN is the PIN pad's argument when an admin sets a new
// member's PIN rather than logging in.
const newMemberPIN = "\x00new"

// addMember adds the member gathered on the new member screen.
func (k *Kiosk) addMember() {
	st := k.staff
	m, err := k.staffOpts.Staff.Add(context.Background(), st.member.ID, st.newCode, st.newName, st.newRole, st.newPIN)
	st.newPIN = ""
	if err != nil {
		st.message = k.tf("member_refused", err)
		k.show(kiosk.Route{Kind: "staff-new"})
		return
	}
	st.message = k.tf("member_added", m.Name)
	k.show(kiosk.Route{Kind: "staff-members"})
}

// auditScreen shows the audit log to admins, newest first, paged.
func (k *Kiosk) auditScreen() fyne.CanvasObject {
	ctx := context.Background()
	now := k.clock.Now()
	log, err := k.staffOpts.Store.AuditLog(ctx, now.AddDate(0, 0, -90), now.Add(time.Minute))
	if err != nil {
		return k.staffFrame(k.t("admin_audit"), newText(k.storeError(err), textOpts{size: sizeBody}))
	}
	names := map[string]string{}
	if all, err := k.staffOpts.Store.ListStaff(ctx); err == nil {
		for _, m := range all {
			names[m.ID] = m.Name
		}
	}
	var rows []fyne.CanvasObject
	for i := len(log) - 1; i >= 0; i-- {
		e := log[i]
		who := names[e.StaffID]
		if who == "" {
			who = "—"
		}
		line := fmt.Sprintf("%s · %s · %s", e.At.Format("02/01 15:04"), who, k.t("audit_"+e.Action))
		if detail := k.auditDetail(e); detail != "" {
			line += ": " + detail
		}
		rows = append(rows, newText(line, textOpts{size: sizeBody, wrap: fyne.TextWrapWord}))
	}
	if len(rows) == 0 {
		rows = append(rows, newText(k.t("audit_empty"), textOpts{size: sizeBody}))
	}
	space := k.bodySpace(k.t("admin_audit"), "", nil)
	pages := paginate(rows, space.Width, space.Height-heightAt(k.pager(0, 2, func(int) {}), space.Width)-theme.Padding())
	page := clampPage(k.auditPage, len(pages))
	pager := k.pager(page, len(pages), func(to int) {
		k.auditPage = to
		k.show(kiosk.Route{Kind: "staff-audit"})
	})
	return k.staffFrame(k.t("admin_audit"), container.NewBorder(nil, pager, nil, nil, container.NewVBox(pages[page]...)))
}

// auditDetail is an audit entry's detail as an admin reads it: a setting
// change names the setting and its values in words.
func (k *Kiosk) auditDetail(e store.AuditEntry) string {
	if e.Action != store.AuditSettings {
		return e.Detail
	}
	key, change, ok := strings.Cut(e.Detail, ": ")
	old, now, ok2 := strings.Cut(change, " → ")
	if !ok || !ok2 {
		return e.Detail
	}
	word := func(v string) string {
		switch key {
		case kiosk.SettingIdle:
			if n, err := strconv.Atoi(v); err == nil {
				return k.tf("settings_seconds", n)
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
