-- An admin's choices for this kiosk, made on its settings screen; the
-- content pack's values hold until one is made. Every change is in the
-- audit log too, with who made it and the value before.
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT    NOT NULL,
    changed_at INTEGER NOT NULL,          -- Unix milliseconds
    changed_by TEXT    NOT NULL REFERENCES staff (id)
) STRICT;
