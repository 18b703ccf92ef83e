package content

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// What differs from one site to the next, beside its name: when the
// counter's staff are there, the days it is closed, the telephone lines a
// resident may call, and which entries of the pack belong to the kind of
// site (a postal point's tile and lessons).

// Opening is one line of the counter's hours: on Days ("mon-fri", "sat",
// "mon,wed,fri"), the spans of Hours ("07:00-11:30, 13:30-17:00").
type Opening struct {
	Days  string `json:"days"`
	Hours string `json:"hours"`
}

// Hotline is a telephone line shown to residents: the portal's switchboard,
// the commune's own line, the postal service's.
type Hotline struct {
	Label  Text   `json:"label"`
	Number string `json:"number"`
	// Source and Checked say where a public number was read, and when.
	Source  string `json:"source,omitempty"`
	Checked string `json:"checked,omitempty"`
	// Sites are the kinds of site the line shows at; none: all.
	Sites []SiteKind `json:"sites,omitempty"`
}

// Span is a part of a day, in minutes from midnight, the end excluded.
type Span struct{ From, To int }

// Clock is the span's start and end as 7:30 and 17:00.
func (s Span) Clock() (from, to string) { return clockOf(s.From), clockOf(s.To) }

func clockOf(m int) string { return fmt.Sprintf("%d:%02d", m/60, m%60) }

// Schedule is the counter's week: the spans of each weekday (by
// time.Weekday) and the dates it stays closed (public holidays).
type Schedule struct {
	Days   [7][]Span
	Closed map[string]bool
}

// Schedule reads the settings' opening hours and closed dates; a pack is
// refused when they do not read, so here they do.
func (s Settings) Schedule() Schedule {
	var w Schedule
	for _, o := range s.OpeningHours {
		days, _ := parseDays(o.Days)
		spans, _ := parseSpans(o.Hours)
		for _, d := range days {
			w.Days[d] = spans
		}
	}
	if len(s.ClosedDates) > 0 {
		w.Closed = make(map[string]bool, len(s.ClosedDates))
		for _, d := range s.ClosedDates {
			w.Closed[d] = true
		}
	}
	return w
}

// Known says whether the settings give any opening hours.
func (w Schedule) Known() bool {
	for _, d := range w.Days {
		if len(d) > 0 {
			return true
		}
	}
	return false
}

// spansOn are the spans of t's day: none on a closed date.
func (w Schedule) spansOn(t time.Time) []Span {
	if w.Closed[t.Format(dateLayout)] {
		return nil
	}
	return w.Days[t.Weekday()]
}

// OpenAt says whether the counter is open at t (in t's location).
func (w Schedule) OpenAt(t time.Time) bool {
	m := t.Hour()*60 + t.Minute()
	for _, s := range w.spansOn(t) {
		if s.From <= m && m < s.To {
			return true
		}
	}
	return false
}

// searchDays is how far NextOpen looks: past a long holiday (Tết).
const searchDays = 45

// NextOpen is the first time after t that the counter opens; false when it
// does not open within the next weeks (no hours, or all closed).
func (w Schedule) NextOpen(t time.Time) (time.Time, bool) {
	m := t.Hour()*60 + t.Minute()
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	for i := range searchDays {
		d := day.AddDate(0, 0, i)
		for _, s := range w.spansOn(d) {
			if i > 0 || s.From > m {
				return d.Add(time.Duration(s.From) * time.Minute), true
			}
		}
	}
	return time.Time{}, false
}

// DayGroup is a run of weekdays, Monday first, with the same hours.
type DayGroup struct {
	First, Last time.Weekday
	Spans       []Span
}

