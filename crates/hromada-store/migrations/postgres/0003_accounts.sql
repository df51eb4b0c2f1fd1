-- Accounts, roles, sessions, e-mailed tokens, TOTP, recovery codes and
-- throttling, PostgreSQL flavour. Keep in step with migrations/sqlite/0003_accounts.sql:
-- same tables, same columns.
--
-- No secret is kept in the clear except the TOTP secret: sessions and
-- e-mailed tokens are known by the SHA-256 hex of their text (64 characters:
-- a raw 43-character token is refused), passwords by their Argon2id PHC
-- string, recovery codes by their hash.
--
-- Timestamps are `timestamptz` written to the whole second in UTC.

-- `email` is canonical (trimmed, lower-cased by the store), so UNIQUE makes
-- addresses that differ only in case one account. A deleted account stays as
-- a tombstone: `deleted-<id>@invalid`, empty name, no password, `deleted_at` set.
CREATE TABLE accounts (
    id                 BIGSERIAL   PRIMARY KEY,
    email              TEXT        NOT NULL UNIQUE,
    display_name       TEXT        NOT NULL,
    password_hash      TEXT,
    email_confirmed_at TIMESTAMPTZ,
    is_staff           BOOLEAN     NOT NULL DEFAULT FALSE,
    preferred_lang     TEXT        NOT NULL DEFAULT 'uk' CHECK (preferred_lang IN ('uk', 'en')),
    created_at         TIMESTAMPTZ NOT NULL,
    deleted_at         TIMESTAMPTZ
);

-- One role of one account in one community or one region (exactly one of the
-- two slugs is set).
CREATE TABLE role_grants (
    account_id     BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role           TEXT        NOT NULL CHECK (role IN ('operator', 'officer', 'supervisor',
                                                        'community_admin', 'regional_admin', 'auditor')),
    community_slug TEXT        REFERENCES communities (slug),
    region_slug    TEXT        REFERENCES regions (slug),
    granted_by     BIGINT      REFERENCES accounts (id) ON DELETE SET NULL,
    granted_at     TIMESTAMPTZ NOT NULL,
    CHECK ((community_slug IS NULL) <> (region_slug IS NULL))
);

CREATE UNIQUE INDEX role_grants_in_community ON role_grants (account_id, role, community_slug)
    WHERE community_slug IS NOT NULL;
CREATE UNIQUE INDEX role_grants_in_region ON role_grants (account_id, role, region_slug)
    WHERE region_slug IS NOT NULL;

CREATE TABLE sessions (
    id_hash             TEXT        NOT NULL PRIMARY KEY CHECK (length(id_hash) = 64),
    account_id          BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at          TIMESTAMPTZ NOT NULL,
    last_seen_at        TIMESTAMPTZ NOT NULL,
    idle_expires_at     TIMESTAMPTZ NOT NULL,
    absolute_expires_at TIMESTAMPTZ NOT NULL,
    second_factor_done  BOOLEAN     NOT NULL DEFAULT FALSE
);

CREATE INDEX sessions_account ON sessions (account_id);

-- E-mailed single-use tokens: e-mail confirmation, password reset, staff
-- invitation (`account_id` NULL when the invited person has no account yet).
CREATE TABLE tokens (
    hash       TEXT        NOT NULL PRIMARY KEY CHECK (length(hash) = 64),
    purpose    TEXT        NOT NULL CHECK (purpose IN ('confirm_email', 'reset_password', 'staff_invite')),
    account_id BIGINT      REFERENCES accounts (id) ON DELETE CASCADE,
    email      TEXT        NOT NULL,
    payload    TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);

CREATE INDEX tokens_account ON tokens (account_id);
CREATE INDEX tokens_email ON tokens (email);

-- `last_used_step`: the last TOTP time step accepted; a code of that step or
-- an earlier one is a replay.
CREATE TABLE totp (
    account_id     BIGINT      NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    secret         BYTEA       NOT NULL,
    confirmed_at   TIMESTAMPTZ,
    last_used_step BIGINT
);

CREATE TABLE recovery_codes (
    account_id BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash  TEXT        NOT NULL,
    used_at    TIMESTAMPTZ,
    PRIMARY KEY (account_id, code_hash)
);

-- Fixed-window throttling: attempts under `key` since the window began; the
-- first attempt at or after `window_end` starts a new window.
CREATE TABLE throttle (
    key        TEXT        NOT NULL PRIMARY KEY,
    window_end TIMESTAMPTZ NOT NULL,
    hits       BIGINT      NOT NULL CHECK (hits >= 1)
);

-- The resident's account a case belongs to. Deleting the account's personal
-- data sets it to NULL: the case stays, detached.
ALTER TABLE cases ADD COLUMN applicant_account BIGINT REFERENCES accounts (id) ON DELETE SET NULL;

CREATE INDEX cases_applicant_account ON cases (applicant_account);
