-- An installation its own people run (issue 13): places with their КАТОТТГ
-- codes, a community's profile and whether residents see it, its service
-- centres with structured opening hours, the local details of each offer,
-- the installation's own name and address, and its administrators.
-- Keep in step with migrations/sqlite/0012_installation.sql.

ALTER TABLE regions ADD COLUMN katottg TEXT CHECK (katottg ~ '^UA[0-9]{17}$');
CREATE UNIQUE INDEX regions_katottg ON regions (katottg) WHERE katottg IS NOT NULL;

ALTER TABLE communities ADD COLUMN katottg TEXT CHECK (katottg ~ '^UA[0-9]{17}$');
ALTER TABLE communities ADD COLUMN website TEXT NOT NULL DEFAULT '';
ALTER TABLE communities ADD COLUMN published BOOLEAN NOT NULL DEFAULT TRUE;
CREATE UNIQUE INDEX communities_katottg ON communities (katottg) WHERE katottg IS NOT NULL;

-- The ЦНАП and its remote workplaces. `hours` is seven days, Monday first,
-- separated by '|': empty (closed) or 'opens-closes' with an optional
-- '/from-to' break, in minutes after midnight (hromada_domain::place::WeekHours).
CREATE TABLE service_centres (
    id               BIGSERIAL PRIMARY KEY,
    community_slug   TEXT      NOT NULL REFERENCES communities (slug),
    kind             TEXT      NOT NULL CHECK (kind IN ('main', 'remote')),
    name_uk          TEXT      NOT NULL,
    name_en          TEXT,
    address_uk       TEXT      NOT NULL,
    address_en       TEXT,
    phone            TEXT      NOT NULL,
    hours            TEXT      NOT NULL,
    accessibility_uk TEXT      NOT NULL,
    accessibility_en TEXT
);

CREATE INDEX service_centres_community ON service_centres (community_slug);

-- Each community's address becomes its ЦНАП; the free-text hours cannot be
-- read as structured hours, so its administrator sets them again (until then
-- the pages say the hours are not given).
INSERT INTO service_centres (community_slug, kind, name_uk, name_en, address_uk, address_en, phone, hours, accessibility_uk, accessibility_en)
SELECT slug, 'main', 'ЦНАП', 'Administrative service centre', address_uk, address_en, phone, '||||||', '', NULL FROM communities
ORDER BY slug;

ALTER TABLE communities DROP COLUMN address_uk;
ALTER TABLE communities DROP COLUMN address_en;
ALTER TABLE communities DROP COLUMN hours_uk;
ALTER TABLE communities DROP COLUMN hours_en;

ALTER TABLE offers ADD COLUMN fee_kopiykas BIGINT CHECK (fee_kopiykas >= 0);
ALTER TABLE offers ADD COLUMN collect_at BIGINT REFERENCES service_centres (id) ON DELETE SET NULL;
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
);

-- Role grants gain the installation's administrators, who hold their role
-- in no community and no region.
ALTER TABLE role_grants DROP CONSTRAINT role_grants_role_check;
ALTER TABLE role_grants DROP CONSTRAINT role_grants_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check
    CHECK (role IN ('operator', 'officer', 'supervisor', 'community_admin', 'regional_admin', 'auditor', 'installation_admin'));
ALTER TABLE role_grants ADD CONSTRAINT role_grants_check
    CHECK (CASE WHEN role = 'installation_admin' THEN community_slug IS NULL AND region_slug IS NULL
                ELSE (community_slug IS NULL) <> (region_slug IS NULL) END);
CREATE UNIQUE INDEX role_grants_in_installation ON role_grants (account_id, role)
    WHERE community_slug IS NULL AND region_slug IS NULL;