// Groups are the week's open days, Monday to Sunday, runs of days with the
// same hours taken together ("Thứ Hai – Thứ Sáu").
func (w Schedule) Groups() []DayGroup {
	var out []DayGroup
	for i := range 7 {
		d := time.Weekday((i + 1) % 7)
		spans := w.Days[d]
		if len(spans) == 0 {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Last == time.Weekday(i%7) && slices.Equal(out[n-1].Spans, spans) {
			out[n-1].Last = d
			continue
		}
		out = append(out, DayGroup{First: d, Last: d, Spans: spans})
	}
	return out
}

// dayNames are the days as kiosk.json writes them, Monday first.
var dayNames = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// parseDays reads "mon-fri", "sat" or "mon,wed,fri" as weekdays.
func parseDays(s string) ([]time.Weekday, error) {
	index := func(name string) (int, error) {
		i := slices.Index(dayNames, strings.TrimSpace(strings.ToLower(name)))
		if i < 0 {
			return 0, fmt.Errorf("%q is not a day: write mon, tue, wed, thu, fri, sat or sun", strings.TrimSpace(name))
		}
		return i, nil
	}
	var out []time.Weekday
	for part := range strings.SplitSeq(s, ",") {
		from, to, isRange := strings.Cut(part, "-")
		a, err := index(from)
		if err != nil {
			return nil, err
		}
		b := a
		if isRange {
			if b, err = index(to); err != nil {
				return nil, err
			}
			if b < a {
				return nil, fmt.Errorf("%q: a run of days goes from Monday towards Sunday", strings.TrimSpace(part))
			}
		}
		for i := a; i <= b; i++ {
			out = append(out, time.Weekday((i+1)%7))
		}
	}
	return out, nil
}

// parseSpans reads "07:00-11:30, 13:30-17:00": spans of one day, in order,
// apart.
func parseSpans(s string) ([]Span, error) {
	var out []Span
	for part := range strings.SplitSeq(s, ",") {
		from, to, err := parseHours(strings.TrimSpace(part))
		if err != nil {
			return nil, err
		}
		if n := len(out); n > 0 && from <= out[n-1].To {
			return nil, fmt.Errorf("%q: the spans of a day go in order and do not touch", s)
		}
		out = append(out, Span{from, to})
	}
	return out, nil
}

// phoneRE is a telephone number as people write it: digits, with spaces or
// dots between groups, and an optional + before a country code.
var phoneRE = regexp.MustCompile(`^\+?[0-9]([0-9 .]*[0-9])?$`)

// checkSite checks the site's hours, closed dates and hotlines.
func (l *loader) checkSite(s *Settings) {
	const f = SettingsFile
	seen := map[time.Weekday]bool{}
	for i, o := range s.OpeningHours {
		field := fmt.Sprintf("opening_hours[%d]", i)
		days, err := parseDays(o.Days)
		if err != nil {
			l.add(f, "", field+".days", "%v", err)
		}
		for _, d := range days {
			if seen[d] {
				l.add(f, "", field+".days", "%s is given hours twice", dayNames[(int(d)+6)%7])
			}
			seen[d] = true
		}
		if _, err := parseSpans(o.Hours); err != nil {
			l.add(f, "", field+".hours", "%v", err)
		}
	}
	for i, d := range s.ClosedDates {
		l.date(f, "", fmt.Sprintf("closed_dates[%d]", i), d)
	}
	for i, h := range s.Hotlines {
		field := fmt.Sprintf("hotlines[%d]", i)
		l.text(f, "", field+".label", h.Label.VI, 60)
		digits := 0
		for _, r := range h.Number {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		if !phoneRE.MatchString(h.Number) || digits < 3 || digits > 15 {
			l.add(f, "", field+".number", "should be a telephone number like 1800 1096 or 0238 3844 555, got %q", h.Number)
		}
		if h.Source != "" {
			l.text(f, "", field+".source", h.Source, 300)
		}
		l.date(f, "", field+".checked", h.Checked)
		l.checkSites(f, field, h.Sites)
	}
}

// checkSites checks an entry's list of site kinds.
func (l *loader) checkSites(file, entry string, sites []SiteKind) {
	for i, k := range sites {
		if k != CommuneCounter && k != PostalPoint {
			l.add(file, entry, fmt.Sprintf("sites[%d]", i), "should be %q or %q, got %q", CommuneCounter, PostalPoint, k)
		}
	}
}

// at says whether an entry with these site kinds belongs at a site of kind
// k: an entry that names none belongs everywhere.
func at(sites []SiteKind, k SiteKind) bool {
	return len(sites) == 0 || slices.Contains(sites, k)
}

// keepForSite drops the categories, lessons, posters and hotlines meant for
// other kinds of site, and the posters that preview a lesson dropped.
func (p *Pack) keepForSite() {
	k := p.Settings.SiteKind
	p.Settings.Hotlines = slices.DeleteFunc(p.Settings.Hotlines, func(h Hotline) bool { return !at(h.Sites, k) })
	p.Categories = slices.DeleteFunc(p.Categories, func(c Category) bool { return !at(c.Sites, k) })
	gone := map[string]bool{}
	p.Tutorials = slices.DeleteFunc(p.Tutorials, func(t Tutorial) bool {
		gone[t.ID] = !at(t.Sites, k)
		return gone[t.ID]
	})
	p.Posters = slices.DeleteFunc(p.Posters, func(x Poster) bool { return !at(x.Sites, k) || gone[x.Tutorial] })
}
