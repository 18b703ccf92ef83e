-- Proof of play: a tutorial started, a step of it reached, the lesson
-- finished or left before its end. Detail holds the tutorial's id and step
-- the step reached (from 1). SQLite cannot change a CHECK constraint in
-- place, so the events table is rebuilt with the new kinds.
CREATE TABLE visit_events_new (
    id         INTEGER PRIMARY KEY,
    visit_id   TEXT    NOT NULL REFERENCES visits (id),
    at         INTEGER NOT NULL,           -- Unix milliseconds
    kind       TEXT    NOT NULL CHECK (kind IN ('screen', 'procedure', 'qr', 'search', 'guide', 'setting',
                                                'lesson_start', 'lesson_step', 'lesson_done', 'lesson_abandon')),
    screen     TEXT    NOT NULL DEFAULT '',
    procedure  TEXT    NOT NULL DEFAULT '',
    detail     TEXT    NOT NULL DEFAULT '',
    step       INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO visit_events_new (id, visit_id, at, kind, screen, procedure, detail)
    SELECT id, visit_id, at, kind, screen, procedure, detail FROM visit_events;
DROP TABLE visit_events;
ALTER TABLE visit_events_new RENAME TO visit_events;
CREATE INDEX visit_events_visit ON visit_events (visit_id);
CREATE INDEX visit_events_at ON visit_events (at, kind);
