-- Delivery with retries: when a lead is due, who holds it, what each attempt did.
-- status: pending | sending | delivered | rejected | dead | spam
ALTER TABLE leads ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
-- An attempt in progress holds the lead until lease_until; `claim` names that attempt.
ALTER TABLE leads ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN claim TEXT;
-- The provider's remark on a delivery ("Existing Contact", a duplicate user).
ALTER TABLE leads ADD COLUMN note TEXT;
-- 1 while the last attempt may have reached the provider without us hearing back.
ALTER TABLE leads ADD COLUMN outcome_unknown INTEGER NOT NULL DEFAULT 0;
-- 1 when a resend happened after an unknown outcome with nothing to tell whether it was a repeat.
ALTER TABLE leads ADD COLUMN possible_duplicate INTEGER NOT NULL DEFAULT 0;
-- When the personal data of a delivered lead was erased (retention).
ALTER TABLE leads ADD COLUMN erased_at INTEGER;

CREATE INDEX leads_due ON leads (status, next_attempt_at);

-- One row per delivery attempt. Never secrets; the reason is the provider's (redacted) message.
CREATE TABLE attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  lead_id TEXT NOT NULL REFERENCES leads (id),
  started_at INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  http_status INTEGER,
  -- delivered | rejected | retry | unknown | confirmed
  result TEXT NOT NULL,
  provider_lead_id TEXT,
  reason TEXT
);

CREATE INDEX attempts_by_lead ON attempts (lead_id, id);
