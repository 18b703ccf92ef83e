-- Staff, the assisted sessions they record, and the audit log.
-- Nothing here names a resident: a session holds what help was given, not
-- to whom.

CREATE TABLE staff (
    id           TEXT PRIMARY KEY,            -- UUIDv7
    code         TEXT    NOT NULL UNIQUE,     -- short code typed with the PIN
    name         TEXT    NOT NULL,            -- display name
    role         TEXT    NOT NULL CHECK (role IN ('staff', 'admin')),
    pin_hash     TEXT    NOT NULL,            -- argon2id, salted; never the PIN
    created_at   INTEGER NOT NULL,            -- Unix milliseconds
    disabled_at  INTEGER,                     -- NULL while the member may log in
    failed_pins  INTEGER NOT NULL DEFAULT 0,  -- wrong PINs since the last good one
    lockouts     INTEGER NOT NULL DEFAULT 0,  -- lock-outs since the last good PIN
    locked_until INTEGER NOT NULL DEFAULT 0   -- Unix milliseconds; 0: not locked
) STRICT;

-- An assisted session is a series of versions, never changed in place: the
-- first records its opening, later ones its closing, corrections and void.
-- The current state of a session is its highest version.
CREATE TABLE session_versions (
    id            INTEGER PRIMARY KEY,
    session_id    TEXT    NOT NULL,           -- UUIDv7, the same in every version
    version       INTEGER NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('open', 'closed', 'void')),
    recorded_at   INTEGER NOT NULL,           -- Unix milliseconds, when this version was written
    recorded_by   TEXT    NOT NULL REFERENCES staff (id),
    change_reason TEXT    NOT NULL DEFAULT '', -- why a correction or void was made
    kiosk_id      TEXT    NOT NULL,
    site          TEXT    NOT NULL,
    staff_id      TEXT    NOT NULL REFERENCES staff (id),
    started_at    INTEGER NOT NULL,           -- Unix milliseconds, wall clock
    ended_at      INTEGER,                    -- NULL while open
    duration_ms   INTEGER,                    -- measured on the monotonic clock
    procedures    TEXT    NOT NULL DEFAULT '[]', -- JSON array of procedure codes
    help          TEXT    NOT NULL DEFAULT '[]', -- JSON array of help kinds
    outcome       TEXT    NOT NULL DEFAULT '' CHECK (outcome IN ('', 'done', 'not_done')),
    reason        TEXT    NOT NULL DEFAULT '', -- why not done
    channel       TEXT    NOT NULL CHECK (channel IN ('counter', 'postal_point', 'home_visit')),
    place         TEXT    NOT NULL DEFAULT '', -- the resident's commune or village, from the list
    consent       INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
    groups        TEXT    NOT NULL DEFAULT '[]', -- JSON array; empty unless consent
    rating        INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 4), -- 0: not given
    note          TEXT    NOT NULL DEFAULT '',
    UNIQUE (session_id, version),
    CHECK (consent = 1 OR groups = '[]')
) STRICT;
CREATE INDEX session_versions_started ON session_versions (started_at);
CREATE INDEX session_versions_staff ON session_versions (staff_id, started_at);

CREATE TRIGGER session_versions_append_only_update BEFORE UPDATE ON session_versions
BEGIN SELECT RAISE(ABORT, 'session records are append-only: write a new version'); END;
CREATE TRIGGER session_versions_append_only_delete BEFORE DELETE ON session_versions
BEGIN SELECT RAISE(ABORT, 'session records are append-only: nothing is deleted'); END;

-- Logins, wrong PINs, lock-outs, corrections, voids, exports and settings
-- changes: who, when, what. Append-only too.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,                -- Unix milliseconds
    staff_id TEXT    NOT NULL DEFAULT '',     -- '' when no member is known (a wrong code)
    action   TEXT    NOT NULL,
    detail   TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_at ON audit (at);

CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- A resident's visit may happen inside an assisted session.
ALTER TABLE visits ADD COLUMN session_id TEXT;
