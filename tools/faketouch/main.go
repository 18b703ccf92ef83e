//go:build linux

// Command faketouch is a touch screen made by the kernel's uinput: a
// multitouch panel that libinput, udev and a compositor take as a real one
// (INPUT_PROP_DIRECT, BTN_TOUCH, absolute axes). It appears, waits for the
// compositor to open it, taps where it is told, one finger, and goes away.
//
//	faketouch [-settle 3s] [-gap 2s] X,Y [X,Y ...]
//	faketouch [-settle 3s] [-gap 2s] -      (the taps read from stdin, a line each)
//
// X and Y are where the finger lands as fractions of the panel, as the panel
// itself counts them (0,0 its top left corner as it is mounted, before any
// turn of the picture): a tap at 0.25,0.5 lands a quarter of the way
// across. make vmtest taps the kiosk through it, on a picture turned for a
// portrait stand, to see that the touch is turned with the picture. With -
// the panel stays until stdin ends, tapping each line as it comes: a panel
// there before the compositor starts, as a real one is (a touch screen
// plugged in later has its first tap lost on the way to XWayland's
// clients).
package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

// From linux/input-event-codes.h and linux/uinput.h.
const (
	evSyn = 0x00
	evKey = 0x01
	evAbs = 0x03

	synReport = 0

	btnTouch = 0x14a

	absX              = 0x00
	absY              = 0x01
	absMTSlot         = 0x2f
	absMTPositionX    = 0x35
	absMTPositionY    = 0x36
	absMTTrackingID   = 0x39
	inputPropDirect   = 0x01
	absCnt            = 0x40
	uinputMaxNameSize = 80

	uiSetEvBit   = 0x40045564
	uiSetKeyBit  = 0x40045565
	uiSetAbsBit  = 0x40045567
	uiSetPropBit = 0x4004556e
	uiDevCreate  = 0x5501
	uiDevDestroy = 0x5502

	// The panel's own range on both axes, as many panels report it.
	axisMax = 32767
)

// userDev is struct uinput_user_dev: the device's name, ids and axes,
// written to /dev/uinput before UI_DEV_CREATE.
type userDev struct {
	Name         [uinputMaxNameSize]byte
	Bustype      uint16
	Vendor       uint16
	Product      uint16
	Version      uint16
	FFEffectsMax uint32
	Absmax       [absCnt]int32
	Absmin       [absCnt]int32
	Absfuzz      [absCnt]int32
	Absflat      [absCnt]int32
}

type point struct{ x, y float64 }

func ioctl(fd uintptr, req, arg uintptr) error {
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, fd, req, arg); e != 0 {
		return e
	}
	return nil
}

func parsePoint(s string) (point, error) {
	xs, ys, ok := strings.Cut(s, ",")
	if !ok {
		return point{}, fmt.Errorf("%q is not X,Y", s)
	}
	x, err1 := strconv.ParseFloat(xs, 64)
	y, err2 := strconv.ParseFloat(ys, 64)
	if err1 != nil || err2 != nil || x < 0 || x > 1 || y < 0 || y > 1 {
		return point{}, fmt.Errorf("%q: X and Y are fractions of the panel, 0 to 1", s)
	}
	return point{x, y}, nil
}

type panel struct {
	f *os.File
}

