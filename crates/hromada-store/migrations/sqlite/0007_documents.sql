-- Verifiable documents: the public halves of the communities' signing keys
-- (the private halves live in the data dir, never in the database) and the
-- documents that decisions issue. The inputs staff give with a workflow action
-- are kept on its event, for documents that print them.

ALTER TABLE case_events ADD COLUMN inputs TEXT;

CREATE TABLE signing_keys (
    id             TEXT    NOT NULL PRIMARY KEY,
    community_slug TEXT    NOT NULL REFERENCES communities (slug),
    number         INTEGER NOT NULL CHECK (number >= 1),
    public_key     TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    retired_at     TEXT,
    UNIQUE (community_slug, number)
) STRICT;

-- At most one key in use per community.
CREATE UNIQUE INDEX signing_keys_in_use ON signing_keys (community_slug) WHERE retired_at IS NULL;

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id        INTEGER NOT NULL REFERENCES cases (id),
    event_id       INTEGER REFERENCES case_events (id),
    number         TEXT    NOT NULL UNIQUE,
    code           TEXT    NOT NULL UNIQUE,
    kind           TEXT    NOT NULL,
    title_uk       TEXT    NOT NULL,
    title_en       TEXT,
    issuer_uk      TEXT    NOT NULL,
    issuer_en      TEXT,
    holder         TEXT    NOT NULL,
    fields         TEXT    NOT NULL,
    key_id         TEXT    NOT NULL REFERENCES signing_keys (id),
    payload        TEXT    NOT NULL,
    issued_on      TEXT    NOT NULL,
    expires_on     TEXT,
    issued_at      TEXT    NOT NULL,
    revoked_at     TEXT,
    revoked_by     INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    revoked_reason TEXT
) STRICT;

CREATE INDEX documents_case ON documents (case_id);
