-- Operators (edge/store/lead-filter.ts, edge/store/reports.ts): finding a lead by name, email or
-- phone, and counting leads by channel, each by an index rather than a scan of every submission.
-- Both tables are kept by triggers, so no code path that stores a lead can forget them.

-- Search terms of a lead, normalized as edge/store/search-terms.ts normalizes what is typed: the
-- name and its words after the first, the email (trimmed, lower case: SQLite's lower() folds ASCII
-- only, and so does the query side), the phone as E.164 digits and as national digits.
-- Personal data: a lead's terms go when its submission is erased.
CREATE TABLE lead_search (
  lead_id TEXT NOT NULL,
  term TEXT NOT NULL
);
CREATE INDEX lead_search_by_term ON lead_search (term, lead_id);
CREATE INDEX lead_search_by_lead ON lead_search (lead_id);

-- The channel, source, medium and campaign of each lead's first and last touch, as the edge
-- classified them when it accepted the lead. Not personal data: kept with the lead row (also after
-- erasure, so reports over the past year stay whole) and deleted with it.
CREATE TABLE lead_channels (
  lead_id TEXT NOT NULL,
  -- first | last
  touch TEXT NOT NULL,
  form_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  channel TEXT NOT NULL,
  source TEXT NOT NULL,
  medium TEXT NOT NULL,
  campaign TEXT NOT NULL,
  PRIMARY KEY (lead_id, touch)
);
CREATE INDEX lead_channels_by_time ON lead_channels (touch, received_at);

-- The lead list, the export and bulk replay read newest first (keyset paging on received_at, id),
-- for all forms or one: without these every page sorted the whole table.
CREATE INDEX leads_by_time ON leads (received_at, id);
CREATE INDEX leads_by_form_time ON leads (form_id, received_at, id);

-- Name words: the whole name and what follows its first space (a surname typed first still finds it).
CREATE TRIGGER lead_search_on_insert AFTER INSERT ON leads WHEN NEW.erased_at IS NULL BEGIN
  INSERT INTO lead_search (lead_id, term)
  SELECT DISTINCT NEW.id, term FROM (
    SELECT lower(trim(json_extract(NEW.submission, '$.fields.name'))) AS term
    UNION ALL SELECT lower(trim(substr(trim(json_extract(NEW.submission, '$.fields.name')), instr(trim(json_extract(NEW.submission, '$.fields.name')), ' ') + 1)))
    UNION ALL SELECT lower(trim(json_extract(NEW.submission, '$.fields.email')))
    UNION ALL SELECT substr(json_extract(NEW.submission, '$.phone.e164'), 2)
    UNION ALL SELECT json_extract(NEW.submission, '$.phone.national')
  ) WHERE term IS NOT NULL AND term != '';
END;

CREATE TRIGGER lead_channels_on_insert AFTER INSERT ON leads BEGIN
  INSERT INTO lead_channels (lead_id, touch, form_id, received_at, channel, source, medium, campaign)
  SELECT NEW.id, touch, NEW.form_id, NEW.received_at,
    json_extract(NEW.submission, path || '.channel'),
    coalesce(json_extract(NEW.submission, path || '.source'), '(not set)'),
    coalesce(json_extract(NEW.submission, path || '.medium'), '(not set)'),
    coalesce(lower(trim(json_extract(NEW.submission, path || '.utm_campaign'))), '(not set)')
  FROM (SELECT 'first' AS touch, '$.attribution.first' AS path UNION ALL SELECT 'last', '$.attribution.last')
  WHERE json_extract(NEW.submission, path || '.channel') IS NOT NULL;
END;

CREATE TRIGGER lead_search_on_erase AFTER UPDATE OF erased_at ON leads WHEN NEW.erased_at IS NOT NULL BEGIN
  DELETE FROM lead_search WHERE lead_id = NEW.id;
END;

CREATE TRIGGER lead_index_on_delete AFTER DELETE ON leads BEGIN
  DELETE FROM lead_search WHERE lead_id = OLD.id;
  DELETE FROM lead_channels WHERE lead_id = OLD.id;
END;

-- Leads stored before this migration.
INSERT INTO lead_search (lead_id, term)
SELECT DISTINCT id, term FROM (
  SELECT id, lower(trim(json_extract(submission, '$.fields.name'))) AS term FROM leads WHERE erased_at IS NULL
  UNION ALL SELECT id, lower(trim(substr(trim(json_extract(submission, '$.fields.name')), instr(trim(json_extract(submission, '$.fields.name')), ' ') + 1))) FROM leads WHERE erased_at IS NULL
  UNION ALL SELECT id, lower(trim(json_extract(submission, '$.fields.email'))) FROM leads WHERE erased_at IS NULL
  UNION ALL SELECT id, substr(json_extract(submission, '$.phone.e164'), 2) FROM leads WHERE erased_at IS NULL
  UNION ALL SELECT id, json_extract(submission, '$.phone.national') FROM leads WHERE erased_at IS NULL
) WHERE term IS NOT NULL AND term != '';

