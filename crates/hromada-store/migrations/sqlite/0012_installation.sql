-- An installation its own people run (issue 13): places with their КАТОТТГ
-- codes, a community's profile and whether residents see it, its service
-- centres with structured opening hours, the local details of each offer,
-- the installation's own name and address, and its administrators.
-- Keep in step with migrations/postgres/0012_installation.sql.

ALTER TABLE regions ADD COLUMN katottg TEXT CHECK (katottg GLOB 'UA[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]');
CREATE UNIQUE INDEX regions_katottg ON regions (katottg) WHERE katottg IS NOT NULL;

ALTER TABLE communities ADD COLUMN katottg TEXT CHECK (katottg GLOB 'UA[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]');
ALTER TABLE communities ADD COLUMN website TEXT NOT NULL DEFAULT '';
ALTER TABLE communities ADD COLUMN published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1));
CREATE UNIQUE INDEX communities_katottg ON communities (katottg) WHERE katottg IS NOT NULL;

-- The ЦНАП and its remote workplaces. `hours` is seven days, Monday first,
-- separated by '|': empty (closed) or 'opens-closes' with an optional
-- '/from-to' break, in minutes after midnight (hromada_domain::place::WeekHours).
CREATE TABLE service_centres (
    id               INTEGER NOT NULL PRIMARY KEY,
    community_slug   TEXT    NOT NULL REFERENCES communities (slug),
    kind             TEXT    NOT NULL CHECK (kind IN ('main', 'remote')),
    name_uk          TEXT    NOT NULL,
    name_en          TEXT,
    address_uk       TEXT    NOT NULL,
    address_en       TEXT,
    phone            TEXT    NOT NULL,
    hours            TEXT    NOT NULL,
    accessibility_uk TEXT    NOT NULL,
    accessibility_en TEXT
) STRICT;

CREATE INDEX service_centres_community ON service_centres (community_slug);

-- Each community's address becomes its ЦНАП; the free-text hours cannot be
-- read as structured hours, so its administrator sets them again (until then
-- the pages say the hours are not given).
INSERT INTO service_centres (community_slug, kind, name_uk, name_en, address_uk, address_en, phone, hours, accessibility_uk, accessibility_en)
SELECT slug, 'main', 'ЦНАП', 'Administrative service centre', address_uk, address_en, phone, '||||||', '', NULL FROM communities;

ALTER TABLE communities DROP COLUMN address_uk;
ALTER TABLE communities DROP COLUMN address_en;
ALTER TABLE communities DROP COLUMN hours_uk;
ALTER TABLE communities DROP COLUMN hours_en;

ALTER TABLE offers ADD COLUMN fee_kopiykas INTEGER CHECK (fee_kopiykas >= 0);
ALTER TABLE offers ADD COLUMN collect_at INTEGER REFERENCES service_centres (id) ON DELETE SET NULL;
ALTER TABLE offers ADD COLUMN department_uk TEXT NOT NULL DEFAULT '';
ALTER TABLE offers ADD COLUMN department_en TEXT;
ALTER TABLE offers ADD COLUMN note_uk TEXT NOT NULL DEFAULT '';
ALTER TABLE offers ADD COLUMN note_en TEXT;

-- One row: what `hromada init` was told.
CREATE TABLE installation (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    name_uk    TEXT    NOT NULL,
    name_en    TEXT,
    public_url TEXT    NOT NULL
) STRICT;

-- Role grants gain the installation's administrators, who hold their role
-- in no community and no region. SQLite cannot change a CHECK: the table is
-- made again with the same rows.
CREATE TABLE role_grants_new (
    account_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role           TEXT    NOT NULL CHECK (role IN ('operator', 'officer', 'supervisor',
                                                    'community_admin', 'regional_admin', 'auditor',
                                                    'installation_admin')),
    community_slug TEXT    REFERENCES communities (slug),
    region_slug    TEXT    REFERENCES regions (slug),
    granted_by     INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    granted_at     TEXT    NOT NULL,
    CHECK (CASE WHEN role = 'installation_admin' THEN community_slug IS NULL AND region_slug IS NULL
                ELSE (community_slug IS NULL) <> (region_slug IS NULL) END)
) STRICT;

INSERT INTO role_grants_new (account_id, role, community_slug, region_slug, granted_by, granted_at)
SELECT account_id, role, community_slug, region_slug, granted_by, granted_at FROM role_grants;

DROP TABLE role_grants;
ALTER TABLE role_grants_new RENAME TO role_grants;

CREATE UNIQUE INDEX role_grants_in_community ON role_grants (account_id, role, community_slug)
    WHERE community_slug IS NOT NULL;
CREATE UNIQUE INDEX role_grants_in_region ON role_grants (account_id, role, region_slug)
    WHERE region_slug IS NOT NULL;
CREATE UNIQUE INDEX role_grants_in_installation ON role_grants (account_id, role)
    WHERE community_slug IS NULL AND region_slug IS NULL;
