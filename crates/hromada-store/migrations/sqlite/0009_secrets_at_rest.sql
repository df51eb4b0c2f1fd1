-- Secrets at rest.
--
-- TOTP: the secret is kept sealed (ChaCha20-Poly1305 under a key derived
-- from the `keys_secret` setting, which the database never sees) in `sealed`.
-- `secret` holds the clear secret of a row made before this migration, until
-- the server seals it: it does so at start when `keys_secret` is set, and
-- refuses every second factor while a secret is still in clear or
-- `keys_secret` is not set. Exactly one of the two is set.
--
-- Recovery codes: a new set is hashed with a random per-account salt
-- (SHA-256 of salt || code), kept on each of its rows. A row without a salt is
-- a code made before this migration (unsalted SHA-256 of 8 characters): it
-- still works until it is used or the set is replaced at a new enrolment.
CREATE TABLE totp_sealed (
    account_id     INTEGER NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    secret         BLOB,
    sealed         BLOB,
    confirmed_at   TEXT,
    last_used_step INTEGER,
    CHECK ((secret IS NULL) <> (sealed IS NULL))
) STRICT;

INSERT INTO totp_sealed (account_id, secret, sealed, confirmed_at, last_used_step)
    SELECT account_id, secret, NULL, confirmed_at, last_used_step FROM totp;
DROP TABLE totp;
ALTER TABLE totp_sealed RENAME TO totp;

ALTER TABLE recovery_codes ADD COLUMN salt BLOB CHECK (salt IS NULL OR length(salt) = 16);
