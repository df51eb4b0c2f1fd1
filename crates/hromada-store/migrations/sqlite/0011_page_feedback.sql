-- "Was this page useful?": residents' answers about a service's resident
-- pages. Nothing here says who answered: no account, no address, no case;
-- the page is a key (`service:{community}/{service}:page:{page}`), never an
-- address with a case id in it; only the day is kept, not the moment, so that
-- an answer cannot be matched with a visit; the web takes e-mail addresses and
-- runs of digits out of a comment before it comes here.
CREATE TABLE page_feedback (
    id             INTEGER PRIMARY KEY,
    community_slug TEXT    NOT NULL,
    service_slug   TEXT    NOT NULL,
    page_key       TEXT    NOT NULL,
    useful         INTEGER NOT NULL CHECK (useful IN (0, 1)),
    comment        TEXT    CHECK (comment IS NULL OR length(comment) BETWEEN 1 AND 1000),
    day            TEXT    NOT NULL
) STRICT;

-- The staff page reads a community's comments newest first.
CREATE INDEX page_feedback_comments ON page_feedback (community_slug, id) WHERE comment IS NOT NULL;

-- The pulse's roll-up of the answers, per Kyiv month of the answer, page and
-- answer, changed in the transaction that stores the answer.
CREATE TABLE pulse_page_feedback (
    month          TEXT    NOT NULL,
    community_slug TEXT    NOT NULL,
    service_slug   TEXT    NOT NULL,
    page_key       TEXT    NOT NULL,
    useful         INTEGER NOT NULL CHECK (useful IN (0, 1)),
    count          INTEGER NOT NULL,
    PRIMARY KEY (month, community_slug, service_slug, page_key, useful)
) STRICT, WITHOUT ROWID;
