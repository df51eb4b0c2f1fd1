-- The back-office: who works on a case, when the deadline clock stopped,
-- assisted applications, internal notes, a job queue, in-app notices and the
-- one-question survey.

ALTER TABLE cases ADD COLUMN assignee BIGINT REFERENCES accounts (id) ON DELETE SET NULL;
ALTER TABLE cases ADD COLUMN paused_at TIMESTAMPTZ;
ALTER TABLE cases ADD COLUMN decided_at TIMESTAMPTZ;
ALTER TABLE cases ADD COLUMN channel TEXT NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'assisted'));
ALTER TABLE cases ADD COLUMN assisted_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL;
ALTER TABLE cases ADD COLUMN assisted_note TEXT;
ALTER TABLE cases ADD COLUMN claim_code_hash TEXT UNIQUE;

CREATE INDEX cases_queue ON cases (community_slug, decided_at, due_on);
CREATE INDEX cases_assignee ON cases (assignee);

ALTER TABLE case_events ADD COLUMN internal BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE jobs (
    id           BIGSERIAL   PRIMARY KEY,
    kind         TEXT        NOT NULL,
    payload      TEXT        NOT NULL,
    state        TEXT        NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
    attempts     INTEGER     NOT NULL DEFAULT 0,
    max_attempts INTEGER     NOT NULL,
    run_at       TIMESTAMPTZ NOT NULL,
    locked_until TIMESTAMPTZ,
    last_error   TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    done_at      TIMESTAMPTZ
);

CREATE INDEX jobs_due ON jobs (state, run_at);

CREATE TABLE notifications (
    id         BIGSERIAL   PRIMARY KEY,
    account_id BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    case_id    BIGINT      REFERENCES cases (id) ON DELETE CASCADE,
    at         TIMESTAMPTZ NOT NULL,
    title      TEXT        NOT NULL,
    body       TEXT        NOT NULL,
    read_at    TIMESTAMPTZ
);

CREATE INDEX notifications_account ON notifications (account_id, id);

CREATE TABLE satisfaction (
    case_id BIGINT      PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    score   INTEGER     NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment TEXT,
    at      TIMESTAMPTZ NOT NULL
);
