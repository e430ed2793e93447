-- Retention (edge/store/retention.ts): the cron finds each kind of expired record by an index,
-- so a sweep over a year of leads reads only what it changes.
-- Leads whose personal data is still there, by age.
CREATE INDEX leads_unerased ON leads (received_at) WHERE erased_at IS NULL;
-- Erased leads, by when they were erased (their rows go after a year).
CREATE INDEX leads_erased ON leads (erased_at) WHERE erased_at IS NOT NULL;
-- Attempts by age (pruned after 90 days).
CREATE INDEX attempts_by_start ON attempts (started_at);
