// The five providers as the fault tests drive them: a test form, fields unique to a test, and how
// many leads the provider's stand-in created by what it answered.
import type { RecordedRequest } from '../../standins/types.ts';
import { uniquePhone } from './unique-phone.ts';

/** One test form per provider, and how to count the leads its stand-in created. */
export interface ProviderCase {
  provider: string;
  formId: string;
  fields: (mark: string) => Record<string, string>;
  /** How many leads the stand-in created for the lead marked `mark`, from what it answered to `records` (its requests). */
  created: (records: RecordedRequest[], mark: string) => number;
  /** 1 where the provider's "already there" after a lost answer may be an older lead (Sakneen). */
  flaggedAfterLostAnswer?: 1;
}

const body = (record: RecordedRequest) => record.response.body as Record<string, unknown>;
const email = (mark: string) => `${mark}@example.com`;
export const PROVIDER_CASES: ProviderCase[] = [
  {
    provider: 'anarock',
    formId: 'anarock-json',
    fields: (mark) => ({ name: `Asha ${mark}`, phone: uniquePhone('IN', '+9198', 8), email: email(mark) }),
    created: (records) => records.filter((record) => record.url.includes('/sync-lead') && record.response.status === 200).length,
  },
  {
    provider: 'realgeeks',
    formId: 'realgeeks-test',
    fields: (mark) => ({ name: `Jack ${mark}`, email: email(mark), phone: '+1 808 263 1234', interest: 'Buyer' }),
    // The same lead id sent twice is one lead at Real Geeks.
    created: (records) => new Set(records.filter((record) => record.response.status === 201).map((record) => (record.parsed as { id: string }).id)).size,
  },
  {
    provider: 'comunik8',
    formId: 'comunik8-test',
    fields: (mark) => ({ name: `John ${mark}`, email: email(mark), phone: uniquePhone('GB', '+447', 9) }),
    created: (records) => records.filter((record) => body(record)['processed'] === true).length,
  },
  {
    provider: 'sakneen',
    formId: 'sakneen-test',
    fields: (mark) => ({ name: `Layla ${mark}`, phone: uniquePhone('AE', '+97150', 7) }),
    created: (records) => records.filter((record) => record.response.status === 201).length,
    // sakneen.txt: duplication rules depend on the organization, so "already exists" proves less.
    flaggedAfterLostAnswer: 1,
  },
  {
    provider: 'hotwire',
    formId: 'hotwire-test',
    // hotwire.txt: these users agreed to receive Hotwire emails; the edge refuses a lead without the box.
    fields: (mark) => ({ name: `John ${mark}`, email: email(mark), consent: 'yes' }),
    // One answer entry per user of a batch, which may carry other leads: ours is the one with its email.
    created: (records, mark) =>
      records
        .flatMap((record) => (Array.isArray(record.response.body) ? (record.response.body as Array<{ email?: unknown; responseCodes?: unknown }>) : []))
        .filter((entry) => entry.responseCodes === 'USER_CREATED' && String(entry.email).includes(mark)).length,
  },
];

/** A submission of these fields with a fresh idempotency key. */
export const providerSubmission = (fields: Record<string, string>) => ({ fields, attribution: { last: { utm_source: 'google' } }, idempotencyKey: crypto.randomUUID() });
