package content

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"
)

// ReportSettings say who issues the periodic report and who signs it, in
// the state's document layout (Decree 30/2020/NĐ-CP, Appendix I). Each
// field left out takes the site's default (Settings.Letterhead).
type ReportSettings struct {
	// Issuer is the issuing body, a line each, in capitals ("ỦY BAN NHÂN
	// DÂN", "XÃ QUỲNH LƯU").
	Issuer []string `json:"issuer,omitempty"`
	// Parent is the body above the issuer, in capitals, not bold
	// ("BƯU ĐIỆN TỈNH NGHỆ AN"); empty for a commune.
	Parent string `json:"parent,omitempty"`
	// Symbol follows the number the clerk writes in: "BC-UBND" gives
	// "Số:      /BC-UBND".
	Symbol string `json:"symbol,omitempty"`
	// Place names where the report is written, before its date
	// ("Quỳnh Lưu, ngày 05 tháng 12 năm 2026").
	Place string `json:"place,omitempty"`
	// Recipients are the bodies the report is sent to; "Lưu: VT" is added.
	Recipients []string `json:"recipients,omitempty"`
	// SignFor, SignAs and SignerTitle are the signature's lines above the
	// signature: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH".
	// SignFor and SignAs may be empty (a head who signs in their own name).
	SignFor     string `json:"sign_for,omitempty"`
	SignAs      string `json:"sign_as,omitempty"`
	SignerTitle string `json:"signer_title,omitempty"`
	// Signer is the name under the signature.
	Signer string `json:"signer,omitempty"`
}

// Letterhead is the report's settings with the site's defaults filled in.
// A commune's report is issued by its People's Committee and signed for
// it by a vice-chair; a postal point's by the post office, sent to its
// commune.
func (s Settings) Letterhead() ReportSettings {
	r := s.Report
	place := placeName(s.Commune)
	postal := s.SiteKind == PostalPoint
	if len(r.Issuer) == 0 {
		if postal {
			r.Issuer = []string{upper(s.SiteName)}
		} else {
			r.Issuer = []string{"ỦY BAN NHÂN DÂN", upper(s.Commune)}
		}
	}
	if r.Parent == "" && postal && s.Province != "" {
		r.Parent = "BƯU ĐIỆN " + upper(s.Province)
	}
	if r.Symbol == "" {
		r.Symbol = "BC-UBND"
		if postal {
			r.Symbol = "BC-BĐ"
		}
	}
	if r.Place == "" {
		r.Place = place
	}
	if len(r.Recipients) == 0 {
		if postal {
			r.Recipients = []string{"Ủy ban nhân dân " + lowerFirst(s.Commune)}
		} else if s.Province != "" {
			r.Recipients = []string{"Ủy ban nhân dân " + lowerFirst(s.Province)}
		}
	}
	if r.SignerTitle == "" {
		if postal {
			r.SignerTitle = "TRƯỞNG BƯU ĐIỆN"
		} else {
			r.SignFor, r.SignAs, r.SignerTitle = "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
		}
	}
	return r
}

// placeName is a commune's name without its kind: "Quỳnh Lưu" for "Xã
// Quỳnh Lưu" or "Phường Vinh Phú".
func placeName(commune string) string {
	for _, kind := range []string{"Xã ", "Phường ", "Đặc khu ", "Thị trấn "} {
		if rest, ok := strings.CutPrefix(commune, kind); ok {
			return rest
		}
	}
	return commune
}

// upper is a Vietnamese name in capitals, as a letterhead sets it.
func upper(s string) string { return strings.ToUpper(s) }

// lowerFirst lowers a name's first letter, for "Ủy ban nhân dân xã Quỳnh
// Lưu" from "Xã Quỳnh Lưu".
func lowerFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToLower(r)) + s[i+len(string(r)):]
	}
	return s
}

// checkReport checks the report's settings as given (not the defaults).
func (l *loader) checkReport(s Settings) {
	r := s.Report
	for i, line := range r.Issuer {
		l.text(SettingsFile, "", fmt.Sprintf("report.issuer[%d]", i), line, 60)
	}
	if len(r.Issuer) > 3 {
		l.add(SettingsFile, "", "report.issuer", "at most 3 lines, got %d", len(r.Issuer))
	}
	for _, f := range []struct{ name, v string }{
		{"report.parent", r.Parent}, {"report.symbol", r.Symbol}, {"report.place", r.Place},
		{"report.sign_for", r.SignFor}, {"report.sign_as", r.SignAs}, {"report.signer_title", r.SignerTitle}, {"report.signer", r.Signer},
	} {
		if f.v != "" {
			l.text(SettingsFile, "", f.name, f.v, 60)
		}
	}
	for i, line := range r.Recipients {
		l.text(SettingsFile, "", fmt.Sprintf("report.recipients[%d]", i), line, 120)
	}
	// Without a report block the report takes the site's defaults and
	// leaves the name to be written in; a block that names the rest and
	// not the signer is likely an oversight.
	if r.Signer == "" && !reflect.ValueOf(r).IsZero() {
		l.warn(SettingsFile, "", "report.signer", "no signer's name: the report leaves the line under the signature blank")
	}
}

// Reporter is who speaks in the report, in words: "Ủy ban nhân dân xã
// Quỳnh Lưu", or a postal point by its name.
func (s Settings) Reporter() string {
	if s.SiteKind == PostalPoint {
		return s.SiteName
	}
	return "Ủy ban nhân dân " + lowerFirst(s.Commune)
}