INSERT INTO lead_channels (lead_id, touch, form_id, received_at, channel, source, medium, campaign)
SELECT id, touch, form_id, received_at,
  json_extract(submission, path || '.channel'),
  coalesce(json_extract(submission, path || '.source'), '(not set)'),
  coalesce(json_extract(submission, path || '.medium'), '(not set)'),
  coalesce(lower(trim(json_extract(submission, path || '.utm_campaign'))), '(not set)')
FROM leads, (SELECT 'first' AS touch, '$.attribution.first' AS path UNION ALL SELECT 'last', '$.attribution.last')
WHERE json_extract(submission, path || '.channel') IS NOT NULL;

-- Alerts (edge/alerts/*). Events are written by triggers where a lead's state changes, so no code
-- path can skip them; the cron turns them into alerts (first per form and reason within a window,
-- then a digest count), and the alerts table is an outbox of its own: each row is retried until
-- sent, and keeps one id (the Standard Webhooks `webhook-id`) so a receiver can drop a repeat.

-- What happened, not yet read by the alert run. Lead ids and reasons, never the lead's values.
CREATE TABLE alert_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- dead | rejected | review | credentials | recovered
  kind TEXT NOT NULL,
  form_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  lead_id TEXT NOT NULL,
  reason TEXT,
  http_status INTEGER,
  at INTEGER NOT NULL
);

-- One open window per form, kind and reason: its first event was alerted, the rest are counted.
CREATE TABLE alert_windows (
  key TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  form_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  reason TEXT,
  opened_at INTEGER NOT NULL,
  suppressed INTEGER NOT NULL DEFAULT 0,
  -- JSON array of the first suppressed lead ids (bounded), for the digest.
  lead_ids TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX alert_windows_by_open ON alert_windows (opened_at);

-- Forms whose deliveries are failing (a dead lead, a credential refusal) since `since`: the next
-- delivered lead of such a form is a recovery.
CREATE TABLE alert_failing (
  form_id TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  since INTEGER NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0
);

-- The alert outbox: one row per alert and channel (webhook, email).
CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  -- what makes two alerts the same one (e.g. the window and its digest): never stored twice
  dedupe_key TEXT NOT NULL,
  channel TEXT NOT NULL,
  payload TEXT NOT NULL,
  -- pending | sending | sent | dead
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  lease_until INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  last_error TEXT,
  UNIQUE (dedupe_key, channel)
);
CREATE INDEX alerts_due ON alerts (status, next_attempt_at);

CREATE TRIGGER alert_on_lead_status AFTER UPDATE OF status ON leads
WHEN NEW.status IN ('dead', 'rejected', 'review', 'held') AND OLD.status != NEW.status BEGIN
  INSERT INTO alert_events (kind, form_id, provider, lead_id, reason, at) VALUES (NEW.status, NEW.form_id, NEW.provider, NEW.id, NEW.last_error, NEW.updated_at);
END;

CREATE TRIGGER alert_on_lead_held AFTER INSERT ON leads WHEN NEW.status IN ('review', 'held') BEGIN
  INSERT INTO alert_events (kind, form_id, provider, lead_id, reason, at) VALUES (NEW.status, NEW.form_id, NEW.provider, NEW.id, NEW.last_error, NEW.received_at);
END;

-- A provider refusing our credentials (401, 403) is an alert of its own, whatever the lead's fate.
CREATE TRIGGER alert_on_credentials AFTER INSERT ON attempts WHEN NEW.http_status IN (401, 403) BEGIN
  INSERT INTO alert_events (kind, form_id, provider, lead_id, reason, http_status, at)
  SELECT 'credentials', form_id, provider, id, NEW.reason, NEW.http_status, NEW.started_at FROM leads WHERE id = NEW.lead_id;
END;

CREATE TRIGGER alert_on_recovery AFTER UPDATE OF status ON leads
WHEN NEW.status = 'delivered' AND OLD.status != 'delivered' AND EXISTS (SELECT 1 FROM alert_failing WHERE form_id = NEW.form_id) BEGIN
  INSERT INTO alert_events (kind, form_id, provider, lead_id, at) VALUES ('recovered', NEW.form_id, NEW.provider, NEW.id, NEW.updated_at);
END;

-- New-lead notifications (edge/alerts/notifications.ts): the forms that asked for one (`notify` in
-- FORMS), kept by the cron from the config, and each delivered lead of those forms, until sent.
CREATE TABLE notify_forms (
  form_id TEXT PRIMARY KEY
);
CREATE TABLE lead_notifications (
  lead_id TEXT PRIMARY KEY,
  at INTEGER NOT NULL
);

CREATE TRIGGER notify_on_delivered AFTER UPDATE OF status ON leads
WHEN NEW.status = 'delivered' AND OLD.status != 'delivered' AND EXISTS (SELECT 1 FROM notify_forms WHERE form_id = NEW.form_id) BEGIN
  INSERT INTO lead_notifications (lead_id, at) VALUES (NEW.id, NEW.updated_at) ON CONFLICT (lead_id) DO NOTHING;
END;
