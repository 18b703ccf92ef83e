//go:build linux

// Command stallthread stops one thread of a running process and leaves the
// others running: the hang of a screen's loop (a deadlock, a graphics
// driver that never returns) in a process that is otherwise alive. It
// seizes the thread with ptrace, interrupts it, prints "stopped" once the
// thread is held, and holds it until the thread ends or stallthread is
// killed (which lets it go on).
//
//	stallthread TID
//
// make boottest stops the kiosk's main thread, where Fyne runs its loop,
// and checks that the kiosk's own watchdog notices the silence while its
// other goroutines still run. SIGSTOP would stop every thread at once, the
// watchdog's with them.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"syscall"
)

const (
	ptraceSeize     = 0x4206
	ptraceInterrupt = 0x4207
)

func ptrace(req, tid int) error {
	if _, _, e := syscall.Syscall6(syscall.SYS_PTRACE, uintptr(req), uintptr(tid), 0, 0, 0, 0); e != 0 {
		return e
	}
	return nil
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: stallthread TID")
		os.Exit(2)
	}
	tid, err := strconv.Atoi(os.Args[1])
	if err != nil || tid <= 0 {
		fmt.Fprintf(os.Stderr, "stallthread: %q is not a thread id\n", os.Args[1])
		os.Exit(2)
	}
	// A tracee answers to the thread that seized it, and only to it.
	runtime.LockOSThread()
	if err := ptrace(ptraceSeize, tid); err != nil {
		fmt.Fprintf(os.Stderr, "stallthread: seize %d: %v\n", tid, err)
		os.Exit(1)
	}
	if err := ptrace(ptraceInterrupt, tid); err != nil {
		fmt.Fprintf(os.Stderr, "stallthread: interrupt %d: %v\n", tid, err)
		os.Exit(1)
	}
	announced := false
	for {
		var ws syscall.WaitStatus
		if _, err := syscall.Wait4(tid, &ws, syscall.WALL, nil); err != nil {
			fmt.Fprintf(os.Stderr, "stallthread: wait %d: %v\n", tid, err)
			os.Exit(1)
		}
		switch {
		case ws.Exited() || ws.Signaled():
			// The process ended (killed by the service manager, say):
			// the thread with it.
			fmt.Printf("thread %d ended\n", tid)
			return
		case ws.Stopped() && !announced:
			fmt.Println("stopped")
			announced = true
		}
		// Any later stop is left as it is: the thread stays held, and the
		// signals sent to it wait until it runs again, which is never.
	}
}
