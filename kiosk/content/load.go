package content

import (
	"aead.dev/minisign"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // tutorial steps may be animated GIFs
	_ "image/jpeg" // icons and posters may be JPEG
	_ "image/png"  // or PNG
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"onestop/kiosk/sound/mp3"
)

// Defaults for settings an admin leaves out.
const (
	DefaultIdleSeconds   = 60
	DefaultWarnSeconds   = 10
	DefaultPosterSeconds = 8
	DefaultMinTextPx     = 24
)

// DefaultAllowedHosts are the hosts QR targets may point to when the
// settings name none: gov.vn and every subdomain of it.
var DefaultAllowedHosts = []string{"gov.vn"}

type fileReader interface {
	ReadFile(name string) ([]byte, error)
	Open(name string) (fs.File, error)
}

// fsReader reads from an fs.FS.
type fsReader struct{ fsys fs.FS }

func (r fsReader) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("path %q is not inside the pack", name)
	}
	return fs.ReadFile(r.fsys, name)
}

func (r fsReader) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("path %q is not inside the pack", name)
	}
	return r.fsys.Open(name)
}

// LoadDir loads the pack in a folder. Files are opened through an os.Root,
// so no path or symbolic link can reach outside the folder.
func LoadDir(dir string) (*Pack, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("content folder %s: %w", dir, err)
	}
	return Load(root.FS(), dir)
}

// Load reads and validates the pack in fsys. source names it in messages.
// A pack with any problem is refused whole with an *Error listing them all.
func Load(fsys fs.FS, source string) (*Pack, error) {
	return load(&loader{files: fsReader{fsys}}, source)
}

// LoadBuiltIn loads a pack compiled into the program, checking all that
// Load checks but the XML of its SVG pictures and the length of its
// procedures' narrations (Procedure.Length stays 0): the program's tests
// did both when it was built (the default pack is loaded with Load and
// checked by content check there). Parsing the SVGs again was half of the
// pack's loading at every start, and reading every narration kept their
// pages of the program's file in memory.
func LoadBuiltIn(fsys fs.FS, source string) (*Pack, error) {
	return load(&loader{files: fsReader{fsys}, svgParsed: true}, source)
}

// LoadAllSites is Load keeping the entries of every kind of site (a postal
// point's lessons in a commune's pack), for checks that must see them all.
func LoadAllSites(fsys fs.FS, source string) (*Pack, error) {
	return load(&loader{files: fsReader{fsys}, allSites: true}, source)
}

func load(l *loader, source string) (*Pack, error) {
	p := &Pack{Source: source, files: l.files}

	l.decode(SettingsFile, &p.Settings)
	l.decode(CategoriesFile, &p.Categories)
	l.decode(ProceduresFile, &p.Procedures)
	l.decodeOptional(TutorialsFile, &p.Tutorials)
	l.decode(PostersFile, &p.Posters)
	if len(l.problems) == 0 {
		applyDefaults(&p.Settings)
		l.check(p)
		l.checkSVGs()
	}
	if len(l.problems) == 0 && !l.allSites {
		p.keepForSite()
		if len(p.Categories) == 0 {
			l.add(CategoriesFile, "", "sites", "no category shows at a %s site", p.Settings.SiteKind)
		}
		if len(p.Posters) == 0 {
			l.add(PostersFile, "", "sites", "no poster shows at a %s site: the attract loop needs at least one", p.Settings.SiteKind)
		}
	}
	if len(l.problems) > 0 {
		return nil, &Error{Source: source, Problems: l.problems}
	}
	p.index()
	p.warnings = l.warnings
	return p, nil
}

func applyDefaults(s *Settings) {
	if s.IdleSeconds == 0 {
		s.IdleSeconds = DefaultIdleSeconds
	}
	if s.WarnSeconds == 0 {
		s.WarnSeconds = DefaultWarnSeconds
	}
	if s.PosterSeconds == 0 {
		s.PosterSeconds = DefaultPosterSeconds
	}
	if s.MinTextPx == 0 {
		s.MinTextPx = DefaultMinTextPx
	}
	if len(s.AllowedHosts) == 0 {
		s.AllowedHosts = DefaultAllowedHosts
	}
	if len(s.Languages) == 0 {
		s.Languages = []string{"vi"}
	}
}

