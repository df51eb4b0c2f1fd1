-- The tamper-evident audit trail, SQLite flavour. Keep in step with
-- migrations/postgres/0002_audit.sql: same tables, same columns.
--
-- Each row holds the hash of the row before it and the SHA-256 of its own
-- canonical encoding (hromada_domain::audit). `audit_head` holds the number
-- and hash of the last row: appends take the next number from it inside
-- their write transaction, and `hromada audit verify` compares the end of the
-- chain with it, so rows removed from the end are found too.
--
-- Representation: `at` is RFC 3339 text in UTC to the whole second, like every
-- timestamp here; `details` is a JSON object of strings (the hash does not
-- depend on this text: it is computed from the parsed map).
--
-- Append-only: triggers refuse UPDATE and DELETE of audit rows, an insert that
-- does not continue the chain from the head, and any change of the head other
-- than one step forward. Verification does not rely on them: whoever drops
-- them still cannot change a row without the chain showing it.

CREATE TABLE audit_log (
    seq        INTEGER NOT NULL PRIMARY KEY CHECK (seq >= 1),
    at         TEXT    NOT NULL,
    actor      TEXT,
    actor_role TEXT,
    community  TEXT,
    action     TEXT    NOT NULL,
    subject    TEXT,
    details    TEXT    NOT NULL DEFAULT '{}',
    prev_hash  TEXT    NOT NULL CHECK (length(prev_hash) = 64),
    hash       TEXT    NOT NULL CHECK (length(hash) = 64)
) STRICT;

CREATE TABLE audit_head (
    id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL CHECK (seq >= 0),
    hash TEXT    NOT NULL CHECK (length(hash) = 64)
) STRICT;

INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted');
END;

CREATE TRIGGER audit_log_append_at_head BEFORE INSERT ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM audit_head WHERE id = 1 AND seq + 1 = NEW.seq AND hash = NEW.prev_hash)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: a new row must follow the last one');
END;

CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head
WHEN NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1
  OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash)
BEGIN
    SELECT RAISE(ABORT, 'audit_head only moves forward, to the last row of audit_log');
END;

CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'audit_head cannot be deleted');
END;
