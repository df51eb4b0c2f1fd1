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
ALTER TABLE totp ALTER COLUMN secret DROP NOT NULL;
ALTER TABLE totp ADD COLUMN sealed BYTEA;
ALTER TABLE totp ADD CONSTRAINT totp_secret_or_sealed CHECK ((secret IS NULL) <> (sealed IS NULL));

ALTER TABLE recovery_codes ADD COLUMN salt BYTEA CHECK (salt IS NULL OR octet_length(salt) = 16);
