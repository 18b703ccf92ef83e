// Package content is the kiosk's content pack: the settings, the service
// catalog (categories and procedures), the tutorials and the attract
// posters, read from JSON files an admin can edit by hand. Load reads and
// validates a pack; a pack with any problem is refused whole.
package content

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// File names inside a pack.
const (
	SettingsFile   = "kiosk.json"
	CategoriesFile = "categories.json"
	ProceduresFile = "procedures.json"
	TutorialsFile  = "tutorials.json"
	PostersFile    = "posters.json"
)

// Text is a resident-facing text: Vietnamese always, English optionally.
// In JSON it is either a plain string (Vietnamese) or {"vi": "...", "en": "..."}.
type Text struct {
	VI string `json:"vi"`
	EN string `json:"en,omitempty"`
}

// In returns the text in the given language, falling back to Vietnamese.
func (t Text) In(lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	return t.VI
}

// String returns the Vietnamese text.
func (t Text) String() string { return t.VI }

// UnmarshalJSON accepts a plain string or an object with vi/en.
func (t *Text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &t.VI)
	}
	type plain Text
	var p plain
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return fmt.Errorf("a text is a string or {\"vi\": ..., \"en\": ...}: %w", err)
	}
	*t = Text(p)
	return nil
}

// SiteKind says where the kiosk stands.
type SiteKind string

// The kinds of site.
const (
	CommuneCounter SiteKind = "commune_counter"
	PostalPoint    SiteKind = "postal_point"
)

// Settings configure one kiosk.
type Settings struct {
	SiteName      string   `json:"site_name"`
	Commune       string   `json:"commune"`
	Province      string   `json:"province"`
	SiteKind      SiteKind `json:"site_kind"`
	KioskID       string   `json:"kiosk_id"`
	IdleSeconds   int      `json:"idle_timeout_seconds"`
	WarnSeconds   int      `json:"warning_seconds"`
	PosterSeconds int      `json:"poster_seconds"`
	Languages     []string `json:"languages"`
	AllowedHosts  []string `json:"allowed_hosts"`
	MinTextPx     float32  `json:"min_text_px"`
	Places        []string `json:"places"`
	// CounterPlace says where the staff are, for a resident who asks for
	// a person ("Quầy số 1, tầng 1"); empty: the counter beside the kiosk.
	CounterPlace string `json:"counter_place"`
	// Printer is the counter's receipt printer for the slips residents
	// take home: a USB printer device ("/dev/usb/lp0") or a CUPS queue
	// ("cups:NAME"); empty: no slips.
	Printer string `json:"printer"`
	// PaperMM is the printer's roll: 58 or 80 (default).
	PaperMM int `json:"paper_mm"`
	// OpeningHours are when the counter's staff are there, shown on the
	// home and poster screens and on slips; outside them the poster loop
	// says when the counter opens. Empty: not shown.
	OpeningHours []Opening `json:"opening_hours,omitempty"`
	// ClosedDates are days the counter stays closed (public holidays).
	ClosedDates []string `json:"closed_dates,omitempty"`
	// Hotlines are the telephone lines shown with the hours.
	Hotlines []Hotline `json:"hotlines,omitempty"`
	// Report says who issues and signs the periodic report.
	Report ReportSettings `json:"report,omitzero"`
	// TrustedKeys are the minisign public keys whose signed packs the
	// kiosk installs; they belong in the kiosk's site.json, not in a pack.
	TrustedKeys []string `json:"trusted_keys,omitempty"`
}

// IdleTimeout is the quiet time before the idle warning.
func (s Settings) IdleTimeout() time.Duration { return time.Duration(s.IdleSeconds) * time.Second }

// WarnTimeout is how long the idle warning lasts before the reset.
func (s Settings) WarnTimeout() time.Duration { return time.Duration(s.WarnSeconds) * time.Second }

// PosterInterval is how long each attract poster stays.
func (s Settings) PosterInterval() time.Duration {
	return time.Duration(s.PosterSeconds) * time.Second
}

// Level is the level of the agency that handles a procedure.
type Level string

// Agency levels since the two-level local government of 1 July 2025.
const (
	LevelCommune  Level = "xa"
	LevelProvince Level = "tinh"
	LevelVertical Level = "nganh-doc"
)

// Online is how much of a procedure can be done online.
type Online string

// Online levels.
const (
	OnlineFull    Online = "toan-trinh"
	OnlinePartial Online = "mot-phan"
	// OnlineNone is done at the counter only: the official compares the
	// original papers, or the person signs in front of the official.
	OnlineNone Online = "tai-quay"
)

