package app

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"

	"onestop/kiosk"
	"onestop/kiosk/content"
)

// The settings screen: an admin changes, on the kiosk itself, how long a
// quiet screen waits before it starts over, how loud the narration starts
// and where sessions usually happen. Each tap saves at once and goes into
// the audit log.

// packSettings are the local settings the content pack implies, before
// any admin change.
func packSettings(s content.Settings) kiosk.LocalSettings {
	channel := "counter"
	if s.SiteKind == content.PostalPoint {
		channel = "postal_point"
	}
	return kiosk.DefaultLocal(s.IdleTimeout(), channel)
}

// loadSettings applies the admin's settings over the pack's. The idle
// wait applies at once; the starting volume from the next resident on.
func (k *Kiosk) loadSettings() {
	ls := packSettings(k.pack.Settings)
	if k.svc.Settings != nil {
		var err error
		if ls, err = k.svc.Settings.Load(context.Background(), ls); err != nil {
			k.log.Printf("settings: %v (the content pack's are used)", err)
		}
	}
	k.settings = ls
	k.idle.Quiet = ls.Idle
}

type settingsScreen struct {
	k    *Kiosk
	page int
}

func newSettingsScreen(k *Kiosk, _ string) screen { return &settingsScreen{k: k} }

func (s *settingsScreen) view() fyne.CanvasObject {
	k := s.k
	ls := k.settings
	set := func(key, value string) func() {
		return k.staffAct(func() {
			switch {
			case k.svc.Settings == nil:
				k.say(k.t("staff_no_db"))
			default:
				if err := k.svc.Settings.Set(context.Background(), k.staff.member.ID, key, value); err != nil {
					k.say(k.storeError(err))
				} else {
					k.loadSettings()
					k.say(k.t("settings_saved"))
				}
			}
			k.redraw()
		})
	}
	section := func(title string, chips ...fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(newText(title, textOpts{size: sizeChrome, bold: true, wrap: fyne.TextWrapWord}),
			container.NewGridWithColumns(len(chips), chips...))
	}
	var idle, qrIdle, pause, volume, channel []fyne.CanvasObject
	for _, n := range kiosk.IdleChoices {
		idle = append(idle, choiceTile(k.tf("settings_seconds", n), int(ls.Idle.Seconds()) == n, set(kiosk.SettingIdle, strconv.Itoa(n))))
	}
	for _, n := range kiosk.QRIdleChoices {
		qrIdle = append(qrIdle, choiceTile(k.tf("settings_seconds", n), int(ls.QRIdle.Seconds()) == n, set(kiosk.SettingQRIdle, strconv.Itoa(n))))
	}
	for _, n := range kiosk.PauseChoices {
		pause = append(pause, choiceTile(k.pauseWord(n), int(ls.Pause.Seconds()) == n, set(kiosk.SettingPause, strconv.Itoa(n))))
	}
	for v := range kiosk.VolumeSteps {
		volume = append(volume, choiceTile(k.t("volume_"+strconv.Itoa(v)), ls.Volume == v, set(kiosk.SettingVolume, strconv.Itoa(v))))
	}
	for _, c := range kiosk.Channels {
		channel = append(channel, choiceTile(k.t("channel_"+c), ls.Channel == c, set(kiosk.SettingChannel, c)))
	}
	// Two settings to a row, the rows paged when the text is large.
	pair := func(a, b fyne.CanvasObject) fyne.CanvasObject { return container.NewGridWithColumns(2, a, b) }
	rows := []fyne.CanvasObject{
		pair(section(k.t("settings_idle"), idle...), section(k.t("settings_qr_idle"), qrIdle...)),
		pair(section(k.t("settings_pause"), pause...), section(k.t("settings_volume"), volume...)),
		pair(section(k.t("settings_channel"), channel...), layout.NewSpacer()),
	}
	return k.staffFrame(k.t("settings_title"), k.newPagedList(&s.page, rows))
}

// pauseWord names a lesson's pause after narration: seconds, or waiting
// for Bước sau.
func (k *Kiosk) pauseWord(seconds int) string {
	if seconds == 0 {
		return k.t("settings_pause_wait")
	}
	return k.tf("settings_seconds", seconds)
}
