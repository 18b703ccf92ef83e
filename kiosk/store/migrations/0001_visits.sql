-- Anonymous resident visits: one row from the first tap to the idle reset.
-- Nothing here identifies a person.
CREATE TABLE visits (
    id          TEXT PRIMARY KEY,          -- time-ordered random id (UUIDv7)
    kiosk_id    TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,          -- Unix milliseconds, wall clock
    ended_at    INTEGER,                   -- NULL while the visit is open
    duration_ms INTEGER,                   -- measured on the monotonic clock
    end_reason  TEXT                       -- idle, shutdown, interrupted
) STRICT;
CREATE INDEX visits_started ON visits (started_at);

-- What happened within a visit. A search is recorded only by the procedure
-- it led to, never by the text typed.
CREATE TABLE visit_events (
    id         INTEGER PRIMARY KEY,
    visit_id   TEXT    NOT NULL REFERENCES visits (id),
    at         INTEGER NOT NULL,           -- Unix milliseconds
    kind       TEXT    NOT NULL CHECK (kind IN ('screen', 'procedure', 'qr', 'search', 'guide', 'setting')),
    screen     TEXT    NOT NULL DEFAULT '',
    procedure  TEXT    NOT NULL DEFAULT '',
    detail     TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX visit_events_visit ON visit_events (visit_id);
CREATE INDEX visit_events_at ON visit_events (at, kind);
