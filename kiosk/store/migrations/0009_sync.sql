-- Where this kiosk's records stand with the province's collector: for
-- each stream (sessions, visits, audit) the local row number of the last
-- record the collector acknowledged. A mark only moves forward, and only
-- after an acknowledgement, so a push that fails or a kiosk that restarts
-- sends again from there; the collector stores each record once.
CREATE TABLE sync_marks (
    stream  TEXT PRIMARY KEY CHECK (stream IN ('sessions', 'visits', 'audit')),
    last_id INTEGER NOT NULL,
    at      INTEGER NOT NULL            -- Unix milliseconds of the acknowledgement
) STRICT;
