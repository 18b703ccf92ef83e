package content

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// sitePack is the valid pack with a site's hours and hotlines, and a
// postal category, lesson and poster.
func sitePack(kind SiteKind, extra string) fstest.MapFS {
	fsys := validPack()
	fsys[SettingsFile] = &fstest.MapFile{Data: []byte(`{"site_name": "Điểm hướng dẫn", "commune": "Xã Mẫu", "site_kind": "` + string(kind) + `", "kiosk_id": "K1",
		"opening_hours": [{"days": "mon-fri", "hours": "07:00-11:30, 13:30-17:00"}, {"days": "sat", "hours": "07:30-11:30"}],
		"closed_dates": ["2026-12-24"],
		"hotlines": [{"label": "Tổng đài Cổng Dịch vụ công quốc gia", "number": "1800 1096", "source": "dichvucong.gov.vn", "checked": "2026-12-02"},
			{"label": {"vi": "Bộ phận Một cửa xã", "en": "Commune counter"}, "number": "0238 3844 555", "sites": ["commune_counter"]},
			{"label": "Bưu điện", "number": "1900 54 54 81", "sites": ["postal_point"]}]` + extra + `}`)}
	fsys[CategoriesFile] = &fstest.MapFile{Data: []byte(`[{"id": "ho-tich", "name": "Hộ tịch", "description": "Khai sinh", "icon": "icons/a.svg"},
		{"id": "buu-dien", "name": "Qua bưu điện", "description": "Gửi hồ sơ, nhận kết quả", "icon": "icons/a.svg", "sites": ["postal_point"]}]`)}
	tut := string(fsys[TutorialsFile].Data)
	tut = strings.TrimSuffix(strings.TrimSpace(tut), "]") + `, {"id": "gui-ho-so", "title": "Gửi hồ sơ qua bưu điện", "summary": "Bưu điện nhận và chuyển hồ sơ.",
		"icon": "icons/a.svg", "category": "buu-dien", "sites": ["postal_point"],
		"qr": [{"label": "Cổng Dịch vụ công quốc gia", "kind": "home", "url": "https://dichvucong.gov.vn"}],
		"steps": [{"image": "images/p.svg", "caption": "Mang giấy tờ đến quầy", "seconds": 5}]}]`
	fsys[TutorialsFile] = &fstest.MapFile{Data: []byte(tut)}
	post := string(fsys[PostersFile].Data)
	post = strings.TrimSuffix(strings.TrimSpace(post), "]") + `, {"id": "p4", "tutorial": "gui-ho-so", "sites": ["postal_point"]},
		{"id": "p5", "headline": "Ở xã", "text": "Chỉ ở xã.", "image": "images/p.svg", "sites": ["commune_counter"]}]`
	fsys[PostersFile] = &fstest.MapFile{Data: []byte(post)}
	return fsys
}

func TestSiteKindsKeepTheirOwnEntries(t *testing.T) {
	for _, tt := range []struct {
		kind                          SiteKind
		cats, lessons, posters        []string
		postalLessons, communeLessons int
	}{
		{CommuneCounter, []string{"ho-tich"}, []string{"vneid"}, []string{"p1", "p2", "p3", "p5"}, 0, 0},
		{PostalPoint, []string{"ho-tich", "buu-dien"}, []string{"vneid", "gui-ho-so"}, []string{"p1", "p2", "p3", "p4"}, 1, 0},
	} {
		t.Run(string(tt.kind), func(t *testing.T) {
			p, err := Load(sitePack(tt.kind, ""), "test")
			if err != nil {
				t.Fatal(err)
			}
			var cats, lessons, posters []string
			for _, c := range p.Categories {
				cats = append(cats, c.ID)
			}
			for _, l := range p.Tutorials {
				lessons = append(lessons, l.ID)
			}
			for _, x := range p.Posters {
				posters = append(posters, x.ID)
			}
			if strings.Join(cats, " ") != strings.Join(tt.cats, " ") ||
				strings.Join(lessons, " ") != strings.Join(tt.lessons, " ") ||
				strings.Join(posters, " ") != strings.Join(tt.posters, " ") {
				t.Errorf("categories %v, lessons %v, posters %v; want %v, %v, %v", cats, lessons, posters, tt.cats, tt.lessons, tt.posters)
			}
			if _, ok := p.Category("buu-dien"); ok != (tt.kind == PostalPoint) {
				t.Errorf("postal category found: %v", ok)
			}
			if got := len(p.LessonsIn("buu-dien")); got != tt.postalLessons {
				t.Errorf("lessons in buu-dien: %d, want %d", got, tt.postalLessons)
			}
			if n := p.Settings.Hotlines; len(n) != 2 || (tt.kind == PostalPoint) != (n[1].Number == "1900 54 54 81") {
				t.Errorf("hotlines %+v", n)
			}
			if got := len(p.LessonsIn("ho-tich")); got != tt.communeLessons {
				t.Errorf("lessons in ho-tich: %d, want %d", got, tt.communeLessons)
			}
		})
	}
}

