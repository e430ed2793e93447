import type { Refusal } from './submit.ts';

/**
 * What the site owner does about each refusal, by the edge's `error.code` (and `rejected`, the
 * provider's refusal). The README's troubleshooting table quotes these; a test holds them together.
 */
export const SITE_OWNER_FIXES: Readonly<Record<string, string>> = {
  forbidden_origin: 'add this page’s origin to the form’s "origins" in FORMS',
  unknown_form: 'put a form id of the Worker’s FORMS in data-lead-form, and the Worker’s origin in data-endpoint',
  not_found: 'point data-endpoint at the Worker’s origin',
  method_not_allowed: 'point data-endpoint at the Worker’s origin',
  payload_too_large: 'send fewer or shorter fields',
  unsupported_media_type: 'load widget.js from the Worker the form posts to',
  invalid_input: 'if the input was right, match the form’s inputs to its "fields" and to what its provider needs',
  rate_limited: 'raise the form’s "rateLimit" if real visitors share a network (the lead is kept and sent after Retry-After)',
  form_misconfigured: 'see "config.invalid" in the Worker’s log or on the operator page (the lead is kept meanwhile)',
  rejected: 'see the provider’s reason on the operator page',
};

/**
 * One `[leadrelay]` console warning for an answer the site owner can fix, naming the form, the
 * page's origin and the fix: the page's console is where a site owner trying a snippet looks.
 */
export function warnSiteOwner(formId: string, { code, said }: Refusal): void {
  const fix = SITE_OWNER_FIXES[code];
  if (fix) console.warn(`[leadrelay] form "${formId}" on ${location.origin}: ${code} (${said}). Fix: ${fix}.`);
}