func (p *Pack) index() {
	p.procByKey = make(map[string]int, len(p.Procedures))
	for i, pr := range p.Procedures {
		p.procByKey[pr.Code] = i
	}
	p.catByID = make(map[string]int, len(p.Categories))
	for i, c := range p.Categories {
		p.catByID[c.ID] = i
	}
	p.tutByID = make(map[string]int, len(p.Tutorials))
	for i, t := range p.Tutorials {
		p.tutByID[t.ID] = i
	}
}

type loader struct {
	files     fileReader
	problems  []Problem
	svgs      []svgCheck // parsed together once every entry is checked
	svgParsed bool       // the SVGs are known to parse (LoadBuiltIn)
	warnings  []Problem  // what a pack is not refused for, but should mend
	allSites  bool       // keep the entries of other kinds of site
}

// svgCheck is an SVG file waiting to be parsed; a problem it has goes where
// it would have gone had it been parsed in turn.
type svgCheck struct {
	at                       int // len(problems) when the file was met
	file, entry, field, name string
	b                        []byte
	err                      error
}

// checkSVGs parses the pictures met while checking, on every core (the
// lesson pictures are most of a pack's bytes, and the kiosk checks its pack
// each time it starts), and puts their problems in order.
func (l *loader) checkSVGs() {
	if len(l.svgs) == 0 {
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(l.svgs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(l.svgs); i = int(next.Add(1)) - 1 {
				l.svgs[i].err = checkSVG(l.svgs[i].b)
			}
		}()
	}
	wg.Wait()
	all := make([]Problem, 0, len(l.problems))
	at := 0
	for _, c := range l.svgs {
		all = append(all, l.problems[at:c.at]...)
		at = c.at
		if c.err != nil {
			all = append(all, Problem{File: c.file, Entry: c.entry, Field: c.field,
				Msg: fmt.Sprintf("%s is not a readable SVG: %v", c.name, c.err)})
		}
	}
	l.problems = append(all, l.problems[at:]...)
	l.svgs = nil
}

