-- The resident journey: drafts with their answers, submission with a
-- reference number, files, and each case's timeline.

ALTER TABLE cases ADD COLUMN answers TEXT NOT NULL DEFAULT '{}';
ALTER TABLE cases ADD COLUMN updated_at TEXT;
ALTER TABLE cases ADD COLUMN reference TEXT;
ALTER TABLE cases ADD COLUMN submitted_at TEXT;
ALTER TABLE cases ADD COLUMN due_on TEXT;
ALTER TABLE cases ADD COLUMN contact_email TEXT;
ALTER TABLE cases ADD COLUMN lang TEXT NOT NULL DEFAULT 'uk' CHECK (lang IN ('uk', 'en'));
ALTER TABLE cases ADD COLUMN owner_token_hash TEXT;
ALTER TABLE cases ADD COLUMN expiry_warned_at TEXT;

UPDATE cases SET updated_at = created_at WHERE updated_at IS NULL;

CREATE UNIQUE INDEX cases_reference ON cases (reference);
CREATE UNIQUE INDEX cases_owner_token_hash ON cases (owner_token_hash);
CREATE INDEX cases_drafts_by_age ON cases (state, updated_at);

-- The last reference number given per community prefix and year.
CREATE TABLE reference_counters (
    community_code TEXT    NOT NULL,
    year           INTEGER NOT NULL,
    last           INTEGER NOT NULL,
    PRIMARY KEY (community_code, year)
) STRICT;

CREATE TABLE case_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id       INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at            TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('submitted', 'action', 'message')),
    action        TEXT,
    from_state    TEXT,
    to_state      TEXT,
    by_applicant  INTEGER NOT NULL CHECK (by_applicant IN (0, 1)),
    actor_account INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    body          TEXT
) STRICT;

CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TABLE case_files (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id      INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    field        TEXT,
    event_id     INTEGER REFERENCES case_events (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL CHECK (size >= 0),
    sha256       TEXT    NOT NULL,
    uploaded_at  TEXT    NOT NULL
) STRICT;

CREATE INDEX case_files_case ON case_files (case_id, id);
CREATE INDEX case_files_sha256 ON case_files (sha256);
