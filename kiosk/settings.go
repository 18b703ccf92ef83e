package kiosk

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// LocalSettings are what an admin may change on the kiosk itself, without
// a new content pack: how long a quiet screen waits before it starts over,
// how loud the narration starts, and where assisted sessions usually
// happen.
type LocalSettings struct {
	Idle    time.Duration // quiet time before the idle warning
	Volume  int           // the narration's first step: 0 loud, 1 middle, 2 soft
	Channel string        // the channel a new session starts on
}

// The settings' keys and the values they take.
const (
	SettingIdle    = "idle_seconds"
	SettingVolume  = "volume"
	SettingChannel = "channel"
)

// IdleChoices are the quiet times offered, in seconds.
var IdleChoices = []int{60, 90, 120, 180}

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
