package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"onestop/kiosk/content"
	"onestop/kiosk/report"
	"onestop/kiosk/slip"
)

// What the site's settings tell residents: when the counter's staff are
// there, whom to call, and, outside the hours, when the counter opens
// again (the kiosk itself stays on: its lessons need nobody).

// hoursLines are the counter's hours in words, one line a run of days
// ("Thứ Hai – Thứ Sáu, 7:00–11:30, 13:30–17:00"); none when not given.
// word gives the day names in the language wanted.
func hoursLines(w content.Schedule, word func(key string) string) []string {
	var out []string
	for _, g := range w.Groups() {
		days := word(weekdayKey(g.First))
		if g.Last != g.First {
			days += " – " + word(weekdayKey(g.Last))
		}
		var spans []string
		for _, s := range g.Spans {
			from, to := s.Clock()
			spans = append(spans, from+"–"+to)
		}
		out = append(out, days+", "+strings.Join(spans, ", "))
	}
	return out
}

func weekdayKey(d time.Weekday) string { return "weekday_" + string(rune('0'+d)) }

// hotlineLines are the site's telephone lines in words.
func hotlineLines(s content.Settings, lang string) []string {
	var out []string
	for _, h := range s.Hotlines {
		out = append(out, h.Label.In(lang)+": "+h.Number)
	}
	return out
}

// closedNotice says, while the counter is closed, that it is and when it
// opens again ("" while it is open, or when the settings give no hours).
func (k *Kiosk) closedNotice(now time.Time) string {
	// The hours are Vietnam's, whatever zone the machine was set up in.
	now = now.In(report.ReportZone)
	w := k.pack.Settings.Schedule()
	if !w.Known() || w.OpenAt(now) {
		return ""
	}
	next, ok := w.NextOpen(now)
	if !ok {
		return k.t("site_closed")
	}
	return k.t("site_closed") + " " + k.opensAgain(now, next)
}

// opensAgain is "Quầy mở lại lúc 7:00 ngày mai." and the like.
func (k *Kiosk) opensAgain(now, next time.Time) string {
	clock := next.Format("15:04")
	clock = strings.TrimPrefix(clock, "0")
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	switch day := time.Date(next.Year(), next.Month(), next.Day(), 0, 0, 0, 0, now.Location()); {
	case day.Equal(today):
		return k.tf("opens_today", clock)
	case day.Equal(today.AddDate(0, 0, 1)):
		return k.tf("opens_tomorrow", clock)
	default:
		return k.tf("opens_on", clock, k.t(weekdayKey(next.Weekday())), next.Format("02/01"))
	}
}

// siteLines are the counter's hours and the hotlines in words: a line of
// hours ("Mở cửa: Thứ Hai – Thứ Sáu, 7:00–11:30, 13:30–17:00"), then a
// line a telephone number, those the settings give.
func (k *Kiosk) siteLines() []string {
	st := k.pack.Settings
	var out []string
	if h := hoursLines(st.Schedule(), k.t); len(h) > 0 {
		out = append(out, k.tf("site_hours", strings.Join(h, "; ")))
	}
	return append(out, hotlineLines(st, k.visit.lang)...)
}

// siteInfo is the hours and hotlines as a block of lines, aligned to one
// side, and how wide it is unwrapped; nil when the settings give neither.
// Given a width (not 0), lines longer wrap.
func (k *Kiosk) siteInfo(width float32, align fyne.TextAlign) (fyne.CanvasObject, float32) {
	lines := k.siteLines()
	if len(lines) == 0 {
		return nil, 0
	}
	natural := float32(0)
	for _, l := range lines {
		natural = max(natural, newText(l, textOpts{size: sizeChrome}).MinSize().Width)
	}
	if width == 0 || natural < width {
		width = natural
	}
	text := newText(strings.Join(lines, "\n"), textOpts{size: sizeChrome, color: colorMuted, wrap: fyne.TextWrapWord, align: align})
	return container.New(&fixedWidthLayout{width: width}, text), natural
}

// closedBand is the notice that the counter is closed, on the warning
// colour, and with learn, what the resident can still do.
func (k *Kiosk) closedBand(closed string, size fyne.ThemeSizeName, learn bool) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(colorWarn))
	bg.CornerRadius = 8
	words := container.NewVBox(newText(closed, textOpts{size: size, color: colorWarnText, bold: true, wrap: fyne.TextWrapWord}))
	if learn {
		words.Add(newText(k.t("site_closed_learn"), textOpts{size: sizeChrome, color: colorWarnText, wrap: fyne.TextWrapWord}))
	}
	return container.NewStack(bg, container.New(&insetLayout{6}, words))
}

// slipSite is what a slip says about this site, in Vietnamese: its name,
// where the staff are, the hours and the hotlines.
func (k *Kiosk) slipSite() slip.Site {
	st := k.pack.Settings
	ask := k.words["vi"]["slip_ask"]
	if st.SiteKind == content.PostalPoint {
		ask = k.words["vi"]["slip_ask_postal_point"]
	}
	return slip.Site{
		Name:     st.SiteName,
		Place:    st.CounterPlace,
		Ask:      ask,
		Hours:    hoursLines(st.Schedule(), func(key string) string { return k.words["vi"][key] }),
		Hotlines: hotlineLines(st, "vi"),
	}
}

// siteTitle is the site's name with its commune after it, unless the name
// already says it ("Bưu điện văn hóa xã Quỳnh Lưu" in "Xã Quỳnh Lưu").
func siteTitle(site, commune string) string {
	switch {
	case commune == "":
		return site
	case site == "":
		return commune
	case strings.Contains(strings.ToLower(site), strings.ToLower(commune)):
		return site
	}
	return site + " · " + commune
}
