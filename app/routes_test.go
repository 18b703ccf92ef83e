package app

import (
	"strings"
	"testing"
)

func TestParseRoute(t *testing.T) {
	good := map[string]Route{
		"home":               {Kind: RouteHome},
		"procedure/1.001193": {Kind: RouteProcedure, Arg: "1.001193"},
		"category/ho-tich":   {Kind: RouteCategory, Arg: "ho-tich"},
		"search/khai sinh":   {Kind: RouteSearch, Arg: "khai sinh"},
		"search":             {Kind: RouteSearch},
		"tutorial/vneid":     {Kind: RouteTutorial, Arg: "vneid"},
		"tutorials":          {Kind: RouteTutorials},
		" attract ":          {Kind: RouteAttract},
	}
	for in, want := range good {
		got, err := ParseRoute(in)
		if err != nil || got != want {
			t.Errorf("ParseRoute(%q) = %+v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "procedure", "procedure/", "home/x", "settings"} {
		if _, err := ParseRoute(in); err == nil {
			t.Errorf("ParseRoute(%q) accepted", in)
		}
	}
	// A staff screen needs a login: --open refuses it and says why.
	if _, err := ParseRoute("staff-session"); err == nil || !strings.Contains(err.Error(), "staff") {
		t.Errorf("ParseRoute(staff-session): %v", err)
	}
}

// TestRouteTable checks the table of screens: every kind once, each with
// a builder, and the staff screens told apart by the table, not by name.
func TestRouteTable(t *testing.T) {
	seen := map[RouteKind]bool{}
	for _, d := range routes {
		if seen[d.kind] {
			t.Errorf("%s twice", d.kind)
		}
		seen[d.kind] = true
		if d.build == nil {
			t.Errorf("%s has no builder", d.kind)
		}
		if d.who != forResident && d.open {
			t.Errorf("%s: a staff screen opens with --open", d.kind)
		}
	}
	if (Route{Kind: RouteHome}).isStaff() || !(Route{Kind: RouteNumbers}).isStaff() || !(Route{Kind: RoutePIN}).isStaff() {
		t.Error("isStaff does not follow the table")
	}
}
