package content

import (
	"fmt"
	"time"

	qrcode "github.com/skip2/go-qrcode"
)

// MaxQRVersion is the densest QR code the kiosk shows. A version v code is
// 17+4v modules wide, plus a quiet zone of 4 each side: version 15 is 85
// modules, so the smallest code the kiosk draws (300 px) still gives each
// module 3.5 px, about 0.9 mm on a 21.5" 1920×1080 screen, which a phone
// reads from arm's length. At error correction M it holds 412 bytes.
const MaxQRVersion = 15

// maxQRBytes is what a version 15 code holds at error correction M.
const maxQRBytes = 412

// QR encodes an address as the kiosk draws it (error correction M, for a
// code on a screen that may be smudged or reflect light), refusing one too
// long to be read at the kiosk's size.
func QR(address string) (*qrcode.QRCode, error) {
	q, err := qrcode.New(address, qrcode.Medium)
	if err == nil && q.VersionNumber <= MaxQRVersion {
		return q, nil
	}
	// go-qrcode refuses only what no version holds (over 2,331 bytes at M).
	return nil, fmt.Errorf("the address is too long for a QR code a phone reads on the kiosk's screen: %d bytes, at most %d (a version %d code)",
		len(address), maxQRBytes, MaxQRVersion)
}

// StaleAfter is how long a procedure's facts stay trusted after they were
// checked; content check warns about older ones.
const StaleAfter = 365 * 24 * time.Hour

// Warnings lists what the pack is not refused for but an admin should
// mend, as of now: procedures not checked for StaleAfter or checked on a
// date still to come, targets that do not say what they open, searches
// where the procedure's page is known.
func (p *Pack) Warnings(now time.Time) []Problem {
	out := append([]Problem(nil), p.warnings...)
	today := now.Format(dateLayout)
	dated := func(file, entry, field, checked, what string) {
		t, err := time.Parse(dateLayout, checked)
		if err != nil {
			return // none, or refused when loading
		}
		switch {
		case checked > today:
			out = append(out, Problem{File: file, Entry: entry, Field: field,
				Msg: fmt.Sprintf("%s is a date still to come (today is %s)", checked, today)})
		case now.Sub(t) > StaleAfter:
			out = append(out, Problem{File: file, Entry: entry, Field: field,
				Msg: fmt.Sprintf("last checked on %s, over 12 months ago: check %s again", checked, what)})
		}
	}
	for i, pr := range p.Procedures {
		dated(ProceduresFile, entryName("procedure", pr.Code, i), "checked", pr.Checked, "the facts and the QR codes")
	}
	for i, h := range p.Settings.Hotlines {
		dated(SettingsFile, "", fmt.Sprintf("hotlines[%d].checked", i), h.Checked, "the number")
	}
	return out
}
