// The leads every edge benchmark posts: what the widget sends for a person who took a few seconds,
// each one unique (email, phone, idempotency key) so no provider or the edge takes it as a duplicate.
import type { LeadSubmissionInput } from '../shared/lead.ts';

/** Taken to fill the form; above the edge's spam threshold for fast submits (1.5 s by default). */
const ELAPSED_MS = 6000;

/** A token found in everything a provider receives for lead `index` of run `run` (letters and digits only, never escaped). */
export const leadMarker = (run: string, index: number): string => `lrb${run}n${index}z`;

/** Reads the lead indexes back from text that may carry markers of run `run`. */
export function markedIndexes(run: string, text: string): number[] {
  return [...text.matchAll(new RegExp(`lrb${run}n(\\d+)z`, 'g'))].map((match) => Number(match[1]));
}

/** Lead `index` of run `run` (`run`: a few lowercase letters or digits). */
export function benchLead(run: string, index: number): LeadSubmissionInput {
  const marker = leadMarker(run, index);
  // A UAE mobile number (50 and seven digits) is valid for every form, whatever its default country.
  const local = String(1_000_000 + (index % 9_000_000)).padStart(7, '0');
  const touch = { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring', utm_term: 'villa', gclid: 'Cj0KbenchQ', landing_page: 'https://example.com/?utm_source=google', captured_at: 1_795_000_000_000 };
  return {
    // `consent`: the Hotwire demo form's required box, ticked (other forms list it as not forwarded).
    fields: { name: `Layla Haddad${index}`, email: `${marker}@example.com`, phone: `+971 50 ${local.slice(0, 3)} ${local.slice(3)}`, message: 'Call me after 6 pm', consent: 'yes' },
    attribution: { first: { ...touch, utm_source: 'facebook', utm_campaign: 'launch' }, last: touch },
    idempotencyKey: `${marker}-idempotency`,
    elapsedMs: ELAPSED_MS,
    locale: 'en',
  };
}
