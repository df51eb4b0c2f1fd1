-- The audit rows about one subject (a case's views, for its resident's page
-- of who at the office opened it), newest first, without reading the trail.
CREATE INDEX audit_log_subject ON audit_log (subject, seq);
