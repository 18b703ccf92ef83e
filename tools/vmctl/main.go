// Command vmctl drives a virtual machine that qemu runs for make vmtest:
// through QEMU's machine protocol (QMP) it reads the machine's screen and
// presses keys on its keyboard; through the guest agent (QGA) it runs
// commands inside the machine.
//
//	vmctl qmp SOCKET screendump OUT.png
//	vmctl qmp SOCKET keys ctrl-alt-f2
//	vmctl qga SOCKET wait [SECONDS]
//	vmctl qga SOCKET exec [-in FILE] COMMAND [ARG...]
//
// exec prints the command's output and exits with its status.
package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

type conn struct {
	c net.Conn
	r *bufio.Reader
}

func dial(sock string) (*conn, error) {
	c, err := net.DialTimeout("unix", sock, 5*time.Second)
	if err != nil {
		return nil, err
	}
	return &conn{c: c, r: bufio.NewReaderSize(c, 1<<20)}, nil
}

func (c *conn) send(cmd string, args any) error {
	m := map[string]any{"execute": cmd}
	if args != nil {
		m["arguments"] = args
	}
	b, _ := json.Marshal(m)
	_, err := c.c.Write(append(b, '\n'))
	return err
}

// reply reads messages until one answers a command: QMP's events, and
// anything else that is not a return or an error, are passed over.
func (c *conn) reply(deadline time.Duration) (json.RawMessage, error) {
	c.c.SetReadDeadline(time.Now().Add(deadline))
	for {
		line, err := c.r.ReadBytes('\n')
		if err != nil {
			return nil, err
		}
		var m struct {
			Return json.RawMessage `json:"return"`
			Error  *struct {
				Class string `json:"class"`
				Desc  string `json:"desc"`
			} `json:"error"`
		}
		if json.Unmarshal(bytes.TrimLeft(line, "\xff"), &m) != nil {
			continue
		}
		if m.Error != nil {
			return nil, fmt.Errorf("%s: %s", m.Error.Class, m.Error.Desc)
		}
		if m.Return != nil {
			return m.Return, nil
		}
	}
}

func (c *conn) call(cmd string, args any, deadline time.Duration) (json.RawMessage, error) {
	if err := c.send(cmd, args); err != nil {
		return nil, err
	}
	r, err := c.reply(deadline)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cmd, err)
	}
	return r, nil
}

func qmp(sock string) (*conn, error) {
	c, err := dial(sock)
	if err != nil {
		return nil, err
	}
	c.c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.r.ReadBytes('\n'); err != nil { // the greeting
		c.c.Close()
		return nil, fmt.Errorf("QMP greeting: %w", err)
	}
	if _, err := c.call("qmp_capabilities", nil, 10*time.Second); err != nil {
		c.c.Close()
		return nil, err
	}
	return c, nil
}

// qga connects to the guest agent and syncs with it: what an earlier
// client left unread is passed over, and an agent that is not up yet does
// not answer within the timeout.
func qga(sock string, timeout time.Duration) (*conn, error) {
	c, err := dial(sock)
	if err != nil {
		return nil, err
	}
	id := rand.Int64N(1 << 40)
	if err := c.send("guest-sync", map[string]any{"id": id}); err != nil {
		c.c.Close()
		return nil, err
	}
	for {
		r, err := c.reply(timeout)
		if err != nil {
			c.c.Close()
			return nil, fmt.Errorf("guest agent: %w", err)
		}
		if n, err := strconv.ParseInt(string(r), 10, 64); err == nil && n == id {
			return c, nil
		}
	}
}

