-- The pulse of progress: roll-ups of cases, changed in the same transaction
-- as the case they count, so that the public dashboard reads these small
-- tables and never scans cases. They hold counts only, no personal data.
-- Months are Kyiv months ('YYYY-MM'); days are Kyiv calendar days.

-- How a case ended, set when it first reached a final state.
ALTER TABLE cases ADD COLUMN outcome TEXT CHECK (outcome IN ('approved', 'rejected', 'withdrawn', 'unspecified'));
-- The channel the case was counted in at submission, so that a rebuild of the
-- roll-ups counts it there again (an account claimed later changes nothing).
ALTER TABLE cases ADD COLUMN pulse_channel TEXT CHECK (pulse_channel IN ('self_service', 'assisted', 'on_behalf'));

-- Submitted applications per month of submission and channel
-- (self_service: online; assisted: at a service centre, the resident's account
-- found; on_behalf: at a service centre, for a resident without an account).
CREATE TABLE pulse_applications (
    month          TEXT    NOT NULL,
    community_slug TEXT    NOT NULL,
    service_slug   TEXT    NOT NULL,
    channel        TEXT    NOT NULL CHECK (channel IN ('self_service', 'assisted', 'on_behalf')),
    count          INTEGER NOT NULL,
    PRIMARY KEY (month, community_slug, service_slug, channel)
) STRICT, WITHOUT ROWID;

-- Decisions (approved, rejected) per month of decision and days from
-- submission to decision, with how many of them came by the due date.
CREATE TABLE pulse_decisions (
    month          TEXT    NOT NULL,
    community_slug TEXT    NOT NULL,
    service_slug   TEXT    NOT NULL,
    days           INTEGER NOT NULL CHECK (days >= 0),
    count          INTEGER NOT NULL,
    on_time        INTEGER NOT NULL,
    PRIMARY KEY (month, community_slug, service_slug, days)
) STRICT, WITHOUT ROWID;

-- Withdrawn applications per month of withdrawal: no processing time.
CREATE TABLE pulse_withdrawals (
    month          TEXT    NOT NULL,
    community_slug TEXT    NOT NULL,
    service_slug   TEXT    NOT NULL,
    count          INTEGER NOT NULL,
    PRIMARY KEY (month, community_slug, service_slug)
) STRICT, WITHOUT ROWID;

-- Answers to the survey after a decision, per month of the answer and score.
CREATE TABLE pulse_answers (
    month          TEXT    NOT NULL,
    community_slug TEXT    NOT NULL,
    service_slug   TEXT    NOT NULL,
    score          INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    count          INTEGER NOT NULL,
    PRIMARY KEY (month, community_slug, service_slug, score)
) STRICT, WITHOUT ROWID;

-- Cases open now (submitted, not decided) per due date ('9999-12-31' for
-- none) and whether their deadline clock stands still: overdue is a due date
-- before today on a running clock.
CREATE TABLE pulse_open (
    community_slug TEXT    NOT NULL,
    service_slug   TEXT    NOT NULL,
    due_on         TEXT    NOT NULL,
    paused         INTEGER NOT NULL CHECK (paused IN (0, 1)),
    count          INTEGER NOT NULL,
    PRIMARY KEY (community_slug, service_slug, due_on, paused)
) STRICT, WITHOUT ROWID;

-- Cases made before this migration are counted by the store right after it
-- (`migrate` rebuilds the roll-ups while this flag is set).
INSERT INTO meta (key, value) VALUES ('pulse_rebuild', 1);
