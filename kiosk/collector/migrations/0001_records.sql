-- The province's copy of its kiosks' records. Every record keeps the key
-- it has on its kiosk, so a batch taken twice, or by two collectors at
-- once, stores each record once. Times are Unix milliseconds, as on the
-- kiosks; day is the day in Vietnam (UTC+7 all year), as kiosk.LocalDay.

-- The kiosks and their tokens. A token is stored only as its SHA-256.
CREATE TABLE kiosks (
    kiosk_id       TEXT PRIMARY KEY,
    site           TEXT        NOT NULL DEFAULT '',
    first_contact  TIMESTAMPTZ,
    last_contact   TIMESTAMPTZ,
    mark_sessions  BIGINT      NOT NULL DEFAULT 0,
    mark_visits    BIGINT      NOT NULL DEFAULT 0,
    mark_audit     BIGINT      NOT NULL DEFAULT 0
);

CREATE TABLE tokens (
    hash        BYTEA PRIMARY KEY,
    kiosk_id    TEXT        NOT NULL REFERENCES kiosks (kiosk_id),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX tokens_kiosk ON tokens (kiosk_id);

-- Readers: the province's staff and tools (tallies, reports, metrics).
-- A kiosk's token reads nothing; a reader's pushes nothing.
CREATE TABLE readers (
    hash        BYTEA PRIMARY KEY,
    name        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ
);

-- Every version of every assisted session, as on the kiosks.
CREATE TABLE session_versions (
    session_id    UUID     NOT NULL,
    version       INTEGER  NOT NULL CHECK (version >= 1),
    status        TEXT     NOT NULL CHECK (status IN ('open', 'closed', 'void')),
    recorded_at   BIGINT   NOT NULL,
    recorded_by   UUID     NOT NULL,
    change_reason TEXT     NOT NULL,
    kiosk_id      TEXT     NOT NULL,
    site          TEXT     NOT NULL,
    staff_id      UUID     NOT NULL,
    started_at    BIGINT   NOT NULL,
    ended_at      BIGINT,
    duration_ms   BIGINT,
    procedures    TEXT[]   NOT NULL,
    help          TEXT[]   NOT NULL,
    outcome       TEXT     NOT NULL,
    reason        TEXT     NOT NULL,
    channel       TEXT     NOT NULL,
    place         TEXT     NOT NULL,
    consent       BOOLEAN  NOT NULL,
    groups        TEXT[]   NOT NULL,
    rating        SMALLINT NOT NULL CHECK (rating BETWEEN 0 AND 4),
    note          TEXT     NOT NULL,
    pushed_by     TEXT     NOT NULL,   -- the kiosk whose token sent it
    PRIMARY KEY (session_id, version)
);

-- The latest version of each session, which tallies read: a later
-- version wins, whichever arrives first.
CREATE TABLE session_latest (
    session_id  UUID PRIMARY KEY,
    version     INTEGER  NOT NULL,
    day         INTEGER  NOT NULL,
    started_at  BIGINT   NOT NULL,
    status      TEXT     NOT NULL,
    kiosk_id    TEXT     NOT NULL,
    site        TEXT     NOT NULL,
    staff_id    UUID     NOT NULL,
    procedures  TEXT[]   NOT NULL,
    help        TEXT[]   NOT NULL,
    outcome     TEXT     NOT NULL,
    reason      TEXT     NOT NULL,
    channel     TEXT     NOT NULL,
    place       TEXT     NOT NULL,
    groups      TEXT[]   NOT NULL,
    rating      SMALLINT NOT NULL
);
CREATE INDEX session_latest_day ON session_latest (day, status, site);

-- Closed visits, and their events keyed by their place in the visit. site
-- is the pushing kiosk's site when it sent the visit: a site's report
-- counts its visits by it, as its sessions by theirs.
CREATE TABLE visits (
    id          UUID PRIMARY KEY,
    kiosk_id    TEXT    NOT NULL,
    site        TEXT    NOT NULL,
    pushed_by   TEXT    NOT NULL,
    day         INTEGER NOT NULL,
    started_at  BIGINT  NOT NULL,
    ended_at    BIGINT  NOT NULL,
    duration_ms BIGINT  NOT NULL,
    end_reason  TEXT    NOT NULL,
    session_id  UUID
);
CREATE INDEX visits_day ON visits (day, site);

CREATE TABLE visit_events (
    visit_id   UUID    NOT NULL,
    seq        INTEGER NOT NULL,
    at         BIGINT  NOT NULL,
    kind       TEXT    NOT NULL,
    screen     TEXT    NOT NULL,
    procedure  TEXT    NOT NULL,
    detail     TEXT    NOT NULL,
    step       INTEGER NOT NULL,
    PRIMARY KEY (visit_id, seq)
);
CREATE INDEX visit_events_kind ON visit_events (kind, at);

-- The kiosks' audit logs, each line keyed by its kiosk, number and
-- moment: a kiosk restored from a backup numbers its new lines again from
-- the backup's, and the moment tells them from the lines sent before.
CREATE TABLE audit (
    kiosk_id  TEXT   NOT NULL,
    seq       BIGINT NOT NULL,
    at        BIGINT NOT NULL,
    staff_id  TEXT   NOT NULL,
    action    TEXT   NOT NULL,
    detail    TEXT   NOT NULL,
    PRIMARY KEY (kiosk_id, seq, at)
);
