-- The back-office: who works on a case, when the deadline clock stopped,
-- assisted applications, internal notes, a job queue, in-app notices and the
-- one-question survey.

ALTER TABLE cases ADD COLUMN assignee INTEGER REFERENCES accounts (id) ON DELETE SET NULL;
ALTER TABLE cases ADD COLUMN paused_at TEXT;
ALTER TABLE cases ADD COLUMN decided_at TEXT;
ALTER TABLE cases ADD COLUMN channel TEXT NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'assisted'));
ALTER TABLE cases ADD COLUMN assisted_by INTEGER REFERENCES accounts (id) ON DELETE SET NULL;
ALTER TABLE cases ADD COLUMN assisted_note TEXT;
ALTER TABLE cases ADD COLUMN claim_code_hash TEXT;

CREATE INDEX cases_queue ON cases (community_slug, decided_at, due_on);
CREATE INDEX cases_assignee ON cases (assignee);
CREATE UNIQUE INDEX cases_claim_code_hash ON cases (claim_code_hash);

ALTER TABLE case_events ADD COLUMN internal INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1));

CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    run_at       TEXT    NOT NULL,
    locked_until TEXT,
    last_error   TEXT,
    created_at   TEXT    NOT NULL,
    done_at      TEXT
) STRICT;

CREATE INDEX jobs_due ON jobs (state, run_at);

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    case_id    INTEGER REFERENCES cases (id) ON DELETE CASCADE,
    at         TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    read_at    TEXT
) STRICT;

CREATE INDEX notifications_account ON notifications (account_id, id);

CREATE TABLE satisfaction (
    case_id INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    score   INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment TEXT,
    at      TEXT    NOT NULL
) STRICT;