func (l *loader) add(file, entry, field, format string, args ...any) {
	l.problems = append(l.problems, Problem{File: file, Entry: entry, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// warn notes what the pack is not refused for but an admin should mend.
func (l *loader) warn(file, entry, field, format string, args ...any) {
	l.warnings = append(l.warnings, Problem{File: file, Entry: entry, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// decodeOptional is decode for a file a pack may leave out.
func (l *loader) decodeOptional(file string, v any) {
	if _, err := l.files.ReadFile(file); errors.Is(err, fs.ErrNotExist) {
		return
	}
	l.decode(file, v)
}

// decode reads one JSON file strictly: unknown fields are refused so that a
// misspelt field name does not silently drop its value.
func (l *loader) decode(file string, v any) {
	b, err := l.files.ReadFile(file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.add(file, "", "", "file is missing")
		} else {
			l.add(file, "", "", "cannot read: %v", err)
		}
		return
	}
	if !utf8.Valid(b) {
		l.add(file, "", "", "not UTF-8 text; save the file as UTF-8")
		return
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		l.add(file, "", "", "%s", jsonMessage(b, err))
		return
	}
	if _, err := dec.Token(); err != io.EOF {
		l.add(file, "", "", "extra data after the end of the JSON value")
	}
}

// jsonMessage turns a decoding error into a message with a line number.
func jsonMessage(b []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("line %d: invalid JSON: %v", lineOf(b, syn.Offset), syn)
	case errors.As(err, &typ):
		return fmt.Sprintf("line %d: field %q should be %s, not %s", lineOf(b, typ.Offset), typ.Field, typ.Type, typ.Value)
	}
	return "invalid: " + err.Error()
}

func lineOf(b []byte, offset int64) int {
	if offset > int64(len(b)) {
		offset = int64(len(b))
	}
	return bytes.Count(b[:offset], []byte("\n")) + 1
}

var (
	codeRE    = regexp.MustCompile(`^[0-9]\.[0-9]{6}$`)
	uuidRE    = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	idRE      = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)
	kioskIDRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$`)
	hostRE    = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`)
)

func (l *loader) check(p *Pack) {
	l.checkSettings(&p.Settings)
	hosts := p.Settings.AllowedHosts

	cats := map[string]bool{}
	if len(p.Categories) == 0 {
		l.add(CategoriesFile, "", "", "no categories")
	}
	for i, c := range p.Categories {
		entry := entryName("category", c.ID, i)
		if !idRE.MatchString(c.ID) {
			l.add(CategoriesFile, entry, "id", "should be lower-case letters, digits and '-' (got %q)", c.ID)
		} else if cats[c.ID] {
			l.add(CategoriesFile, entry, "id", "used twice")
		}
		cats[c.ID] = true
		l.text(CategoriesFile, entry, "name", c.Name.VI, 60)
		l.text(CategoriesFile, entry, "description", c.Description.VI, 80)
		l.image(CategoriesFile, entry, "icon", c.Icon)
		l.checkSites(CategoriesFile, entry, c.Sites)
	}

	codes := map[string]bool{}
	if len(p.Procedures) == 0 {
		l.add(ProceduresFile, "", "", "no procedures")
	}
	for i, pr := range p.Procedures {
		entry := entryName("procedure", pr.Code, i)
		if !codeRE.MatchString(pr.Code) {
			l.add(ProceduresFile, entry, "code", "should look like 1.001193 (a digit, a dot, six digits), got %q", pr.Code)
		} else if codes[pr.Code] {
			l.add(ProceduresFile, entry, "code", "used twice")
		}
		codes[pr.Code] = true
		l.text(ProceduresFile, entry, "name", pr.Name, 120)
		if !cats[pr.Category] {
			l.add(ProceduresFile, entry, "category", "%q is not a category of %s", pr.Category, CategoriesFile)
		}
		switch pr.Level {
		case LevelCommune, LevelProvince, LevelVertical:
		default:
			l.add(ProceduresFile, entry, "level", "should be %q, %q or %q, got %q", LevelCommune, LevelProvince, LevelVertical, pr.Level)
		}
		switch pr.Online {
		case OnlineFull, OnlinePartial, OnlineNone:
		default:
			l.add(ProceduresFile, entry, "online", "should be %q, %q or %q, got %q", OnlineFull, OnlinePartial, OnlineNone, pr.Online)
		}
		l.text(ProceduresFile, entry, "agency", pr.Agency, 80)
		l.text(ProceduresFile, entry, "summary", pr.Summary, 200)
		l.text(ProceduresFile, entry, "fee", pr.Fee, 200)
		l.text(ProceduresFile, entry, "time", pr.Time, 200)
		l.text(ProceduresFile, entry, "where", pr.Where, 200)
		l.list(ProceduresFile, entry, "papers", pr.Papers, 200)
		for j, k := range pr.Keywords {
			l.text(ProceduresFile, entry, fmt.Sprintf("keywords[%d]", j), k, 80)
		}
		l.targets(ProceduresFile, entry, pr.QR, hosts)
		l.provenance(entry, pr)
		switch {
		case pr.Narration == "":
		case l.svgParsed:
			// A built-in pack's narrations were measured by its tests, and
			// the kiosk plays a procedure's narration without its length:
			// reading all of them at every start kept 9 MB of the
			// program's file in memory.
			if f, _, ok := l.open(ProceduresFile, entry, "narration", pr.Narration, ".mp3"); ok {
				f.Close()
			}
		default:
			p.Procedures[i].Length = l.narration(ProceduresFile, entry, "narration", pr.Narration)
		}
	}

	l.checkTutorials(p, codes, cats)

	if len(p.Posters) == 0 {
		l.add(PostersFile, "", "", "no posters: the attract loop needs at least one")
	}
	tutorials := map[string]bool{}
	for _, t := range p.Tutorials {
		tutorials[t.ID] = true
	}
	for i, ps := range p.Posters {
		entry := entryName("poster", ps.ID, i)
		if ps.Tutorial != "" {
			// A preview shows the lesson's own pictures and captions.
			if !tutorials[ps.Tutorial] {
				l.add(PostersFile, entry, "tutorial", "%q is not a tutorial of %s", ps.Tutorial, TutorialsFile)
			}
			if ps.PreviewSteps < 0 || ps.PreviewSteps > maxSteps {
				l.add(PostersFile, entry, "preview_steps", "should be between 1 and %d, got %d", maxSteps, ps.PreviewSteps)
			}
			if ps.Headline != "" {
				l.text(PostersFile, entry, "headline", ps.Headline, 60)
			}
			if ps.Image != "" || ps.Text != "" {
				l.add(PostersFile, entry, "", "a tutorial preview takes its pictures and words from the lesson: leave out image and text")
			}
		} else {
			l.text(PostersFile, entry, "headline", ps.Headline, 60)
			l.text(PostersFile, entry, "text", ps.Text, 160)
			l.image(PostersFile, entry, "image", ps.Image)
			if ps.PreviewSteps != 0 {
				l.add(PostersFile, entry, "preview_steps", "only for a tutorial preview")
			}
		}
		l.checkSites(PostersFile, entry, ps.Sites)
		if ps.Hours != "" {
			if _, _, err := parseHours(ps.Hours); err != nil {
				l.add(PostersFile, entry, "hours", "%v", err)
			}
		}
		from, okFrom := l.date(PostersFile, entry, "from", ps.From)
		to, okTo := l.date(PostersFile, entry, "to", ps.To)
		if okFrom && okTo && ps.From != "" && ps.To != "" && to.Before(from) {
			l.add(PostersFile, entry, "to", "%s is before from %s", ps.To, ps.From)
		}
	}
}

// Limits of a tutorial.
const (
	maxSteps        = 20
	maxCaptionChars = 90
	maxCaptionLines = 2
	minStepSeconds  = 2
	maxStepSeconds  = 60
	minNarration    = 500 * time.Millisecond
	maxNarration    = 90 * time.Second
)

func (l *loader) checkTutorials(p *Pack, codes, cats map[string]bool) {
	const f = TutorialsFile
	ids := map[string]bool{}
	for i := range p.Tutorials {
		t := &p.Tutorials[i]
		entry := entryName("tutorial", t.ID, i)
		if !idRE.MatchString(t.ID) {
			l.add(f, entry, "id", "should be lower-case letters, digits and '-' (got %q)", t.ID)
		} else if ids[t.ID] {
			l.add(f, entry, "id", "used twice")
		}
		ids[t.ID] = true
		l.text(f, entry, "title", t.Title.VI, 60)
		l.text(f, entry, "summary", t.Summary, 200)
		l.image(f, entry, "icon", t.Icon)
		if t.Category != "" && !cats[t.Category] {
			l.add(f, entry, "category", "%q is not a category of %s", t.Category, CategoriesFile)
		}
		l.checkSites(f, entry, t.Sites)
		for j, c := range t.Procedures {
			if !codes[c] {
				l.add(f, entry, fmt.Sprintf("procedures[%d]", j), "%q is not a procedure of %s", c, ProceduresFile)
			}
		}
		if len(t.QR) > 0 {
			l.targets(f, entry, t.QR, p.Settings.AllowedHosts)
		} else if len(t.Procedures) == 0 {
			l.add(f, entry, "qr", "no QR target: give one, or the procedures the lesson teaches")
		}
		if t.Video != "" {
			l.video(f, entry, "video", t.Video)
		}
		switch {
		case len(t.Steps) == 0:
			l.add(f, entry, "steps", "empty: a lesson needs at least one step")
		case len(t.Steps) > maxSteps:
			l.add(f, entry, "steps", "%d steps: at most %d (split the lesson)", len(t.Steps), maxSteps)
		}
		for j := range t.Steps {
			l.step(entry, fmt.Sprintf("steps[%d]", j), &t.Steps[j])
		}
	}
}

// step checks one step of a tutorial and reads its narration's length.
func (l *loader) step(entry, field string, s *Step) {
	const f = TutorialsFile
	l.image(f, entry, field+".image", s.Image)
	l.text(f, entry, field+".caption", s.Caption, maxCaptionChars)
	if n := strings.Count(strings.TrimSpace(s.Caption), "\n") + 1; n > maxCaptionLines {
		l.add(f, entry, field+".caption", "%d lines: a caption has at most %d", n, maxCaptionLines)
	}
	if s.Text != "" {
		l.text(f, entry, field+".text", s.Text, 300)
	}
	if s.Seconds != 0 && (s.Seconds < minStepSeconds || s.Seconds > maxStepSeconds) {
		l.add(f, entry, field+".seconds", "should be between %d and %d, got %v", minStepSeconds, maxStepSeconds, s.Seconds)
	}
	if s.Narration == "" {
		if s.Seconds == 0 {
			l.add(f, entry, field+".seconds", "missing: a step without narration needs its seconds")
		}
		return
	}
	s.Length = l.narration(f, entry, field+".narration", s.Narration)
}

// narration checks a narration file and returns how long it plays.
func (l *loader) narration(file, entry, field, name string) time.Duration {
	f, size, ok := l.open(file, entry, field, name, ".mp3")
	if !ok {
		return 0
	}
	defer f.Close()
	r, ok := f.(io.ReaderAt)
	if !ok { // a file system without random access: read it whole
		b, err := io.ReadAll(f)
		if err != nil {
			l.add(file, entry, field, "cannot read %s: %v", name, err)
			return 0
		}
		r, size = bytes.NewReader(b), int64(len(b))
	}
	d, err := mp3.Length(r, size)
	switch {
	case err != nil:
		l.add(file, entry, field, "%s: %v", name, err)
	case d < minNarration || d > maxNarration:
		l.add(file, entry, field, "%s plays %.1f s: should be between %.1f and %.0f s", name, d.Seconds(), minNarration.Seconds(), maxNarration.Seconds())
	default:
		return d
	}
	return 0
}

// video checks that a film is a file of the pack in a format players read.
// It is not read: a film may be hundreds of megabytes.
func (l *loader) video(file, entry, field, name string) {
	if f, _, ok := l.open(file, entry, field, name, ".mp4", ".webm", ".mkv"); ok {
		f.Close()
	}
}

// file reads a pack file whose name ends with one of exts.
func (l *loader) file(file, entry, field, name string, exts ...string) ([]byte, bool) {
	if !l.named(file, entry, field, name, exts) {
		return nil, false
	}
	b, err := l.files.ReadFile(name)
	if err != nil {
		l.add(file, entry, field, "cannot read %s: %v", name, err)
		return nil, false
	}
	return b, true
}

// open opens a pack file whose name ends with one of exts, and gives its
// size. The caller closes it.
func (l *loader) open(file, entry, field, name string, exts ...string) (fs.File, int64, bool) {
	if !l.named(file, entry, field, name, exts) {
		return nil, 0, false
	}
	f, err := l.files.Open(name)
	if err != nil {
		l.add(file, entry, field, "cannot read %s: %v", name, err)
		return nil, 0, false
	}
	st, err := f.Stat()
	switch {
	case err != nil:
		l.add(file, entry, field, "cannot read %s: %v", name, err)
	case !st.Mode().IsRegular():
		l.add(file, entry, field, "%s is not a file", name)
	default:
		return f, st.Size(), true
	}
	f.Close()
	return nil, 0, false
}

// named checks that name is a path inside the pack ending with one of exts.
func (l *loader) named(file, entry, field, name string, exts []string) bool {
	if name == "" {
		l.add(file, entry, field, "missing (a file of the pack)")
		return false
	}
	if strings.Contains(name, `\`) || !fs.ValidPath(name) {
		l.add(file, entry, field, "%q is not a path inside the pack (use / and no ..)", name)
		return false
	}
	ext := strings.ToLower(path.Ext(name))
	for _, e := range exts {
		if ext == e {
			return true
		}
	}
	l.add(file, entry, field, "%s: should be %s", name, strings.Join(exts, ", "))
	return false
}

func (l *loader) checkSettings(s *Settings) {
	const f = SettingsFile
	switch q, cups := strings.CutPrefix(s.Printer, "cups:"); {
	case s.Printer == "":
	case cups && (q == "" || strings.ContainsAny(q, " /\t")):
		l.add(f, "", "printer", "a CUPS queue is named like cups:receipt, got %q", s.Printer)
	case !cups && !strings.HasPrefix(s.Printer, "/"):
		l.add(f, "", "printer", "should be a printer device (/dev/usb/lp0) or a CUPS queue (cups:NAME), got %q", s.Printer)
	}
	switch s.PaperMM {
	case 0, 58, 80:
	default:
		l.add(f, "", "paper_mm", "should be 58 or 80 (the receipt roll's width), got %d", s.PaperMM)
	}
	l.text(f, "", "site_name", s.SiteName, 80)
	l.text(f, "", "commune", s.Commune, 60)
	if s.Province != "" {
		l.text(f, "", "province", s.Province, 60)
	}
	switch s.SiteKind {
	case CommuneCounter, PostalPoint:
	default:
		l.add(f, "", "site_kind", "should be %q or %q, got %q", CommuneCounter, PostalPoint, s.SiteKind)
	}
	if !kioskIDRE.MatchString(s.KioskID) {
		l.add(f, "", "kiosk_id", "should be 1–32 letters, digits, '-' or '_' (got %q)", s.KioskID)
	}
	l.between(f, "idle_timeout_seconds", s.IdleSeconds, 15, 3600)
	l.between(f, "warning_seconds", s.WarnSeconds, 3, 60)
	l.between(f, "poster_seconds", s.PosterSeconds, 3, 300)
	if s.MinTextPx < 12 || s.MinTextPx > 96 {
		l.add(f, "", "min_text_px", "should be between 12 and 96, got %v", s.MinTextPx)
	}
	hasVI := false
	for i, lang := range s.Languages {
		switch lang {
		case "vi":
			hasVI = true
		case "en":
		default:
			l.add(f, "", fmt.Sprintf("languages[%d]", i), "the kiosk speaks \"vi\" and \"en\", not %q", lang)
		}
	}
	if !hasVI {
		l.add(f, "", "languages", "must include \"vi\"")
	}
	for i, h := range s.AllowedHosts {
		if !hostRE.MatchString(h) {
			l.add(f, "", fmt.Sprintf("allowed_hosts[%d]", i), "%q is not a host name such as gov.vn", h)
		}
	}
	for i, pl := range s.Places {
		l.text(f, "", fmt.Sprintf("places[%d]", i), pl, 60)
	}
	l.checkSite(s)
	l.checkReport(*s)
	for i, k := range s.TrustedKeys {
		var key minisign.PublicKey
		if err := key.UnmarshalText([]byte(k)); err != nil {
			l.add(f, "", fmt.Sprintf("trusted_keys[%d]", i), "not a minisign public key (the line of a .pub file that starts with RW): %v", err)
		}
	}
}

func (l *loader) between(file, field string, v, lo, hi int) {
	if v < lo || v > hi {
		l.add(file, "", field, "should be between %d and %d, got %d", lo, hi, v)
	}
}

// text checks a resident-facing text: present, Vietnamese written in
// composed form (decomposed marks render badly), and of a sensible length.
func (l *loader) text(file, entry, field, s string, max int) {
	switch {
	case strings.TrimSpace(s) == "":
		l.add(file, entry, field, "missing (a Vietnamese text is needed)")
	case !norm.NFC.IsNormalString(s):
		l.add(file, entry, field, "Vietnamese marks are stored decomposed; save the text in composed (NFC) form")
	case utf8.RuneCountInString(s) > max:
		l.add(file, entry, field, "too long for the screen: %d characters, at most %d", utf8.RuneCountInString(s), max)
	}
}

func (l *loader) list(file, entry, field string, items []string, max int) {
	if len(items) == 0 {
		l.add(file, entry, field, "empty: give at least one")
	}
	for i, s := range items {
		l.text(file, entry, fmt.Sprintf("%s[%d]", field, i), s, max)
	}
}

func (l *loader) targets(file, entry string, ts []Target, hosts []string) {
	if len(ts) == 0 {
		l.add(file, entry, "qr", "no QR target: give at least one")
	}
	for i, t := range ts {
		l.text(file, entry, fmt.Sprintf("qr[%d].label", i), t.Label, 60)
		if err := CheckURL(t.URL, hosts); err != nil {
			l.add(file, entry, fmt.Sprintf("qr[%d].url", i), "%v", err)
		} else if _, err := QR(t.URL); err != nil {
			l.add(file, entry, fmt.Sprintf("qr[%d].url", i), "%v", err)
		}
		l.date(file, entry, fmt.Sprintf("qr[%d].checked", i), t.Checked)
		switch {
		case t.Kind == "":
			l.warn(file, entry, fmt.Sprintf("qr[%d].kind", i), "does not say what the code opens (%s): the caption under it cannot say it either", kindList())
		case !slices.Contains(TargetKinds, t.Kind):
			l.add(file, entry, fmt.Sprintf("qr[%d].kind", i), "should be %s, got %q", kindList(), t.Kind)
		}
	}
}

func kindList() string {
	names := make([]string, len(TargetKinds))
	for i, k := range TargetKinds {
		names[i] = fmt.Sprintf("%q", k)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// provenance checks where a procedure's facts come from: the source, the
// date they were checked and the portal's id for it.
func (l *loader) provenance(entry string, pr Procedure) {
	const f = ProceduresFile
	if strings.TrimSpace(pr.Source) == "" {
		l.warn(f, entry, "source", "names no source: give the decision that publishes the procedure, or its portal page")
	} else {
		l.text(f, entry, "source", pr.Source, 300)
	}
	if pr.Checked == "" {
		l.warn(f, entry, "checked", "no date says when the facts were last checked")
	} else {
		l.date(f, entry, "checked", pr.Checked)
	}
	if pr.FormalityID != "" && !uuidRE.MatchString(pr.FormalityID) {
		l.add(f, entry, "formality_id", "should be the portal's id, like 019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7, got %q", pr.FormalityID)
		return
	}
	for i, t := range pr.QR {
		field := fmt.Sprintf("qr[%d]", i)
		switch {
		case pr.FormalityID == "":
		case t.Kind == KindSearch:
			l.warn(f, entry, field, "a search, although the procedure's own page is known: use https://dichvucong.gov.vn/thu-tuc-hanh-chinh/%s", pr.FormalityID)
		case t.Kind == KindProcedurePage && !strings.Contains(t.URL, pr.FormalityID):
			l.add(f, entry, field+".url", "a procedure page that is not this procedure's: its id %s is not in the address", pr.FormalityID)
		}
	}
}

func (l *loader) date(file, entry, field, s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		l.add(file, entry, field, "should be a date like 2026-10-01, got %q", s)
		return t, false
	}
	return t, true
}

// image checks that a pack file exists and is a readable PNG, JPEG, GIF or
// SVG.
func (l *loader) image(file, entry, field, name string) {
	svg := strings.ToLower(path.Ext(name)) == ".svg"
	if svg && !l.svgParsed {
		if b, ok := l.file(file, entry, field, name, ".svg", ".png", ".jpg", ".jpeg", ".gif"); ok {
			l.svgs = append(l.svgs, svgCheck{at: len(l.problems), file: file, entry: entry, field: field, name: name, b: b})
		}
		return
	}
	f, _, ok := l.open(file, entry, field, name, ".svg", ".png", ".jpg", ".jpeg", ".gif")
	if !ok {
		return
	}
	defer f.Close()
	if svg {
		return
	}
	cfg, _, err := image.DecodeConfig(f)
	switch {
	case err != nil:
		l.add(file, entry, field, "%s is not a readable image: %v", name, err)
	case int64(cfg.Width)*int64(cfg.Height) > MaxPicturePixels:
		l.add(file, entry, field, "%s is %d×%d pixels: a picture may have at most %d (3840×2160), since the kiosk holds it whole in memory (4 bytes a pixel)",
			name, cfg.Width, cfg.Height, MaxPicturePixels)
	}
}

// MaxPicturePixels is the most pixels a PNG, JPEG or GIF of a pack may have:
// a 4K screen's worth, 33 MB once decoded. A small file can hold a huge
// picture (a 20000×20000 PNG of 388 KB decodes to 1.6 GB).
const MaxPicturePixels = 3840 * 2160

// checkSVG parses the document and checks that its root is <svg>.
func checkSVG(b []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(b))
	root := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
	if root != "svg" {
		return fmt.Errorf("the root element is <%s>, not <svg>", root)
	}
	return nil
}

// CheckURL accepts only https addresses on an allowed host or a subdomain of
// one. The real host is compared, so dichvucong.gov.vn.example.com and
// https://gov.vn@example.com are refused.
func CheckURL(raw string, allowed []string) error {
	if strings.TrimSpace(raw) == "" {
		return errors.New("missing address")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("not a valid address: %v", err)
	}
	if u.Scheme != "https" {
		return fmt.Errorf("%q must start with https://", raw)
	}
	if u.User != nil {
		return fmt.Errorf("%q must not carry a user name", raw)
	}
	if p := u.Port(); p != "" && p != "443" {
		return fmt.Errorf("%q must not name a port", raw)
	}
	host := strings.ToLower(u.Hostname())
	for _, a := range allowed {
		if host == a || strings.HasSuffix(host, "."+a) {
			return nil
		}
	}
	return fmt.Errorf("host %q is not allowed (allowed: %s and their subdomains)", host, strings.Join(allowed, ", "))
}

func entryName(kind, id string, i int) string {
	if id == "" {
		return fmt.Sprintf("%s #%d", kind, i+1)
	}
	return kind + " " + id
}
