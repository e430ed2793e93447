-- Exact delivery when the Worker dies mid-send, and idempotency keys that cannot swallow another lead.
-- When the attempt that holds the lead (status `sending`) started, set as it claims the lead and
-- before its request leaves; cleared when the attempt is recorded. A lead claimed again while it
-- is still set had an attempt that ended unrecorded (a crash, a lease that ran out, a failed D1
-- write after the provider answered): an unknown outcome.
ALTER TABLE leads ADD COLUMN attempt_started_at INTEGER;
-- SHA-256 of the submitted fields: the same idempotency key with other content is refused (409).
-- NULL on leads stored before this column existed; those answer a repeated key as before.
ALTER TABLE leads ADD COLUMN fingerprint TEXT;
