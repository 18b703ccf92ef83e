// Command framewatch measures, on an X display, when a window first shows
// a drawn frame and how long the screen takes to change after a tap. The
// benchmark script uses it to time the kiosk against a bare Fyne window.
//
//	framewatch first NAME      wait for a mapped window whose name contains NAME
//	                           and for its centre pixel to be drawn; print the
//	                           milliseconds since framewatch started
//	framewatch close NAME      ask the window whose name contains NAME to close,
//	                           as a window manager's close button does (a
//	                           WM_DELETE_WINDOW message)
//	framewatch tap X Y         click at X,Y with XTest and print the milliseconds
//	                           from the button's release (a Fyne tap fires on
//	                           release) to the last change of the screen before
//	                           it holds still for 100 ms
//
// It polls every 2 ms with XGetImage on a few pixels or rows, so its own
// cost and resolution stay a few milliseconds.
package main

/*
#cgo pkg-config: x11 xtst
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XTest.h>
#include <stdlib.h>
#include <string.h>

// findMapped returns a viewable window whose name contains name, or 0.
static int nameHas(Display *d, Window w, const char *name) {
	Atom netName = XInternAtom(d, "_NET_WM_NAME", False);
	Atom utf8 = XInternAtom(d, "UTF8_STRING", False);
	Atom type;
	int format;
	unsigned long n, after;
	unsigned char *v = NULL;
	int hit = 0;
	if (XGetWindowProperty(d, w, netName, 0, 1024, False, utf8, &type, &format, &n, &after, &v) == Success && v) {
		hit = strstr((char *)v, name) != NULL;
		XFree(v);
	}
	if (!hit) {
		char *wn = NULL;
		if (XFetchName(d, w, &wn) && wn) {
			hit = strstr(wn, name) != NULL;
			XFree(wn);
		}
	}
	return hit;
}

static Window findMapped(Display *d, Window w, const char *name) {
	{
		int hit = nameHas(d, w, name);
		if (hit) {
			XWindowAttributes a;
			if (XGetWindowAttributes(d, w, &a) && a.map_state == IsViewable) return w;
		}
	}
	Window root, parent, *kids = NULL;
	unsigned int n = 0;
	if (!XQueryTree(d, w, &root, &parent, &kids, &n)) return 0;
	Window found = 0;
	for (unsigned int i = 0; i < n && !found; i++) found = findMapped(d, kids[i], name);
	if (kids) XFree(kids);
	return found;
}

// sample reads a 9-point grid of pixels around (x, y) on the root window
// into out; returns 0 on failure.
static int sample(Display *d, int x, int y, int step, unsigned long *out) {
	Window root = DefaultRootWindow(d);
	int w = DisplayWidth(d, DefaultScreen(d)), h = DisplayHeight(d, DefaultScreen(d));
	int k = 0;
	for (int i = -1; i <= 1; i++) for (int j = -1; j <= 1; j++) {
		int px = x + i * step, py = y + j * step;
		if (px < 0) px = 0;
		if (py < 0) py = 0;
		if (px >= w) px = w - 1;
		if (py >= h) py = h - 1;
		XImage *img = XGetImage(d, root, px, py, 1, 1, AllPlanes, ZPixmap);
		if (!img) return 0;
		out[k++] = XGetPixel(img, 0, 0);
		XDestroyImage(img);
	}
	return 1;
}

// rows reads every 8th pixel of eight full-width rows of the root window
// (at 1/16, 3/16, ... 15/16 of its height) into out, which holds
// ROWS * (width / 8) values; returns 0 on failure. Eight round trips per
// call. Four rows missed a lesson step in portrait whose picture and words
// changed only between them.
#define ROWS 8
static int rows(Display *d, unsigned long *out) {
	Window root = DefaultRootWindow(d);
	int w = DisplayWidth(d, DefaultScreen(d)), h = DisplayHeight(d, DefaultScreen(d));
	int k = 0;
	for (int r = 1; r < 2 * ROWS; r += 2) {
		XImage *img = XGetImage(d, root, 0, h * r / (2 * ROWS), w, 1, AllPlanes, ZPixmap);
		if (!img) return 0;
		for (int x = 0; x < w / 8; x++) out[k++] = XGetPixel(img, x * 8, 0);
		XDestroyImage(img);
	}
	return 1;
}

// askClose sends w the WM_DELETE_WINDOW message a window manager sends
// when its close button is pressed; returns 0 if w does not take it.
static int askClose(Display *d, Window w) {
	Atom protocols = XInternAtom(d, "WM_PROTOCOLS", False);
	Atom del = XInternAtom(d, "WM_DELETE_WINDOW", False);
	Atom *list = NULL;
	int n = 0, takes = 0;
	if (XGetWMProtocols(d, w, &list, &n)) {
		for (int i = 0; i < n; i++) if (list[i] == del) takes = 1;
		XFree(list);
	}
	if (!takes) return 0;
	XEvent ev;
	memset(&ev, 0, sizeof ev);
	ev.xclient.type = ClientMessage;
	ev.xclient.window = w;
	ev.xclient.message_type = protocols;
	ev.xclient.format = 32;
	ev.xclient.data.l[0] = del;
	ev.xclient.data.l[1] = CurrentTime;
	XSendEvent(d, w, False, NoEventMask, &ev);
	XSync(d, False);
	return 1;
}

// click moves the pointer to (x, y) and presses and releases button 1.
static int click(Display *d, int x, int y) {
	int ev, er, maj, min;
	if (!XTestQueryExtension(d, &ev, &er, &maj, &min)) return 0;
	XTestFakeMotionEvent(d, -1, x, y, CurrentTime);
	XTestFakeButtonEvent(d, 1, True, CurrentTime);
	XSync(d, False);
	XTestFakeButtonEvent(d, 1, False, CurrentTime);
	XSync(d, False);
	return 1;
}
*/
import "C"