func TestSiteSettingsRefused(t *testing.T) {
	for _, tt := range []struct {
		name, old, new, want string
	}{
		{"unknown day", `"mon-fri"`, `"t2-t6"`, `opening_hours[0].days: "t2" is not a day`},
		{"days backwards", `"mon-fri"`, `"fri-mon"`, "a run of days goes from Monday towards Sunday"},
		{"day twice", `"days": "sat"`, `"days": "fri,sat"`, "opening_hours[1].days: fri is given hours twice"},
		{"spans overlap", `"07:00-11:30, 13:30-17:00"`, `"07:00-14:00, 13:30-17:00"`, "opening_hours[0].hours: \"07:00-14:00, 13:30-17:00\": the spans of a day go in order"},
		{"hours not hours", `"07:30-11:30"`, `"sáng"`, "opening_hours[1].hours: should be hours like 07:30-17:00"},
		{"bad closed date", `"2026-12-24"`, `"24/12"`, "closed_dates[0]: should be a date"},
		{"number with letters", `"1800 1096"`, `"1800-DVC"`, `hotlines[0].number: should be a telephone number`},
		{"number too short", `"1800 1096"`, `"11"`, "hotlines[0].number"},
		{"no label", `"label": "Tổng đài Cổng Dịch vụ công quốc gia"`, `"label": ""`, "hotlines[0].label: missing"},
		{"bad checked", `"checked": "2026-12-02"`, `"checked": "hôm nay"`, "hotlines[0].checked: should be a date"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitePack(CommuneCounter, "")
			orig := string(fsys[SettingsFile].Data)
			if !strings.Contains(orig, tt.old) {
				t.Fatalf("fixture has no %q", tt.old)
			}
			fsys[SettingsFile] = &fstest.MapFile{Data: []byte(strings.Replace(orig, tt.old, tt.new, 1))}
			_, err := Load(fsys, "test")
			var cerr *Error
			if !errors.As(err, &cerr) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("want a problem saying %q, got %v", tt.want, err)
			}
		})
	}
	t.Run("unknown site of an entry", func(t *testing.T) {
		fsys := sitePack(PostalPoint, "")
		c := strings.Replace(string(fsys[CategoriesFile].Data), `["postal_point"]`, `["post_office"]`, 1)
		fsys[CategoriesFile] = &fstest.MapFile{Data: []byte(c)}
		if _, err := Load(fsys, "test"); err == nil || !strings.Contains(err.Error(), `category buu-dien: sites[0]: should be "commune_counter" or "postal_point", got "post_office"`) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("lesson in no category", func(t *testing.T) {
		fsys := sitePack(PostalPoint, "")
		s := strings.Replace(string(fsys[TutorialsFile].Data), `"category": "buu-dien"`, `"category": "buu-chinh"`, 1)
		fsys[TutorialsFile] = &fstest.MapFile{Data: []byte(s)}
		if _, err := Load(fsys, "test"); err == nil || !strings.Contains(err.Error(), `tutorial gui-ho-so: category: "buu-chinh" is not a category`) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("no poster for the site", func(t *testing.T) {
		fsys := sitePack(PostalPoint, "")
		fsys[PostersFile] = &fstest.MapFile{Data: []byte(`[{"id": "p5", "headline": "Ở xã", "text": "Chỉ ở xã.", "image": "images/p.svg", "sites": ["commune_counter"]}]`)}
		if _, err := Load(fsys, "test"); err == nil || !strings.Contains(err.Error(), "no poster shows at a postal_point site") {
			t.Fatalf("got %v", err)
		}
	})
}

func TestSchedule(t *testing.T) {
	p, err := Load(sitePack(CommuneCounter, ""), "test")
	if err != nil {
		t.Fatal(err)
	}
	w := p.Settings.Schedule()
	if !w.Known() {
		t.Fatal("hours not known")
	}
	at := func(s string) time.Time {
		x, err := time.ParseInLocation("2006-01-02 15:04", s, time.Local)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	// 2026-12-02 is a Wednesday; 2026-12-24 a closed Thursday.
	for _, tt := range []struct {
		now  string
		open bool
		next string
	}{
		{"2026-12-02 06:59", false, "2026-12-02 07:00"},
		{"2026-12-02 07:00", true, "2026-12-02 13:30"},
		{"2026-12-02 11:29", true, "2026-12-02 13:30"},
		{"2026-12-02 11:30", false, "2026-12-02 13:30"},
		{"2026-12-02 16:59", true, "2026-12-03 07:00"},
		{"2026-12-02 17:00", false, "2026-12-03 07:00"},
		{"2026-12-04 18:00", false, "2026-12-05 07:30"}, // Friday evening: Saturday morning
		{"2026-12-05 12:00", false, "2026-12-07 07:00"}, // Saturday noon: Monday
		{"2026-12-06 09:00", false, "2026-12-07 07:00"}, // Sunday
		{"2026-12-23 17:30", false, "2026-12-25 07:00"}, // the closed date is skipped
		{"2026-12-24 09:00", false, "2026-12-25 07:00"},
	} {
		now := at(tt.now)
		if got := w.OpenAt(now); got != tt.open {
			t.Errorf("%s: open %v, want %v", tt.now, got, tt.open)
		}
		next, ok := w.NextOpen(now)
		if !ok || !next.Equal(at(tt.next)) {
			t.Errorf("%s: next opening %v %v, want %s", tt.now, next, ok, tt.next)
		}
	}
	groups := w.Groups()
	if len(groups) != 2 || groups[0].First != time.Monday || groups[0].Last != time.Friday || len(groups[0].Spans) != 2 ||
		groups[1].First != time.Saturday || groups[1].Last != time.Saturday {
		t.Errorf("groups %+v", groups)
	}
	if from, to := groups[0].Spans[1].Clock(); from != "13:30" || to != "17:00" {
		t.Errorf("clock %s–%s", from, to)
	}

	var none Schedule
	if none.Known() || none.OpenAt(at("2026-12-02 09:00")) {
		t.Error("no hours: known or open")
	}
	if _, ok := none.NextOpen(at("2026-12-02 09:00")); ok {
		t.Error("no hours: an opening found")
	}
}

func TestGroupsSplitWhereHoursDiffer(t *testing.T) {
	s := Settings{OpeningHours: []Opening{
		{Days: "mon,tue", Hours: "07:00-11:00"}, {Days: "wed", Hours: "08:00-11:00"}, {Days: "thu-fri", Hours: "07:00-11:00"}, {Days: "sun", Hours: "07:00-11:00"},
	}}
	var got []string
	for _, g := range s.Schedule().Groups() {
		got = append(got, g.First.String()[:3]+"-"+g.Last.String()[:3])
	}
	if want := "Mon-Tue Wed-Wed Thu-Fri Sun-Sun"; strings.Join(got, " ") != want {
		t.Errorf("groups %v, want %s", got, want)
	}
}

func TestStaleHotlineWarned(t *testing.T) {
	p, err := Load(sitePack(CommuneCounter, ""), "test")
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, w := range p.Warnings(time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)) {
		if w.Field == "hotlines[0].checked" && strings.Contains(w.Msg, "check the number again") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning for a hotline checked in 2026, in 2028: %v", p.Warnings(time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)))
	}
}
