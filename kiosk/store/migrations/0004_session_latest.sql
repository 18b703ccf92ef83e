-- The latest version of every session, kept by a trigger as versions are
-- appended. Tallies and exports then read one row a session, in the order
-- sessions started, instead of looking for the highest version of each. The table is derived: session_versions stays
-- the record, and this could be rebuilt from it at any time.
--
-- day is the day a session started in Vietnam, which keeps UTC+7 all year:
-- whole days since 1970-01-01 there. Ranges of days find rows fast;
-- started_at keeps the exact bounds.

CREATE TABLE session_latest (
    day           INTEGER NOT NULL,
    started_at    INTEGER NOT NULL,
    session_id    TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    status        TEXT    NOT NULL,
    recorded_at   INTEGER NOT NULL,
    recorded_by   TEXT    NOT NULL,
    change_reason TEXT    NOT NULL,
    kiosk_id      TEXT    NOT NULL,
    site          TEXT    NOT NULL,
    staff_id      TEXT    NOT NULL,
    ended_at      INTEGER,
    duration_ms   INTEGER,
    procedures    TEXT    NOT NULL,
    help          TEXT    NOT NULL,
    outcome       TEXT    NOT NULL,
    reason        TEXT    NOT NULL,
    channel       TEXT    NOT NULL,
    place         TEXT    NOT NULL,
    consent       INTEGER NOT NULL,
    groups        TEXT    NOT NULL,
    rating        INTEGER NOT NULL,
    note          TEXT    NOT NULL,
    PRIMARY KEY (day, started_at, session_id)
) STRICT, WITHOUT ROWID;
-- Reports count by village more than by anything else: this index gives
-- the closed sessions of a range of days already in (day, village) order.
CREATE INDEX session_latest_place ON session_latest (day, place, status, started_at);

CREATE TRIGGER session_versions_latest AFTER INSERT ON session_versions
WHEN NEW.version = (SELECT MAX(version) FROM session_versions WHERE session_id = NEW.session_id)
BEGIN
    -- The row of the version this one follows, if any.
    DELETE FROM session_latest WHERE (day, started_at, session_id) = (
        SELECT (started_at / 1000 + 25200) / 86400, started_at, session_id FROM session_versions
        WHERE session_id = NEW.session_id AND version < NEW.version ORDER BY version DESC LIMIT 1);
    INSERT INTO session_latest VALUES (
        (NEW.started_at / 1000 + 25200) / 86400, NEW.started_at, NEW.session_id, NEW.version, NEW.status,
        NEW.recorded_at, NEW.recorded_by, NEW.change_reason, NEW.kiosk_id, NEW.site, NEW.staff_id,
        NEW.ended_at, NEW.duration_ms, NEW.procedures, NEW.help, NEW.outcome, NEW.reason, NEW.channel,
        NEW.place, NEW.consent, NEW.groups, NEW.rating, NEW.note);
END;

INSERT INTO session_latest
    SELECT (started_at / 1000 + 25200) / 86400, started_at, session_id, version, status,
        recorded_at, recorded_by, change_reason, kiosk_id, site, staff_id,
        ended_at, duration_ms, procedures, help, outcome, reason, channel,
        place, consent, groups, rating, note
    FROM session_versions v
    WHERE version = (SELECT MAX(version) FROM session_versions w WHERE w.session_id = v.session_id);

-- Every reading by time now goes through session_latest.
DROP INDEX session_versions_started;
DROP INDEX session_versions_staff;
