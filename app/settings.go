package app

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

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
	return kiosk.LocalSettings{Idle: s.IdleTimeout(), Volume: 0, Channel: channel}
}

// loadSettings applies the admin's settings over the pack's.
func (k *Kiosk) loadSettings() {
	ls, err := (&kiosk.Settings{Store: k.staffOpts.Store, Clock: k.clock}).Load(context.Background(), packSettings(k.pack.Settings))
	if err != nil {
		k.log.Printf("settings: %v (the content pack's are used)", err)
	}
	k.applySettings(ls)
}

func (k *Kiosk) applySettings(ls kiosk.LocalSettings) {
	k.settings = ls
	k.idle.Quiet = ls.Idle
	if k.current.Kind == "attract" || k.current.Kind == "" {
		k.volumeStep = ls.Volume
		k.applyVolume()
	}
}

func (k *Kiosk) settingsScreen() fyne.CanvasObject {
	ls := k.settings
	set := func(key, value string) func() {
		return k.staffAct(func() {
			s := &kiosk.Settings{Store: k.staffOpts.Store, Clock: k.clock}
			if err := s.Set(context.Background(), k.staff.member.ID, key, value); err != nil {
				k.staff.message = k.storeError(err)
			} else {
				k.loadSettings()
				k.staff.message = k.t("settings_saved")
			}
			k.show(kiosk.Route{Kind: "staff-settings"})
		})
	}
	chip := func(label string, on bool, onTap func()) fyne.CanvasObject { return choiceTile(label, on, onTap) }
	section := func(title string, chips ...fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(newText(title, textOpts{size: sizeLead, bold: true, wrap: fyne.TextWrapWord}),
			container.NewGridWithColumns(len(chips), chips...))
	}
	var idle, volume, channel []fyne.CanvasObject
	for _, s := range kiosk.IdleChoices {
		idle = append(idle, chip(k.tf("settings_seconds", s), int(ls.Idle.Seconds()) == s, set(kiosk.SettingIdle, strconv.Itoa(s))))
	}
	for v := range kiosk.VolumeSteps {
		volume = append(volume, chip(k.t("volume_"+strconv.Itoa(v)), ls.Volume == v, set(kiosk.SettingVolume, strconv.Itoa(v))))
	}
	for _, c := range kiosk.Channels {
		channel = append(channel, chip(k.t("channel_"+c), ls.Channel == c, set(kiosk.SettingChannel, c)))
	}
	body := container.NewVBox(
		section(k.t("settings_idle"), idle...),
		section(k.t("settings_volume"), volume...),
		section(k.t("settings_channel"), channel...),
	)
	return k.staffFrame(k.t("settings_title"), body)
}
