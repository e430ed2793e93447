-- The outbox: one row per accepted lead, written before the visitor gets an answer.
CREATE TABLE leads (
  id TEXT PRIMARY KEY,
  form_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  provider TEXT NOT NULL,
  -- pending | delivered | rejected
  status TEXT NOT NULL,
  -- JSON: fields, normalized phone, attribution. Never secrets.
  submission TEXT NOT NULL,
  provider_lead_id TEXT,
  last_error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  received_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (form_id, idempotency_key)
);

CREATE INDEX leads_by_form_status ON leads (form_id, status, received_at);
