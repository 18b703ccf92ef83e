// Package watchdog tells the service manager that the kiosk is alive, by
// systemd's notify protocol: READY=1 once the window shows, then
// WATCHDOG=1 at every tick for as long as the UI loop answers. A loop that
// hangs (a deadlock, a graphics driver stuck) stops the pings, and systemd
// restarts the kiosk after WatchdogSec. The pings come from a goroutine of
// their own, so a living process with a dead screen is still caught.
package watchdog

import (
	"context"
	"log"
	"sync/atomic"
	"time"

	"github.com/coreos/go-systemd/v22/daemon"
)

// Notifier sends a state line to the service manager; Systemd is the real one.
type Notifier func(state string) error

// Systemd sends state to the socket NOTIFY_SOCKET names (nothing when
// unset, as outside a service). In the service, that is the socket of
// kiosk notify-relay (see Relay), which passes the notices on.
func Systemd(state string) error {
	_, err := daemon.SdNotify(false, state)
	return err
}

// Interval returns how often to ping: a third of the WatchdogSec the
// service manager asks for, or 0 when it asks for none.
func Interval() time.Duration {
	d, err := daemon.SdWatchdogEnabled(false)
	if err != nil || d <= 0 {
		return 0
	}
	return d / 3
}

// Watchdog pings the service manager while the UI loop answers.
type Watchdog struct {
	// Post runs f on the UI loop, soon (fyne.Do in the kiosk); it must
	// not wait for f to run.
	Post   func(f func())
	Notify Notifier
	Log    *log.Logger

	answered atomic.Bool
	asked    time.Time
	silent   bool
}

// Run pings at every tick until ctx ends. At each tick it asks the UI loop
// to answer; a tick that finds the last question answered sends
// WATCHDOG=1 and asks again. One that finds it unanswered sends nothing
// and logs once how long the loop has been silent.
func (w *Watchdog) Run(ctx context.Context, tick <-chan time.Time) {
	w.answered.Store(true)
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick:
			w.check(now)
		}
	}
}

func (w *Watchdog) check(now time.Time) {
	if !w.answered.Load() {
		if !w.silent {
			w.silent = true
			w.logf("the screen's loop has not answered for %v: pings to the service manager stop, and it restarts the kiosk", now.Sub(w.asked).Round(time.Second))
		}
		return
	}
	if w.silent {
		w.silent = false
		w.logf("the screen's loop answers again")
	}
	if err := w.Notify(daemon.SdNotifyWatchdog); err != nil {
		w.logf("watchdog: %v", err)
	}
	w.answered.Store(false)
	w.asked = now
	w.Post(func() { w.answered.Store(true) })
}

func (w *Watchdog) logf(format string, args ...any) {
	if w.Log != nil {
		w.Log.Printf(format, args...)
	}
}
