package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"runtime"
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

// TestRouteFiles keeps the promise of the route list: each kind's comment
// names the file its builder is in, so a screen's code is found from its
// route name alone.
func TestRouteFiles(t *testing.T) {
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	funcFile := map[string]string{} // function name -> file
	kindFile := map[string]string{} // route constant value -> file named in its comment
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
				funcFile[fd.Name.Name] = name
			}
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if vs.Comment == nil || len(vs.Values) != 1 {
					continue
				}
				lit, ok := vs.Values[0].(*ast.BasicLit)
				file, _, found := strings.Cut(strings.TrimSpace(vs.Comment.Text()), ":")
				if ok && found && strings.HasSuffix(file, ".go") {
					kindFile[strings.Trim(lit.Value, `"`)] = file
				}
			}
		}
	}
	for _, d := range routes {
		builder := runtime.FuncForPC(reflect.ValueOf(d.build).Pointer()).Name()
		builder = builder[strings.LastIndex(builder, ".")+1:]
		if want := kindFile[string(d.kind)]; want == "" || funcFile[builder] != want {
			t.Errorf("%s: its comment names %q, its builder %s is in %q", d.kind, want, builder, funcFile[builder])
		}
	}
}
