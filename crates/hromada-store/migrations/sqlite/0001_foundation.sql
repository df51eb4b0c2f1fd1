-- Hromada foundation schema, SQLite flavour. Keep in step with
-- migrations/postgres/0001_foundation.sql: same tables, same columns.
--
-- Representation choices (the store code relies on them):
--   * timestamps: RFC 3339 text in UTC, to the whole second ('2026-03-01T09:30:00Z').
--     The store truncates to the second before writing, so a round trip is exact
--     and identical to PostgreSQL's `timestamptz`; fixed width, so text order is
--     time order.
--   * dates: 'YYYY-MM-DD' text.
--   * English texts are NULL when not given (`Text::en == None`).

CREATE TABLE regions (
    slug    TEXT NOT NULL PRIMARY KEY,
    name_uk TEXT NOT NULL,
    name_en TEXT
) STRICT;

CREATE TABLE communities (
    slug        TEXT NOT NULL PRIMARY KEY,
    region_slug TEXT NOT NULL REFERENCES regions (slug),
    code        TEXT NOT NULL UNIQUE,
    name_uk     TEXT NOT NULL,
    name_en     TEXT,
    address_uk  TEXT NOT NULL,
    address_en  TEXT,
    phone       TEXT NOT NULL,
    email       TEXT NOT NULL,
    hours_uk    TEXT NOT NULL,
    hours_en    TEXT
) STRICT;

CREATE INDEX communities_region_slug ON communities (region_slug);

-- Every imported version of a service definition; never updated, never deleted.
CREATE TABLE services (
    slug        TEXT    NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    source      TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    imported_at TEXT    NOT NULL,
    PRIMARY KEY (slug, version)
) STRICT;

CREATE TABLE offers (
    community_slug TEXT NOT NULL REFERENCES communities (slug),
    service_slug   TEXT NOT NULL,
    PRIMARY KEY (community_slug, service_slug)
) STRICT;

CREATE TABLE meta (
    key   TEXT    NOT NULL PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;

INSERT INTO meta (key, value) VALUES ('catalogue_generation', 0);

CREATE TABLE non_working_days (
    day  TEXT NOT NULL PRIMARY KEY
         CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note TEXT NOT NULL DEFAULT ''
) STRICT;

-- A case references the exact definition version it was made under
-- ("Submitted applications keep the definition version they were made under").
CREATE TABLE cases (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    community_slug  TEXT    NOT NULL REFERENCES communities (slug),
    service_slug    TEXT    NOT NULL,
    service_version INTEGER NOT NULL,
    state           TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    FOREIGN KEY (service_slug, service_version) REFERENCES services (slug, version)
) STRICT;

CREATE INDEX cases_community_slug ON cases (community_slug);
CREATE INDEX cases_service ON cases (service_slug, service_version);