// Target is a QR target: a page that opens on the resident's phone.
type Target struct {
	Label string     `json:"label"`
	URL   string     `json:"url"`
	Kind  TargetKind `json:"kind"`
	// Checked is the date the code was last scanned on a real phone and
	// opened the right page (kiosk content check --checked).
	Checked string `json:"checked,omitempty"`
}

// TargetKind says what a QR target opens on the resident's phone; the
// caption under the code says it in words.
type TargetKind string

// The kinds of QR target.
const (
	// KindProcedurePage is the procedure's own page on the portal:
	// https://dichvucong.gov.vn/thu-tuc-hanh-chinh/<formality_id>.
	KindProcedurePage TargetKind = "procedure_page"
	// KindSubmit starts a file: the form the resident fills in and sends.
	KindSubmit TargetKind = "submit"
	// KindSearch is a search of the portal's catalogue, where the
	// resident still has to pick the procedure from a list.
	KindSearch TargetKind = "search"
	// KindApp opens or installs an app (VNeID).
	KindApp TargetKind = "app"
	// KindHome is a portal's home page, where a lesson about logging in,
	// paying or looking a file up begins.
	KindHome TargetKind = "home"
)

// TargetKinds are the kinds a target may have, in the order they are named.
var TargetKinds = []TargetKind{KindProcedurePage, KindSubmit, KindSearch, KindApp, KindHome}

// Category groups procedures by life event.
type Category struct {
	ID          string `json:"id"`
	Name        Text   `json:"name"`
	Description Text   `json:"description"`
	Icon        string `json:"icon"`
	// Sites are the kinds of site the category shows at; none: all.
	Sites []SiteKind `json:"sites,omitempty"`
}

// Procedure is one administrative procedure of the national catalog.
type Procedure struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	Category string   `json:"category"`
	Level    Level    `json:"level"`
	Agency   string   `json:"agency"`
	Online   Online   `json:"online"`
	Summary  string   `json:"summary"`
	Papers   []string `json:"papers"`
	Fee      string   `json:"fee"`
	Time     string   `json:"time"`
	Where    string   `json:"where"`
	Keywords []string `json:"keywords"`
	QR       []Target `json:"qr"`
	// Narration is an optional MP3 reading the key facts aloud (Spoken).
	Narration string `json:"narration,omitempty"`
	// Source is where the facts come from: the decision that publishes
	// the procedure, or the portal's page.
	Source string `json:"source"`
	// Checked is the date (2026-12-01) the facts were last checked
	// against Source.
	Checked string `json:"checked"`
	// FormalityID is the procedure's id on the national portal since its
	// 2025 rebuild (a UUID), where known.
	FormalityID string `json:"formality_id,omitempty"`

	// Length is how long the narration plays, read when the pack loads
	// (0 from LoadBuiltIn; the kiosk does not need it).
	Length time.Duration `json:"-"`
}

// Spoken is what a procedure's narration reads: its name, what it is, what
// to bring, the fee, the time and where to go.
func (p Procedure) Spoken() string {
	parts := []string{p.Name + ".", p.Summary}
	if len(p.Papers) > 0 {
		parts = append(parts, "Cần mang: "+strings.Join(p.Papers, "; ")+".")
	}
	parts = append(parts, "Lệ phí: "+p.Fee, "Thời gian: "+p.Time, "Nộp ở: "+p.Where)
	for i, s := range parts {
		parts[i] = strings.Join(strings.Fields(s), " ")
		if !strings.HasSuffix(parts[i], ".") {
			parts[i] += "."
		}
	}
	return strings.Join(parts, " ")
}

// Tutorial is a short lesson, step by step: a picture, a caption in large
// letters and a voice that reads it, ending with the QR codes that let the
// resident do it for real on their own phone.
type Tutorial struct {
	ID      string `json:"id"`
	Title   Text   `json:"title"`
	Summary string `json:"summary"`
	Icon    string `json:"icon"`
	// Home puts a tile for the lesson on the home screen.
	Home bool `json:"home,omitempty"`
	// Category lists the lesson on that category's screen, after its
	// procedures.
	Category string `json:"category,omitempty"`
	// Sites are the kinds of site the lesson is offered at; none: all.
	Sites []SiteKind `json:"sites,omitempty"`
	// Procedures are the codes of the procedures the lesson teaches; their
	// screens offer the lesson and its end offers their QR codes.
	Procedures []string `json:"procedures,omitempty"`
	QR         []Target `json:"qr,omitempty"`
	// Video is an optional film of the whole lesson, played by an external
	// player when the machine has one.
	Video string `json:"video,omitempty"`
	Steps []Step `json:"steps"`
}

