-- The tamper-evident audit trail, PostgreSQL flavour. Keep in step with
-- migrations/sqlite/0002_audit.sql: same tables, same columns.
--
-- Each row holds the hash of the row before it and the SHA-256 of its own
-- canonical encoding (hromada_domain::audit). `audit_head` holds the number
-- and hash of the last row: an append locks it (SELECT … FOR UPDATE), takes
-- the next number from it and moves it forward in the same transaction, so
-- appends from any number of server instances make one chain; and
-- `hromada audit verify` compares the end of the chain with it, so rows
-- removed from the end are found too.
--
-- Representation: `at` is `timestamptz` written to the whole second in UTC;
-- `details` is a JSON object of strings, kept as TEXT exactly as written (the
-- hash does not depend on this text: it is computed from the parsed map).
--
-- Append-only: triggers refuse UPDATE, DELETE and TRUNCATE of audit rows, an
-- insert that does not continue the chain from the head, and any change of the
-- head other than one step forward. Verification does not rely on them:
-- whoever drops them still cannot change a row without the chain showing it.

CREATE TABLE audit_log (
    seq        BIGINT      NOT NULL PRIMARY KEY CHECK (seq >= 1),
    at         TIMESTAMPTZ NOT NULL,
    actor      TEXT,
    actor_role TEXT,
    community  TEXT,
    action     TEXT        NOT NULL,
    subject    TEXT,
    details    TEXT        NOT NULL DEFAULT '{}',
    prev_hash  TEXT        NOT NULL CHECK (length(prev_hash) = 64),
    hash       TEXT        NOT NULL CHECK (length(hash) = 64)
);

CREATE TABLE audit_head (
    id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    seq  BIGINT  NOT NULL CHECK (seq >= 0),
    hash TEXT    NOT NULL CHECK (length(hash) = 64)
);

INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: rows cannot be changed or deleted', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE FUNCTION audit_log_check_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM audit_head WHERE id = 1 AND seq + 1 = NEW.seq AND hash = NEW.prev_hash) THEN
        RAISE EXCEPTION 'audit_log is append-only: a new row must follow the last one'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER audit_log_append_at_head BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_check_append();

CREATE FUNCTION audit_head_check_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1
       OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash) THEN
        RAISE EXCEPTION 'audit_head only moves forward, to the last row of audit_log'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_check_move();

CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
