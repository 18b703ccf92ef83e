package slip

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Printer sends a slip's bytes to the counter's printer.
type Printer interface {
	// Ready says why the printer cannot print now (nil: it can).
	Ready() error
	Print(b []byte) error
	String() string
}

// OpenPrinter reads the printer setting of kiosk.json: a USB printer
// device ("/dev/usb/lp0"), a CUPS queue ("cups:QUEUE", sent raw), or ""
// for none (nil, nil).
func OpenPrinter(setting string) (Printer, error) {
	switch {
	case setting == "":
		return nil, nil
	case strings.HasPrefix(setting, "cups:"):
		q := strings.TrimPrefix(setting, "cups:")
		if q == "" || strings.ContainsAny(q, " /\t") {
			return nil, fmt.Errorf("printer %q: a CUPS queue is named like cups:receipt", setting)
		}
		return cups(q), nil
	case strings.HasPrefix(setting, "/"):
		return device(setting), nil
	}
	return nil, fmt.Errorf("printer %q: give a device (/dev/usb/lp0) or a CUPS queue (cups:NAME)", setting)
}

// device is a printer written to as a file, as the Linux usblp driver
// presents a USB printer.
type device string

func (d device) String() string { return string(d) }

func (d device) Ready() error {
	f, err := os.OpenFile(string(d), os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	return f.Close()
}

func (d device) Print(b []byte) error {
	f, err := os.OpenFile(string(d), os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// cups is a CUPS queue; the slip's ESC/POS bytes go to it unchanged.
type cups string

func (q cups) String() string { return "cups:" + string(q) }

func (q cups) Ready() error {
	out, err := exec.Command("lpstat", "-p", string(q)).CombinedOutput()
	if err != nil {
		return fmt.Errorf("CUPS queue %s: %s", string(q), strings.TrimSpace(string(out)))
	}
	if strings.Contains(string(out), "disabled") {
		return errors.New(strings.TrimSpace(string(out)))
	}
	return nil
}

func (q cups) Print(b []byte) error {
	cmd := exec.Command("lp", "-d", string(q), "-o", "raw", "-s")
	cmd.Stdin = bytes.NewReader(b)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("lp -d %s: %v: %s", string(q), err, strings.TrimSpace(string(out)))
	}
	return nil
}