// Step is one step of a tutorial.
type Step struct {
	Image     string  `json:"image"`               // PNG, JPEG, SVG or GIF (animated GIFs play)
	Caption   string  `json:"caption"`             // at most two short lines, always shown
	Text      string  `json:"text,omitempty"`      // a longer explanation
	Narration string  `json:"narration,omitempty"` // MP3 reading the caption and text
	Seconds   float64 `json:"seconds,omitempty"`   // how long the step shows without narration

	// Length is how long the narration plays, read when the pack loads.
	Length time.Duration `json:"-"`
}

// NarrationPause is the quiet after a step's narration before the next step.
const NarrationPause = 1500 * time.Millisecond

// Duration is how long the step plays before the player moves on: its
// narration and a short pause, or its seconds when it has no narration.
func (s Step) Duration() time.Duration { return s.DurationWith(NarrationPause) }

// DurationWith is how long the step shows with a given pause after its
// narration (the admin's choice; a silent step keeps its seconds).
func (s Step) DurationWith(pause time.Duration) time.Duration {
	if s.Narration != "" {
		return s.Length + pause
	}
	return time.Duration(s.Seconds * float64(time.Second))
}

// Spoken is what the step's narration reads: the caption, then the text.
func (s Step) Spoken() string {
	t := strings.Join(strings.Fields(s.Caption), " ")
	if s.Text != "" {
		t += " " + strings.Join(strings.Fields(s.Text), " ")
	}
	return t
}

// Poster is an entry of the attract loop: a poster (headline, text,
// picture), or the preview of a tutorial (its first steps, without sound).
// From and To (YYYY-MM-DD, both inclusive) limit it to a campaign; Hours
// ("07:30-11:30", local time) to part of the day. All are optional.
type Poster struct {
	ID       string `json:"id"`
	Headline string `json:"headline,omitempty"`
	Text     string `json:"text,omitempty"`
	Image    string `json:"image,omitempty"`
	From     string `json:"from,omitempty"`
	To       string `json:"to,omitempty"`
	Hours    string `json:"hours,omitempty"`
	// Tutorial makes the entry a preview of that lesson's first
	// PreviewSteps steps (default 3).
	Tutorial     string `json:"tutorial,omitempty"`
	PreviewSteps int    `json:"preview_steps,omitempty"`
	// Sites are the kinds of site the entry shows at; none: all.
	Sites []SiteKind `json:"sites,omitempty"`
}

// ShownAt reports whether the entry belongs to the loop at t: on a day of
// its campaign and within its hours.
func (p Poster) ShownAt(t time.Time) bool {
	d := t.Format(dateLayout)
	if (p.From != "" && d < p.From) || (p.To != "" && d > p.To) {
		return false
	}
	if p.Hours == "" {
		return true
	}
	from, to, _ := parseHours(p.Hours)
	m := t.Hour()*60 + t.Minute()
	return from <= m && m < to
}

// parseHours reads "07:30-11:30" as minutes of the day, the end excluded.
func parseHours(s string) (from, to int, err error) {
	var h1, m1, h2, m2 int
	if n, _ := fmt.Sscanf(s, "%d:%d-%d:%d", &h1, &m1, &h2, &m2); n != 4 ||
		h1 < 0 || h1 > 24 || h2 < 0 || h2 > 24 || m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59 {
		return 0, 0, fmt.Errorf("should be hours like 07:30-17:00, got %q", s)
	}
	from, to = h1*60+m1, h2*60+m2
	if from >= to || to > 24*60 {
		return 0, 0, fmt.Errorf("%q: the start should be before the end, within one day", s)
	}
	return from, to, nil
}

// DefaultPreviewSteps is how many steps a tutorial preview shows.
const DefaultPreviewSteps = 3

// Slide is one picture of the attract loop: a poster, or one step of a
// tutorial preview.
type Slide struct {
	Poster   string // the entry's id
	Headline string
	Text     string
	Image    string
	Tutorial string // for a preview: the lesson's id
	Step     int    // for a preview: the step shown, from 0
}

// SlidesAt lists the slides of the attract loop at t, in pack order: each
// poster, and each step of each preview.
func (p *Pack) SlidesAt(t time.Time) []Slide {
	return p.slides(func(ps Poster) bool { return ps.ShownAt(t) })
}

// Slides lists every slide, whatever its days and hours.
func (p *Pack) Slides() []Slide {
	return p.slides(func(Poster) bool { return true })
}

func (p *Pack) slides(shown func(Poster) bool) []Slide {
	var out []Slide
	for _, ps := range p.Posters {
		if !shown(ps) {
			continue
		}
		if ps.Tutorial == "" {
			out = append(out, Slide{Poster: ps.ID, Headline: ps.Headline, Text: ps.Text, Image: ps.Image})
			continue
		}
		tu, ok := p.Tutorial(ps.Tutorial)
		if !ok {
			continue
		}
		n := ps.PreviewSteps
		if n == 0 {
			n = DefaultPreviewSteps
		}
		for i, s := range tu.Steps[:min(n, len(tu.Steps))] {
			headline := ps.Headline
			if headline == "" {
				headline = tu.Title.VI
			}
			out = append(out, Slide{Poster: ps.ID, Headline: headline, Text: s.Caption, Image: s.Image, Tutorial: tu.ID, Step: i})
		}
	}
	return out
}

