package kiosk

import (
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestIdle(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	type step struct {
		input bool
		at    float64
		state IdleState
		left  int
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"off until the first input", []step{{false, 500, IdleOff, 0}}},
		{"quiet but not yet", []step{{true, 0, IdleActive, 0}, {false, 59.9, IdleActive, 0}}},
		{"warning counts down", []step{{true, 0, IdleActive, 0}, {false, 60, IdleWarning, 10}, {false, 61, IdleWarning, 9}, {false, 69.5, IdleWarning, 1}}},
		{"expires", []step{{true, 0, IdleActive, 0}, {false, 70, IdleExpired, 0}, {false, 200, IdleExpired, 0}}},
		{"input cancels the warning", []step{{true, 0, IdleActive, 0}, {false, 65, IdleWarning, 5}, {true, 66, IdleActive, 0}, {false, 120, IdleActive, 0}, {false, 126, IdleWarning, 10}}},
		{"a late tick still expires", []step{{true, 0, IdleActive, 0}, {false, 3600, IdleExpired, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := Idle{Quiet: 60 * time.Second, Warn: 10 * time.Second}
			for n, s := range tt.steps {
				if s.input {
					i.Input(at(s.at))
				}
				st, left := i.Tick(at(s.at))
				if st != s.state || left != s.left {
					t.Errorf("step %d at %vs: state %v left %d, want %v %d", n, s.at, st, left, s.state, s.left)
				}
			}
		})
	}
	i := Idle{Quiet: time.Minute, Warn: 10 * time.Second}
	i.Input(t0)
	i.Stop()
	if st, _ := i.Tick(at(1000)); st != IdleOff {
		t.Errorf("stopped watch ticked to %v", st)
	}
}

func TestDataDir(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("checks the Linux rules")
	}
	t.Setenv("XDG_DATA_HOME", "/srv/data")
	if d, _ := DataDir(""); d != "/srv/data/"+Name {
		t.Errorf("XDG_DATA_HOME: %s", d)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/clerk")
	if d, _ := DataDir(""); d != "/home/clerk/.local/share/"+Name {
		t.Errorf("HOME: %s", d)
	}
	if d, _ := DataDir("rel"); !filepath.IsAbs(d) {
		t.Errorf("--data not made absolute: %s", d)
	}
	// A packaged build's folder comes before the user's; --data before both.
	SystemDataDir = "/var/lib/onestop-kiosk"
	defer func() { SystemDataDir = "" }()
	if d, _ := DataDir(""); d != "/var/lib/onestop-kiosk" {
		t.Errorf("packaged build: %s", d)
	}
	if d, _ := DataDir("/tmp/x"); d != "/tmp/x" {
		t.Errorf("packaged build with --data: %s", d)
	}
}
