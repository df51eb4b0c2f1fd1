-- Accounts, roles, sessions, e-mailed tokens, TOTP, recovery codes and
-- throttling, SQLite flavour. Keep in step with migrations/postgres/0003_accounts.sql:
-- same tables, same columns.
--
-- No secret is kept in the clear except the TOTP secret: sessions and
-- e-mailed tokens are known by the SHA-256 hex of their text (64 characters:
-- a raw 43-character token is refused), passwords by their Argon2id PHC
-- string, recovery codes by their hash.
--
-- Timestamps are RFC 3339 text in UTC to the whole second, like every
-- timestamp here (fixed width, so text order is time order and the store
-- compares them as text). Booleans are 0/1.

-- `email` is canonical (trimmed, lower-cased by the store), so UNIQUE makes
-- addresses that differ only in case one account. A deleted account stays as
-- a tombstone: `deleted-<id>@invalid`, empty name, no password, `deleted_at` set.
CREATE TABLE accounts (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    email              TEXT    NOT NULL UNIQUE,
    display_name       TEXT    NOT NULL,
    password_hash      TEXT,
    email_confirmed_at TEXT,
    is_staff           INTEGER NOT NULL DEFAULT 0 CHECK (is_staff IN (0, 1)),
    preferred_lang     TEXT    NOT NULL DEFAULT 'uk' CHECK (preferred_lang IN ('uk', 'en')),
    created_at         TEXT    NOT NULL,
    deleted_at         TEXT
) STRICT;

-- One role of one account in one community or one region (exactly one of the
-- two slugs is set).
CREATE TABLE role_grants (
    account_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role           TEXT    NOT NULL CHECK (role IN ('operator', 'officer', 'supervisor',
                                                    'community_admin', 'regional_admin', 'auditor')),
    community_slug TEXT    REFERENCES communities (slug),
    region_slug    TEXT    REFERENCES regions (slug),
    granted_by     INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    granted_at     TEXT    NOT NULL,
    CHECK ((community_slug IS NULL) <> (region_slug IS NULL))
) STRICT;

CREATE UNIQUE INDEX role_grants_in_community ON role_grants (account_id, role, community_slug)
    WHERE community_slug IS NOT NULL;
CREATE UNIQUE INDEX role_grants_in_region ON role_grants (account_id, role, region_slug)
    WHERE region_slug IS NOT NULL;

CREATE TABLE sessions (
    id_hash             TEXT    NOT NULL PRIMARY KEY CHECK (length(id_hash) = 64),
    account_id          INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at          TEXT    NOT NULL,
    last_seen_at        TEXT    NOT NULL,
    idle_expires_at     TEXT    NOT NULL,
    absolute_expires_at TEXT    NOT NULL,
    second_factor_done  INTEGER NOT NULL DEFAULT 0 CHECK (second_factor_done IN (0, 1))
) STRICT;

CREATE INDEX sessions_account ON sessions (account_id);

-- E-mailed single-use tokens: e-mail confirmation, password reset, staff
-- invitation (`account_id` NULL when the invited person has no account yet).
CREATE TABLE tokens (
    hash       TEXT    NOT NULL PRIMARY KEY CHECK (length(hash) = 64),
    purpose    TEXT    NOT NULL CHECK (purpose IN ('confirm_email', 'reset_password', 'staff_invite')),
    account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    email      TEXT    NOT NULL,
    payload    TEXT,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL,
    used_at    TEXT
) STRICT;

CREATE INDEX tokens_account ON tokens (account_id);
CREATE INDEX tokens_email ON tokens (email);

-- `last_used_step`: the last TOTP time step accepted; a code of that step or
-- an earlier one is a replay.
CREATE TABLE totp (
    account_id     INTEGER NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    secret         BLOB    NOT NULL,
    confirmed_at   TEXT,
    last_used_step INTEGER
) STRICT;

CREATE TABLE recovery_codes (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash  TEXT    NOT NULL,
    used_at    TEXT,
    PRIMARY KEY (account_id, code_hash)
) STRICT;

-- Fixed-window throttling: attempts under `key` since the window began; the
-- first attempt at or after `window_end` starts a new window.
CREATE TABLE throttle (
    key        TEXT    NOT NULL PRIMARY KEY,
    window_end TEXT    NOT NULL,
    hits       INTEGER NOT NULL CHECK (hits >= 1)
) STRICT;

-- The resident's account a case belongs to. Deleting the account's personal
-- data sets it to NULL: the case stays, detached.
ALTER TABLE cases ADD COLUMN applicant_account INTEGER REFERENCES accounts (id) ON DELETE SET NULL;

CREATE INDEX cases_applicant_account ON cases (applicant_account);
