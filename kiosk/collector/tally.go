package collector

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"onestop/kiosk"
)

// Counter counts the collector's records as a kiosk's store counts its
// own (store.Store.TallySessions and TallyVisits, with the same keys), so
// report.Tallies folds them into the same tables: for the whole province,
// or for one site (a commune or postal point) when Site is set.
type Counter struct {
	DB   *DB
	Site string
}

var sessionKeyColumns = map[string]string{
	"day":       "l.day::text",
	"place":     "l.place",
	"site":      "l.site",
	"kiosk":     "l.kiosk_id",
	"staff":     "l.staff_id::text",
	"outcome":   "l.outcome",
	"reason":    "l.reason",
	"channel":   "l.channel",
	"rating":    "CASE WHEN l.rating = 0 THEN '' ELSE l.rating::text END",
	"procedure": "l.procedures",
	"help":      "l.help",
	"group":     "l.groups",
}

// TallySessions counts the closed sessions (by their latest version)
// started in [from, to), grouped by the keys.
func (c Counter) TallySessions(ctx context.Context, from, to time.Time, keys []string) ([][]string, []int, error) {
	var sel, joins, group []string
	for i, k := range keys {
		col := sessionKeyColumns[k]
		if col == "" {
			return nil, nil, fmt.Errorf("no tally key %q", k)
		}
		if slices.Contains(keys[:i], k) {
			return nil, nil, fmt.Errorf("tally key %q named twice", k)
		}
		if k == "procedure" || k == "help" || k == "group" {
			// A session counts once under each element, and under "" when
			// its list is empty, as on the kiosk.
			joins = append(joins, fmt.Sprintf("CROSS JOIN LATERAL unnest(CASE WHEN cardinality(%s) = 0 THEN ARRAY[''] ELSE %[1]s END) AS j%d(v)", col, i))
			col = fmt.Sprintf("j%d.v", i)
		}
		sel = append(sel, col)
		group = append(group, strconv.Itoa(i+1))
	}
	args := []any{kiosk.LocalDay(from), kiosk.LocalDay(to.Add(-time.Millisecond)), from.UnixMilli(), to.UnixMilli()}
	q := "SELECT " + strings.Join(append(sel, "COUNT(*)"), ", ") + " FROM session_latest l " + strings.Join(joins, " ") +
		" WHERE l.day BETWEEN $1 AND $2 AND l.started_at >= $3 AND l.started_at < $4 AND l.status = 'closed'"
	if c.Site != "" {
		q += " AND l.site = $5"
		args = append(args, c.Site)
	}
	if len(group) > 0 {
		q += " GROUP BY " + strings.Join(group, ", ")
	}
	return c.tally(ctx, len(keys), q, args...)
}

// eventSlack is how far from its visit's start an event is looked for,
// as on the kiosk.
const eventSlack = 24 * time.Hour

// TallyVisits counts the visits that started in [from, to) or, when kind
// is not empty, those visits' events of that kind, grouped by keys: "day",
// "started_at", "kiosk", "procedure" and "detail".
func (c Counter) TallyVisits(ctx context.Context, from, to time.Time, kind kiosk.EventKind, keys []string) ([][]string, []int, error) {
	cols := map[string]string{
		"day":        "v.day::text",
		"started_at": "v.started_at::text",
		"kiosk":      "v.kiosk_id",
		"procedure":  "e.procedure",
		"detail":     "e.detail",
	}
	var sel, group []string
	for i, k := range keys {
		col := cols[k]
		if col == "" || (kind == "" && strings.HasPrefix(col, "e.")) {
			return nil, nil, fmt.Errorf("visits are not tallied by %q", k)
		}
		sel = append(sel, col)
		group = append(group, strconv.Itoa(i+1))
	}
	q := "SELECT " + strings.Join(append(sel, "COUNT(*)"), ", ")
	args := []any{kiosk.LocalDay(from), kiosk.LocalDay(to.Add(-time.Millisecond)), from.UnixMilli(), to.UnixMilli()}
	if kind == "" {
		q += " FROM visits v WHERE v.day BETWEEN $1 AND $2 AND v.started_at >= $3 AND v.started_at < $4"
	} else {
		q += ` FROM visit_events e JOIN visits v ON v.id = e.visit_id
			WHERE v.day BETWEEN $1 AND $2 AND v.started_at >= $3 AND v.started_at < $4
			AND e.kind = $5 AND e.at >= $6 AND e.at < $7`
		args = append(args, string(kind), from.Add(-eventSlack).UnixMilli(), to.Add(eventSlack).UnixMilli())
	}
	if c.Site != "" {
		q += fmt.Sprintf(" AND v.site = $%d", len(args)+1)
		args = append(args, c.Site)
	}
	if len(group) > 0 {
		q += " GROUP BY " + strings.Join(group, ", ")
	}
	return c.tally(ctx, len(keys), q, args...)
}

func (c Counter) tally(ctx context.Context, n int, q string, args ...any) ([][]string, []int, error) {
	rows, err := c.DB.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out [][]string
	var counts []int
	for rows.Next() {
		k := make([]string, n)
		dest := make([]any, 0, n+1)
		for i := range k {
			dest = append(dest, &k[i])
		}
		var cnt int64
		if err := rows.Scan(append(dest, &cnt)...); err != nil {
			return nil, nil, err
		}
		if cnt > 0 {
			out = append(out, k)
			counts = append(counts, int(cnt))
		}
	}
	return out, counts, rows.Err()
}
