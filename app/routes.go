package app

import (
	"fmt"
	"slices"
	"strings"
)

// Route names a screen: "home", "category/ho-tich", "procedure/1.001193",
// "tutorial/vneid", "staff-session"... Its kind finds the screen's entry
// in the routes table below, and so its code: each kind is built by one
// new…Screen function, in the file named after it.
type Route struct {
	Kind RouteKind
	Arg  string
}

func (r Route) String() string {
	if r.Arg == "" {
		return string(r.Kind)
	}
	return string(r.Kind) + "/" + r.Arg
}

// RouteKind is the kind of a screen.
type RouteKind string

// The kiosk's screens. Resident screens first, then staff mode's, then
// the admin's.
const (
	RouteAttract   RouteKind = "attract"   // attract.go: the poster loop
	RouteHome      RouteKind = "home"      // home.go: life-event categories
	RouteCategory  RouteKind = "category"  // category.go: a category's procedures
	RouteProcedure RouteKind = "procedure" // procedure.go: papers, fee, time, QR codes
	RouteSearch    RouteKind = "search"    // search.go: the keypad search
	RouteTutorials RouteKind = "tutorials" // tutorial.go: every lesson
	RouteTutorial  RouteKind = "tutorial"  // tutorial.go: one lesson playing

	RouteStaffPick    RouteKind = "staff"               // staff.go: who is logging in
	RoutePIN          RouteKind = "staff-pin"           // pin.go: the PIN pad
	RouteStaffHome    RouteKind = "staff-home"          // staff.go: start a session, today, log out
	RouteSession      RouteKind = "staff-session"       // session.go: the open session's form
	RouteRate         RouteKind = "staff-rate"          // session.go: the resident's faces
	RouteToday        RouteKind = "staff-today"         // session.go: today's sessions
	RoutePicker       RouteKind = "staff-picker"        // session.go: the procedures helped with
	RouteText         RouteKind = "staff-text"          // text.go: a note or a reason, typed
	RouteFix          RouteKind = "staff-fix"           // session.go: a closed session corrected or voided
	RouteMembers      RouteKind = "staff-members"       // admin.go: the staff list
	RouteNewMember    RouteKind = "staff-new"           // admin.go: a member added
	RouteAudit        RouteKind = "staff-audit"         // admin.go: the audit log
	RouteNumbers      RouteKind = "staff-numbers"       // numbers.go: tallies, chart, export
	RouteNumbersRange RouteKind = "staff-numbers-range" // numbers.go: a calendar of days
	RouteSettings     RouteKind = "staff-settings"      // settings.go: the admin's settings
	RouteReport       RouteKind = "staff-report"        // report.go: the periodic report, printed or saved
	RoutePacks        RouteKind = "staff-packs"         // packs.go: signed content packs from a USB stick
)

// audience says who a screen is for.
type audience int

const (
	forResident audience = iota // anyone; the resident's idle rule applies
	forStaff                    // a staff member; staff mode's timeout applies
	forAdmin                    // an admin only
)

// argRule says what a route takes after its kind.
type argRule int

const (
	argNone     argRule = iota // nothing
	argRequired                // an id or a code
	argOptional                // search text
)

// routeDef is one entry of the table of screens.
type routeDef struct {
	kind RouteKind
	who  audience
	arg  argRule
	// open says whether --open may start on it: a staff screen needs a
	// login first.
	open  bool
	build func(k *Kiosk, arg string) screen
}

// routes is every screen of the kiosk, as data: what it is for, who sees
// it, what its route takes and its builder. (It is filled in init: the
// builders lead back to it through navigation.)
var routes []routeDef

func init() {
	routes = []routeDef{
		{RouteAttract, forResident, argNone, true, newAttractScreen},
		{RouteHome, forResident, argNone, true, newHomeScreen},
		{RouteCategory, forResident, argRequired, true, newCategoryScreen},
		{RouteProcedure, forResident, argRequired, true, newProcedureScreen},
		{RouteSearch, forResident, argOptional, true, newSearchScreen},
		{RouteTutorials, forResident, argNone, true, newTutorialsScreen},
		{RouteTutorial, forResident, argRequired, true, newTutorialScreen},

		// The member list and the PIN pad come before a login: the resident's
		// idle rule sends them back to the posters when left alone.
		{RouteStaffPick, forResident, argNone, false, newStaffPickScreen},
		{RoutePIN, forResident, argRequired, false, newPINScreen},
		{RouteStaffHome, forStaff, argNone, false, newStaffHomeScreen},
		{RouteSession, forStaff, argNone, false, newSessionScreen},
		{RouteRate, forStaff, argRequired, false, newRateScreen},
		{RouteToday, forStaff, argNone, false, newTodayScreen},
		{RoutePicker, forStaff, argNone, false, newPickerScreen},
		{RouteText, forStaff, argNone, false, newTextScreen},
		{RouteFix, forStaff, argRequired, false, newFixScreen},
		{RouteMembers, forAdmin, argNone, false, newMembersScreen},
		{RouteNewMember, forAdmin, argNone, false, newNewMemberScreen},
		{RouteAudit, forAdmin, argNone, false, newAuditScreen},
		{RouteNumbers, forAdmin, argNone, false, newNumbersScreen},
		{RouteNumbersRange, forAdmin, argNone, false, newNumbersRangeScreen},
		{RouteSettings, forAdmin, argNone, false, newSettingsScreen},
		{RouteReport, forAdmin, argNone, false, newReportScreen},
		{RoutePacks, forAdmin, argNone, false, newPacksScreen},
	}
}

// routeOf finds a kind's entry.
func routeOf(kind RouteKind) (routeDef, bool) {
	i := slices.IndexFunc(routes, func(d routeDef) bool { return d.kind == kind })
	if i < 0 {
		return routeDef{}, false
	}
	return routes[i], true
}

// isStaff says whether a route is one of staff mode's screens (the member
// list and the PIN pad included: Back never leads into them).
func (r Route) isStaff() bool {
	d, ok := routeOf(r.Kind)
	return ok && (d.who != forResident || r.Kind == RouteStaffPick || r.Kind == RoutePIN)
}

// ParseRoute reads a route as given to --open.
func ParseRoute(s string) (Route, error) {
	kind, arg, _ := strings.Cut(strings.TrimSpace(s), "/")
	d, ok := routeOf(RouteKind(kind))
	if !ok || !d.open {
		var names []string
		for _, d := range routes {
			if !d.open {
				continue
			}
			switch d.arg {
			case argRequired:
				names = append(names, string(d.kind)+"/ID")
			case argOptional:
				names = append(names, string(d.kind)+"/TEXT")
			default:
				names = append(names, string(d.kind))
			}
		}
		if ok {
			return Route{}, fmt.Errorf("%q is a staff screen: it opens after a staff login, not with --open", kind)
		}
		return Route{}, fmt.Errorf("unknown screen %q: use %s", s, strings.Join(names, ", "))
	}
	switch {
	case d.arg == argNone && arg != "":
		return Route{}, fmt.Errorf("%q takes nothing after it", kind)
	case d.arg == argRequired && arg == "":
		return Route{}, fmt.Errorf("%q needs an id, as in %s/…", kind, kind)
	}
	return Route{Kind: d.kind, Arg: arg}, nil
}
