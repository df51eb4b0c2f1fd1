-- The resident journey: drafts with their answers, submission with a
-- reference number, files, and each case's timeline.

ALTER TABLE cases ADD COLUMN answers TEXT NOT NULL DEFAULT '{}';
ALTER TABLE cases ADD COLUMN updated_at TIMESTAMPTZ;
ALTER TABLE cases ADD COLUMN reference TEXT UNIQUE;
ALTER TABLE cases ADD COLUMN submitted_at TIMESTAMPTZ;
ALTER TABLE cases ADD COLUMN due_on DATE;
ALTER TABLE cases ADD COLUMN contact_email TEXT;
ALTER TABLE cases ADD COLUMN lang TEXT NOT NULL DEFAULT 'uk' CHECK (lang IN ('uk', 'en'));
ALTER TABLE cases ADD COLUMN owner_token_hash TEXT UNIQUE;
ALTER TABLE cases ADD COLUMN expiry_warned_at TIMESTAMPTZ;

UPDATE cases SET updated_at = created_at WHERE updated_at IS NULL;

CREATE INDEX cases_drafts_by_age ON cases (state, updated_at);

-- The last reference number given per community prefix and year.
CREATE TABLE reference_counters (
    community_code TEXT    NOT NULL,
    year           INTEGER NOT NULL,
    last           BIGINT  NOT NULL,
    PRIMARY KEY (community_code, year)
);

CREATE TABLE case_events (
    id            BIGSERIAL   PRIMARY KEY,
    case_id       BIGINT      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at            TIMESTAMPTZ NOT NULL,
    kind          TEXT        NOT NULL CHECK (kind IN ('submitted', 'action', 'message')),
    action        TEXT,
    from_state    TEXT,
    to_state      TEXT,
    by_applicant  BOOLEAN     NOT NULL,
    actor_account BIGINT      REFERENCES accounts (id) ON DELETE SET NULL,
    body          TEXT
);

CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TABLE case_files (
    id           BIGSERIAL   PRIMARY KEY,
    case_id      BIGINT      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    field        TEXT,
    event_id     BIGINT      REFERENCES case_events (id) ON DELETE CASCADE,
    name         TEXT        NOT NULL,
    content_type TEXT        NOT NULL,
    size         BIGINT      NOT NULL CHECK (size >= 0),
    sha256       TEXT        NOT NULL,
    uploaded_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX case_files_case ON case_files (case_id, id);
CREATE INDEX case_files_sha256 ON case_files (sha256);