func screendump(sock, out string) error {
	c, err := qmp(sock)
	if err != nil {
		return err
	}
	defer c.c.Close()
	tmp := out + ".ppm"
	abs, _ := filepath.Abs(tmp)
	if _, err := c.call("screendump", map[string]any{"filename": abs}, 30*time.Second); err != nil {
		return err
	}
	defer os.Remove(tmp)
	img, err := readPPM(tmp)
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readPPM reads the binary PPM (P6, 8 bits) that screendump writes.
func readPPM(path string) (image.Image, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var fields []string
	rest := b
	for len(fields) < 4 {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		if len(rest) > 0 && rest[0] == '#' {
			if i := bytes.IndexByte(rest, '\n'); i >= 0 {
				rest = rest[i+1:]
				continue
			}
			return nil, errors.New("screendump: a PPM header cut short")
		}
		i := bytes.IndexAny(rest, " \t\r\n")
		if i < 0 {
			return nil, errors.New("screendump: a PPM header cut short")
		}
		fields = append(fields, string(rest[:i]))
		rest = rest[i:]
	}
	rest = rest[1:] // the one white space after the header
	w, _ := strconv.Atoi(fields[1])
	h, _ := strconv.Atoi(fields[2])
	if fields[0] != "P6" || fields[3] != "255" || w <= 0 || h <= 0 || len(rest) < w*h*3 {
		return nil, fmt.Errorf("screendump: not an 8-bit P6 picture of %sx%s (%d bytes)", fields[1], fields[2], len(rest))
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < w*h; i++ {
		img.Set(i%w, i/w, color.RGBA{rest[3*i], rest[3*i+1], rest[3*i+2], 255})
	}
	return img, nil
}

func keys(sock, combo string) error {
	c, err := qmp(sock)
	if err != nil {
		return err
	}
	defer c.c.Close()
	var ks []map[string]string
	for _, k := range strings.Split(combo, "-") {
		ks = append(ks, map[string]string{"type": "qcode", "data": k})
	}
	_, err = c.call("send-key", map[string]any{"keys": ks, "hold-time": 200}, 10*time.Second)
	return err
}

func wait(sock string, limit time.Duration) error {
	end := time.Now().Add(limit)
	var last error
	for time.Now().Before(end) {
		c, err := qga(sock, 3*time.Second)
		if err == nil {
			c.c.Close()
			return nil
		}
		last = err
		time.Sleep(time.Second)
	}
	return fmt.Errorf("the guest agent did not answer within %s: %v", limit, last)
}

func exec(sock string, args []string) (int, error) {
	var in []byte
	if len(args) > 1 && args[0] == "-in" {
		b, err := os.ReadFile(args[1])
		if err != nil {
			return 0, err
		}
		in, args = b, args[2:]
	}
	if len(args) == 0 {
		return 0, errors.New("exec: no command")
	}
	c, err := qga(sock, 10*time.Second)
	if err != nil {
		return 0, err
	}
	defer c.c.Close()
	a := map[string]any{"path": args[0], "arg": args[1:], "capture-output": true}
	if in != nil {
		a["input-data"] = base64.StdEncoding.EncodeToString(in)
	}
	r, err := c.call("guest-exec", a, 30*time.Second)
	if err != nil {
		return 0, err
	}
	var started struct {
		Pid int `json:"pid"`
	}
	if err := json.Unmarshal(r, &started); err != nil {
		return 0, err
	}
	for {
		r, err := c.call("guest-exec-status", map[string]any{"pid": started.Pid}, 30*time.Second)
		if err != nil {
			return 0, err
		}
		var st struct {
			Exited   bool   `json:"exited"`
			ExitCode int    `json:"exitcode"`
			Signal   int    `json:"signal"`
			Out      string `json:"out-data"`
			Err      string `json:"err-data"`
		}
		if err := json.Unmarshal(r, &st); err != nil {
			return 0, err
		}
		if !st.Exited {
			time.Sleep(200 * time.Millisecond)
			continue
		}
		out, _ := base64.StdEncoding.DecodeString(st.Out)
		errOut, _ := base64.StdEncoding.DecodeString(st.Err)
		os.Stdout.Write(out)
		os.Stderr.Write(errOut)
		if st.Signal != 0 {
			return 128 + st.Signal, nil
		}
		return st.ExitCode, nil
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, `usage: vmctl qmp SOCKET screendump OUT.png
       vmctl qmp SOCKET keys ctrl-alt-f2
       vmctl qga SOCKET wait [SECONDS]
       vmctl qga SOCKET exec [-in FILE] COMMAND [ARG...]`)
	os.Exit(2)
}

func main() {
	a := os.Args[1:]
	if len(a) < 3 {
		usage()
	}
	var err error
	switch a[0] + " " + a[2] {
	case "qmp screendump":
		if len(a) != 4 {
			usage()
		}
		err = screendump(a[1], a[3])
	case "qmp keys":
		if len(a) != 4 {
			usage()
		}
		err = keys(a[1], a[3])
	case "qga wait":
		limit := 300 * time.Second
		if len(a) == 4 {
			s, e := strconv.Atoi(a[3])
			if e != nil || s <= 0 {
				usage()
			}
			limit = time.Duration(s) * time.Second
		}
		err = wait(a[1], limit)
	case "qga exec":
		var code int
		code, err = exec(a[1], a[3:])
		if err == nil {
			os.Exit(code)
		}
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "vmctl:", err)
		os.Exit(1)
	}
}
