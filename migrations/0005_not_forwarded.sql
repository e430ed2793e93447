-- Lead fidelity: the form fields a visitor filled that the provider's request does not carry
-- (a provider with no room for them, or a name a form without a `fields` list does not take),
-- as a JSON array of field names; NULL when everything was forwarded. Shown on the operator page.
ALTER TABLE leads ADD COLUMN not_forwarded TEXT;