import (
	"fmt"
	"os"
	"strconv"
	"time"
	"unsafe"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: framewatch first NAME | framewatch close NAME | framewatch tap X Y")
		os.Exit(2)
	}
	start := time.Now()
	d := C.XOpenDisplay(nil)
	if d == nil {
		fmt.Fprintln(os.Stderr, "framewatch: cannot open the display")
		os.Exit(1)
	}
	defer C.XCloseDisplay(d)
	deadline := start.Add(30 * time.Second)
	switch os.Args[1] {
	case "first":
		name := C.CString(os.Args[2])
		defer C.free(unsafe.Pointer(name))
		var win C.Window
		for win == 0 {
			if time.Now().After(deadline) {
				fail("no window named %q", os.Args[2])
			}
			win = C.findMapped(d, C.XDefaultRootWindow(d), name)
			if win == 0 {
				time.Sleep(2 * time.Millisecond)
			}
		}
		var attrs C.XWindowAttributes
		C.XGetWindowAttributes(d, win, &attrs)
		var x, y C.int
		var child C.Window
		C.XTranslateCoordinates(d, win, C.XDefaultRootWindow(d), 0, 0, &x, &y, &child)
		cx, cy := int(x)+int(attrs.width)/2, int(y)+int(attrs.height)/2
		// Drawn: the centre is no longer the black of an empty X window.
		for {
			px := samples(d, cx, cy, 40)
			drawn := false
			for _, p := range px {
				if p != 0 {
					drawn = true
				}
			}
			if drawn {
				break
			}
			if time.Now().After(deadline) {
				fail("window never drew")
			}
			time.Sleep(2 * time.Millisecond)
		}
		fmt.Println(time.Since(start).Milliseconds())
	case "close":
		name := C.CString(os.Args[2])
		defer C.free(unsafe.Pointer(name))
		win := C.findMapped(d, C.XDefaultRootWindow(d), name)
		if win == 0 {
			fail("no window named %q", os.Args[2])
		}
		if C.askClose(d, win) == 0 {
			fail("the window does not take WM_DELETE_WINDOW")
		}
	case "tap":
		if len(os.Args) < 4 {
			fail("tap needs X and Y")
		}
		x, _ := strconv.Atoi(os.Args[2])
		y, _ := strconv.Atoi(os.Args[3])
		// Watch a wide area: the next screen changes most of it.
		before := areaSamples(d)
		if C.click(d, C.int(x), C.int(y)) == 0 {
			fail("the display has no XTest extension")
		}
		t0 := time.Now()
		if os.Getenv("FRAMEWATCH_TRACE") != "" {
			fmt.Fprintf(os.Stderr, "release %d\n", t0.UnixMicro())
		}
		changedAt := time.Time{}
		last := before
		// FRAMEWATCH_TRACE=1 writes each change's time to stderr, to see
		// which frames make up one tap's response.
		trace := os.Getenv("FRAMEWATCH_TRACE") != ""
		for {
			now := areaSamples(d)
			if changedAt.IsZero() {
				if differs(now, before) {
					changedAt = time.Now()
					last = now
					if trace {
						fmt.Fprintf(os.Stderr, "change %d\n", changedAt.Sub(t0).Milliseconds())
					}
				}
			} else if differs(now, last) {
				changedAt, last = time.Now(), now // still drawing
				if trace {
					fmt.Fprintf(os.Stderr, "change %d\n", changedAt.Sub(t0).Milliseconds())
				}
			} else if time.Since(changedAt) > 100*time.Millisecond {
				break
			}
			if time.Now().After(deadline) {
				fail("the screen did not change")
			}
			time.Sleep(2 * time.Millisecond)
		}
		fmt.Println(changedAt.Sub(t0).Milliseconds())
	default:
		fail("unknown %q", os.Args[1])
	}
}

func samples(d *C.Display, x, y, step int) []uint64 {
	var out [9]C.ulong
	if C.sample(d, C.int(x), C.int(y), C.int(step), &out[0]) == 0 {
		return nil
	}
	r := make([]uint64, 9)
	for i, v := range out {
		r[i] = uint64(v)
	}
	return r
}

// areaSamples reads pixels along eight rows across the screen.
func areaSamples(d *C.Display) []uint64 {
	w := int(C.XDisplayWidth(d, 0))
	out := make([]C.ulong, C.ROWS*(w/8))
	if C.rows(d, &out[0]) == 0 {
		fail("cannot read the screen")
	}
	r := make([]uint64, len(out))
	for i, v := range out {
		r[i] = uint64(v)
	}
	return r
}

// differs says whether enough sampled pixels changed to count as a new
// frame rather than a cursor or a caret.
func differs(a, b []uint64) bool {
	n := 0
	for i := range a {
		if i < len(b) && a[i] != b[i] {
			n++
		}
	}
	return n >= 8
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "framewatch: "+format+"\n", args...)
	os.Exit(1)
}
