package content

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestLetterheadDefaults(t *testing.T) {
	commune := Settings{SiteName: "Điểm hướng dẫn Dịch vụ công trực tuyến", Commune: "Xã Quỳnh Lưu", Province: "Tỉnh Nghệ An", SiteKind: CommuneCounter}
	h := commune.Letterhead()
	if !slices.Equal(h.Issuer, []string{"ỦY BAN NHÂN DÂN", "XÃ QUỲNH LƯU"}) || h.Parent != "" || h.Symbol != "BC-UBND" || h.Place != "Quỳnh Lưu" ||
		!slices.Equal(h.Recipients, []string{"Ủy ban nhân dân tỉnh Nghệ An"}) ||
		h.SignFor != "TM. ỦY BAN NHÂN DÂN" || h.SignAs != "KT. CHỦ TỊCH" || h.SignerTitle != "PHÓ CHỦ TỊCH" {
		t.Errorf("a commune's letterhead: %+v", h)
	}
	if got := commune.Reporter(); got != "Ủy ban nhân dân xã Quỳnh Lưu" {
		t.Errorf("a commune reports as %q", got)
	}

	postal := commune
	postal.SiteKind, postal.SiteName = PostalPoint, "Bưu điện văn hóa xã Quỳnh Lưu"
	h = postal.Letterhead()
	if !slices.Equal(h.Issuer, []string{"BƯU ĐIỆN VĂN HÓA XÃ QUỲNH LƯU"}) || h.Parent != "BƯU ĐIỆN TỈNH NGHỆ AN" || h.Symbol != "BC-BĐ" ||
		!slices.Equal(h.Recipients, []string{"Ủy ban nhân dân xã Quỳnh Lưu"}) || h.SignFor != "" || h.SignerTitle != "TRƯỞNG BƯU ĐIỆN" {
		t.Errorf("a postal point's letterhead: %+v", h)
	}
	if got := postal.Reporter(); got != "Bưu điện văn hóa xã Quỳnh Lưu" {
		t.Errorf("a postal point reports as %q", got)
	}

	// What the settings give is kept; only what they leave out is filled.
	ward := commune
	ward.Commune = "Phường Vinh Phú"
	ward.Report = ReportSettings{SignAs: "", SignerTitle: "CHỦ TỊCH", SignFor: "TM. ỦY BAN NHÂN DÂN", Signer: "Lê Văn Cường", Recipients: []string{"Sở Nội vụ tỉnh Nghệ An"}}
	h = ward.Letterhead()
	if h.Place != "Vinh Phú" || h.Issuer[1] != "PHƯỜNG VINH PHÚ" || h.SignAs != "" || h.SignerTitle != "CHỦ TỊCH" ||
		h.Signer != "Lê Văn Cường" || !slices.Equal(h.Recipients, []string{"Sở Nội vụ tỉnh Nghệ An"}) {
		t.Errorf("given settings were not kept: %+v", h)
	}
}

func TestReportSettingsChecked(t *testing.T) {
	load := func(report string) (*Pack, error) {
		return Load(sitePack(CommuneCounter, `, "report": `+report), "test")
	}
	p, err := load(`{"signer": "Nguyễn Văn An", "recipients": ["Ủy ban nhân dân tỉnh Nghệ An"]}`)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range p.Warnings(time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)) {
		if strings.HasPrefix(w.Field, "report") {
			t.Errorf("a signed report is warned about: %v", w)
		}
	}
	p, err = load(`{"signer_title": "CHỦ TỊCH"}`)
	if err != nil {
		t.Fatal(err)
	}
	warned := false
	for _, w := range p.Warnings(time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)) {
		warned = warned || w.Field == "report.signer"
	}
	if !warned {
		t.Error("no warning for a report block with no signer's name")
	}
	for _, tt := range []struct{ report, want string }{
		{`{"issuer": ["ỦY BAN NHÂN DÂN", ""]}`, "report.issuer[1]: missing"},
		{`{"issuer": ["A", "B", "C", "D"]}`, "report.issuer: at most 3 lines"},
		{`{"signer": "` + strings.Repeat("A", 61) + `"}`, "report.signer: too long"},
		{`{"signer": "Nguye\u0302\u0303n"}`, "report.signer: Vietnamese marks are stored decomposed"},
		{`{"recipents": []}`, "recipents"},
	} {
		_, err := load(tt.report)
		var cerr *Error
		if !errors.As(err, &cerr) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: want a problem saying %q, got %v", tt.report, tt.want, err)
		}
	}
}
