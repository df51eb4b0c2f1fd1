-- Hromada foundation schema, PostgreSQL flavour. Keep in step with
-- migrations/sqlite/0001_foundation.sql: same tables, same columns.
--
-- Representation choices (the store code relies on them):
--   * timestamps: `timestamptz`, written by the store truncated to the whole
--     second in UTC, so a round trip is exact and identical to SQLite's RFC 3339 text.
--   * dates: `date`.
--   * English texts are NULL when not given (`Text::en == None`).

CREATE TABLE regions (
    slug    TEXT NOT NULL PRIMARY KEY,
    name_uk TEXT NOT NULL,
    name_en TEXT
);

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
);

CREATE INDEX communities_region_slug ON communities (region_slug);

-- Every imported version of a service definition; never updated, never deleted.
CREATE TABLE services (
    slug        TEXT        NOT NULL,
    version     BIGINT      NOT NULL CHECK (version >= 1),
    source      TEXT        NOT NULL,
    sha256      TEXT        NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (slug, version)
);

CREATE TABLE offers (
    community_slug TEXT NOT NULL REFERENCES communities (slug),
    service_slug   TEXT NOT NULL,
    PRIMARY KEY (community_slug, service_slug)
);

CREATE TABLE meta (
    key   TEXT   NOT NULL PRIMARY KEY,
    value BIGINT NOT NULL
);

INSERT INTO meta (key, value) VALUES ('catalogue_generation', 0);

CREATE TABLE non_working_days (
    day  DATE NOT NULL PRIMARY KEY,
    note TEXT NOT NULL DEFAULT ''
);

-- A case references the exact definition version it was made under
-- ("Submitted applications keep the definition version they were made under").
CREATE TABLE cases (
    id              BIGSERIAL   PRIMARY KEY,
    community_slug  TEXT        NOT NULL REFERENCES communities (slug),
    service_slug    TEXT        NOT NULL,
    service_version BIGINT      NOT NULL,
    state           TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (service_slug, service_version) REFERENCES services (slug, version)
);

CREATE INDEX cases_community_slug ON cases (community_slug);
CREATE INDEX cases_service ON cases (service_slug, service_version);