func open() (*panel, error) {
	f, err := os.OpenFile("/dev/uinput", os.O_WRONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	fd := f.Fd()
	set := func(req uintptr, vals ...uintptr) error {
		for _, v := range vals {
			if err := ioctl(fd, req, v); err != nil {
				return fmt.Errorf("ioctl %#x %#x: %w", req, v, err)
			}
		}
		return nil
	}
	if err := set(uiSetEvBit, evSyn, evKey, evAbs); err != nil {
		f.Close()
		return nil, err
	}
	if err := set(uiSetKeyBit, btnTouch); err != nil {
		f.Close()
		return nil, err
	}
	if err := set(uiSetAbsBit, absX, absY, absMTSlot, absMTPositionX, absMTPositionY, absMTTrackingID); err != nil {
		f.Close()
		return nil, err
	}
	if err := set(uiSetPropBit, inputPropDirect); err != nil {
		f.Close()
		return nil, err
	}
	var d userDev
	copy(d.Name[:], "onestop faketouch panel")
	d.Bustype = 0x03 // BUS_USB
	d.Vendor, d.Product, d.Version = 0x1d50, 0x6175, 1
	for _, a := range []int{absX, absY, absMTPositionX, absMTPositionY} {
		d.Absmax[a] = axisMax
	}
	d.Absmax[absMTSlot] = 9
	d.Absmax[absMTTrackingID] = 65535
	var b bytes.Buffer
	if err := binary.Write(&b, binary.NativeEndian, &d); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Write(b.Bytes()); err != nil {
		f.Close()
		return nil, fmt.Errorf("write uinput_user_dev: %w", err)
	}
	if err := ioctl(fd, uiDevCreate, 0); err != nil {
		f.Close()
		return nil, fmt.Errorf("UI_DEV_CREATE: %w", err)
	}
	return &panel{f: f}, nil
}

// emit writes struct input_event records (a timeval the kernel fills in,
// type, code, value).
func (p *panel) emit(evs ...[3]int32) error {
	var b bytes.Buffer
	for _, e := range evs {
		var tv syscall.Timeval
		b.Write(unsafe.Slice((*byte)(unsafe.Pointer(&tv)), unsafe.Sizeof(tv)))
		binary.Write(&b, binary.NativeEndian, uint16(e[0]))
		binary.Write(&b, binary.NativeEndian, uint16(e[1]))
		binary.Write(&b, binary.NativeEndian, e[2])
	}
	_, err := p.f.Write(b.Bytes())
	return err
}

func (p *panel) tap(pt point, id int32) error {
	x, y := int32(pt.x*axisMax+0.5), int32(pt.y*axisMax+0.5)
	if err := p.emit(
		[3]int32{evAbs, absMTSlot, 0},
		[3]int32{evAbs, absMTTrackingID, id},
		[3]int32{evAbs, absMTPositionX, x},
		[3]int32{evAbs, absMTPositionY, y},
		[3]int32{evKey, btnTouch, 1},
		[3]int32{evAbs, absX, x},
		[3]int32{evAbs, absY, y},
		[3]int32{evSyn, synReport, 0},
	); err != nil {
		return err
	}
	time.Sleep(120 * time.Millisecond) // a finger's tap
	return p.emit(
		[3]int32{evAbs, absMTTrackingID, -1},
		[3]int32{evKey, btnTouch, 0},
		[3]int32{evSyn, synReport, 0},
	)
}

func (p *panel) close() {
	ioctl(p.f.Fd(), uiDevDestroy, 0)
	p.f.Close()
}

func main() {
	settle := flag.Duration("settle", 3*time.Second, "wait after the panel appears, for udev and the compositor to take it")
	gap := flag.Duration("gap", 2*time.Second, "wait after each tap")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: faketouch [-settle D] [-gap D] X,Y [X,Y ...]   (X, Y: 0 to 1 of the panel)")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	p, err := open()
	if err != nil {
		fmt.Fprintln(os.Stderr, "faketouch:", err)
		os.Exit(1)
	}
	defer p.close()
	if flag.NArg() == 1 && flag.Arg(0) == "-" {
		time.Sleep(*settle)
		in := bufio.NewScanner(os.Stdin)
		for i := 1; in.Scan(); i++ {
			line := strings.TrimSpace(in.Text())
			if line == "" {
				continue
			}
			pt, err := parsePoint(line)
			if err != nil {
				fmt.Fprintln(os.Stderr, "faketouch:", err)
				continue
			}
			if err := p.tap(pt, int32(i)); err != nil {
				fmt.Fprintln(os.Stderr, "faketouch: tap:", err)
				os.Exit(1)
			}
			fmt.Printf("tapped %.4f,%.4f\n", pt.x, pt.y)
		}
		return
	}
	var pts []point
	for _, a := range flag.Args() {
		pt, err := parsePoint(a)
		if err != nil {
			fmt.Fprintln(os.Stderr, "faketouch:", err)
			os.Exit(2)
		}
		pts = append(pts, pt)
	}
	time.Sleep(*settle)
	for i, pt := range pts {
		if err := p.tap(pt, int32(i+1)); err != nil {
			fmt.Fprintln(os.Stderr, "faketouch: tap:", err)
			os.Exit(1)
		}
		fmt.Printf("tapped %.4f,%.4f\n", pt.x, pt.y)
		time.Sleep(*gap)
	}
}
