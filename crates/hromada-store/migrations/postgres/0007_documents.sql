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
    created_at     TIMESTAMPTZ NOT NULL,
    retired_at     TIMESTAMPTZ,
    UNIQUE (community_slug, number)
);

-- At most one key in use per community.
CREATE UNIQUE INDEX signing_keys_in_use ON signing_keys (community_slug) WHERE retired_at IS NULL;

CREATE TABLE documents (
    id             BIGSERIAL PRIMARY KEY,
    case_id        BIGINT  NOT NULL REFERENCES cases (id),
    event_id       BIGINT  REFERENCES case_events (id),
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
    issued_on      DATE    NOT NULL,
    expires_on     DATE,
    issued_at      TIMESTAMPTZ NOT NULL,
    revoked_at     TIMESTAMPTZ,
    revoked_by     BIGINT  REFERENCES accounts (id) ON DELETE SET NULL,
    revoked_reason TEXT
);

CREATE INDEX documents_case ON documents (case_id);
