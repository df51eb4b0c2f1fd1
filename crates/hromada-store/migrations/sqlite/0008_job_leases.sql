-- Who holds a running job's lease: the instance id of the worker that claimed
-- it, so that an instance restarting after a crash takes its own jobs back at
-- once instead of waiting for their leases to end.
ALTER TABLE jobs ADD COLUMN locked_by TEXT;
