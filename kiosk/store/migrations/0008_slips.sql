-- A slip was printed for a resident without a smartphone ("In phiếu"): a
-- new kind of visit event, counted per day with the other visit measures.
-- SQLite cannot change a CHECK constraint in place, so the events table is
-- rebuilt, as in 0007.
CREATE TABLE visit_events_new (
    id         INTEGER PRIMARY KEY,
    visit_id   TEXT    NOT NULL REFERENCES visits (id),
    at         INTEGER NOT NULL,           -- Unix milliseconds
    kind       TEXT    NOT NULL CHECK (kind IN ('screen', 'procedure', 'qr', 'search', 'guide', 'setting',
                                                'lesson_start', 'lesson_step', 'lesson_done', 'lesson_abandon',
                                                'help_request', 'slip')),
    screen     TEXT    NOT NULL DEFAULT '',
    procedure  TEXT    NOT NULL DEFAULT '',
    detail     TEXT    NOT NULL DEFAULT '',
    step       INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO visit_events_new (id, visit_id, at, kind, screen, procedure, detail, step)
    SELECT id, visit_id, at, kind, screen, procedure, detail, step FROM visit_events;
DROP TABLE visit_events;
ALTER TABLE visit_events_new RENAME TO visit_events;
CREATE INDEX visit_events_visit ON visit_events (visit_id);
CREATE INDEX visit_events_kind ON visit_events (kind, at, visit_id, procedure, detail);
