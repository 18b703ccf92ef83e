package kiosk

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// LocalSettings are what an admin may change on the kiosk itself, without
// a new content pack: how long a quiet screen waits before it starts over
// (longer while a QR code shows: the resident is busy with their phone),
// how loud the narration starts, how long a lesson waits after each step's
// narration (or whether it waits for "Bước sau"), and where assisted
// sessions usually happen.
type LocalSettings struct {
	Idle    time.Duration // quiet time before the idle warning
	QRIdle  time.Duration // the same while a QR code shows
	Volume  int           // the narration's first step: 0 loud, 1 middle, 2 soft
	Pause   time.Duration // after a step's narration; 0: the lesson waits for Bước sau
	Channel string        // the channel a new session starts on
}

// DefaultLocal are the settings before any change, for an idle wait.
func DefaultLocal(idle time.Duration, channel string) LocalSettings {
	return LocalSettings{Idle: idle, QRIdle: DefaultQRIdle, Pause: DefaultPause, Channel: channel}
}

// The defaults of the pace settings: time to copy a step onto one's own
// phone, and to aim it at a QR code.
const (
	DefaultPause  = 5 * time.Second
	DefaultQRIdle = 120 * time.Second
)

// The settings' keys and the values they take.
const (
	SettingIdle    = "idle_seconds"
	SettingQRIdle  = "qr_idle_seconds"
	SettingVolume  = "volume"
	SettingPause   = "lesson_pause_seconds"
	SettingChannel = "channel"
)

// IdleChoices are the quiet times offered, in seconds.
var IdleChoices = []int{60, 90, 120, 180}

// QRIdleChoices are the quiet times offered while a QR code shows.
var QRIdleChoices = []int{90, 120, 180, 300}

// PauseChoices are the pauses after a step's narration, in seconds; 0
// waits for the resident's "Bước sau".
var PauseChoices = []int{3, 5, 8, 0}

// VolumeSteps is how many narration volume steps there are.
const VolumeSteps = 3

// Settings reads and changes the local settings.
type Settings struct {
	Store SettingsStore
	Clock Clock
}

// Load gives the settings: the admin's where changed, else the defaults.
// A stored value that is no longer valid is ignored.
func (s *Settings) Load(ctx context.Context, defaults LocalSettings) (LocalSettings, error) {
	out := defaults
	if s.Store == nil {
		return out, nil
	}
	stored, err := s.Store.Settings(ctx)
	if err != nil {
		return out, err
	}
	for key, value := range stored {
		if checkSetting(key, value) != nil {
			continue
		}
		n, _ := strconv.Atoi(value)
		switch key {
		case SettingIdle:
			out.Idle = time.Duration(n) * time.Second
		case SettingQRIdle:
			out.QRIdle = time.Duration(n) * time.Second
		case SettingPause:
			out.Pause = time.Duration(n) * time.Second
		case SettingVolume:
			out.Volume = n
		case SettingChannel:
			out.Channel = value
		}
	}
	return out, nil
}

// Set changes one setting, for staffID, and logs it in the audit log.
func (s *Settings) Set(ctx context.Context, staffID, key, value string) error {
	if err := checkSetting(key, value); err != nil {
		return err
	}
	return s.Store.SetSetting(ctx, key, value, staffID, s.Clock.Now())
}

func checkSetting(key, value string) error {
	n, err := strconv.Atoi(value)
	switch key {
	case SettingIdle:
		if err == nil && slices.Contains(IdleChoices, n) {
			return nil
		}
	case SettingQRIdle:
		if err == nil && slices.Contains(QRIdleChoices, n) {
			return nil
		}
	case SettingPause:
		if err == nil && slices.Contains(PauseChoices, n) {
			return nil
		}
	case SettingVolume:
		if err == nil && n >= 0 && n < VolumeSteps {
			return nil
		}
	case SettingChannel:
		if slices.Contains(Channels, value) {
			return nil
		}
	default:
		return fmt.Errorf("no setting %q", key)
	}
	return fmt.Errorf("setting %s cannot be %q", key, value)
}