const dateLayout = "2006-01-02"

// Pack is a loaded, validated content pack. Files holds the pack's own
// files (images and icons) so the UI can load them by the names the data use.
type Pack struct {
	Settings   Settings
	Categories []Category
	Procedures []Procedure
	Tutorials  []Tutorial
	Posters    []Poster
	Source     string // where the pack came from, for messages

	files     fileReader
	warnings  []Problem // found when loading; see Warnings
	procByKey map[string]int
	catByID   map[string]int
	tutByID   map[string]int
}

// Procedure finds a procedure by its national code.
func (p *Pack) Procedure(code string) (Procedure, bool) {
	i, ok := p.procByKey[code]
	if !ok {
		return Procedure{}, false
	}
	return p.Procedures[i], true
}

// Category finds a category by id.
func (p *Pack) Category(id string) (Category, bool) {
	i, ok := p.catByID[id]
	if !ok {
		return Category{}, false
	}
	return p.Categories[i], true
}

// Tutorial finds a tutorial by id.
func (p *Pack) Tutorial(id string) (Tutorial, bool) {
	i, ok := p.tutByID[id]
	if !ok {
		return Tutorial{}, false
	}
	return p.Tutorials[i], true
}

// TutorialsFor lists the tutorials that teach a procedure.
func (p *Pack) TutorialsFor(code string) []Tutorial {
	var out []Tutorial
	for _, t := range p.Tutorials {
		for _, c := range t.Procedures {
			if c == code {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// EndTargets are the QR codes at the end of a tutorial: its own, then
// those of the procedures it teaches, each address once.
func (p *Pack) EndTargets(t Tutorial) []Target {
	seen := map[string]bool{}
	var out []Target
	add := func(ts []Target) {
		for _, x := range ts {
			if !seen[x.URL] {
				seen[x.URL] = true
				out = append(out, x)
			}
		}
	}
	add(t.QR)
	for _, c := range t.Procedures {
		if pr, ok := p.Procedure(c); ok {
			add(pr.QR)
		}
	}
	return out
}

// InCategory lists the procedures of a category in pack order.
func (p *Pack) InCategory(id string) []Procedure {
	var out []Procedure
	for _, pr := range p.Procedures {
		if pr.Category == id {
			out = append(out, pr)
		}
	}
	return out
}

// LessonsIn lists the lessons a category's screen offers, in pack order.
func (p *Pack) LessonsIn(id string) []Tutorial {
	var out []Tutorial
	for _, t := range p.Tutorials {
		if t.Category == id {
			out = append(out, t)
		}
	}
	return out
}

// ReadFile returns a file of the pack (an image or icon) by its pack path.
func (p *Pack) ReadFile(name string) ([]byte, error) {
	return p.files.ReadFile(name)
}

// Link is one QR target of the pack with where it is used.
type Link struct {
	Owner string // "procedure 1.001193 …" or "tutorial vneid"
	Target
}

// Links lists every QR target of the pack, in pack order.
func (p *Pack) Links() []Link {
	var out []Link
	for _, pr := range p.Procedures {
		for _, t := range pr.QR {
			out = append(out, Link{Owner: "procedure " + pr.Code + " " + pr.Name, Target: t})
		}
	}
	for _, tu := range p.Tutorials {
		for _, t := range tu.QR {
			out = append(out, Link{Owner: "tutorial " + tu.ID, Target: t})
		}
	}
	return out
}

// Problem is one reason a pack is refused.
type Problem struct {
	File  string // file of the pack
	Entry string // the entry in it ("procedure 1.001193", "poster 2"); empty for the whole file
	Field string // the field ("qr[0].url"); empty for the whole entry
	Msg   string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Entry != "" {
		b.WriteString(": " + p.Entry)
	}
	if p.Field != "" {
		b.WriteString(": " + p.Field)
	}
	b.WriteString(": " + p.Msg)
	return b.String()
}

// Error is returned when a pack is refused; it lists every problem found.
type Error struct {
	Source   string
	Problems []Problem
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "content pack %s refused (%d problem", e.Source, len(e.Problems))
	if len(e.Problems) != 1 {
		b.WriteString("s")
	}
	b.WriteString("):")
	for _, p := range e.Problems {
		b.WriteString("\n  " + p.String())
	}
	return b.String()
}
