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
