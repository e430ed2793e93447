import { getExampleNumber } from '../phone-metadata.ts';
import type { Examples } from 'libphonenumber-js/core';
import * as v from 'valibot';
import type { FormConfig } from '../config/forms.ts';
import { providers } from '../providers/index.ts';
import { sendRequest, type Fetcher } from '../delivery/deliver.ts';
import { maskSecrets } from '../redact.ts';
import { maskRequest } from './mask-request.ts';
import { normalizePhone } from '../phone.ts';
import { parseJson } from '../providers/response.ts';
import type { DeliveryResult, ProviderLead, ProviderSecrets } from '../providers/types.ts';

// ECMAScript's largest valid Date: anything beyond is an Invalid Date that cannot be signed.
const MAX_DATE_MS = 8_640_000_000_000_000;

/** What an operator may set for a preview or a test send; the rest is a sample lead. */
const ConsoleInput = v.object({
  fields: v.optional(v.record(v.string(), v.pipe(v.string(), v.maxLength(2000))), {}),
  /**
   * Fixes the preview's clock (to compare it with a test send's `at`); within JavaScript's date
   * range. Signatures are masked, so a chosen time yields nothing that authenticates.
   */
  now: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_DATE_MS, 'now must be a time in milliseconds since 1970'))),
  leadId: v.optional(v.pipe(v.string(), v.uuid())),
  /** Required to send to a provider that has no test path: the lead is real there, marked as a test. */
  confirm: v.optional(v.boolean(), false),
});
type Input = v.InferOutput<typeof ConsoleInput>;


/** A test lead for a form: clearly marked, with a valid phone of the form's country. */
function sampleLead(form: FormConfig, input: Input, now: number, examples: Examples): ProviderLead {
  const example = getExampleNumber(form.defaultCountry ?? 'US', examples);
  const fields = {
    name: 'Test Lead (LeadRelay console)',
    email: 'leadrelay-test@example.com',
    phone: example?.number ?? '+12015550123',
    message: 'Test lead sent from the LeadRelay operator console; please ignore.',
    // A field every lead must have (Hotwire's consent box) is ticked, as a visitor would.
    ...Object.fromEntries(form.adapter.requiredFields.map((field) => [field, 'yes'])),
    ...input.fields,
  };
  return {
    id: input.leadId ?? crypto.randomUUID(),
    fields,
    phone: normalizePhone(fields.phone, form.defaultCountry),
    attribution: { last: { utm_source: 'leadrelay-console', utm_campaign: 'test-lead', captured_at: now } },
    locale: 'en',
    receivedAt: now,
  };
}

/** Either the parsed console input, or a 400-style list of what is wrong with it. */
export function readConsoleInput(raw: unknown, action: 'preview' | 'test-lead'): { ok: true; input: Input } | { ok: false; message: string } {
  // A test send signs with the current time only: a chosen time would mint signatures for later.
  if (action === 'test-lead' && typeof raw === 'object' && raw !== null && Object.hasOwn(raw, 'now')) return { ok: false, message: 'now: a test lead is signed with the current time; leave now out' };
  const parsed = v.safeParse(ConsoleInput, raw ?? {});
  return parsed.success ? { ok: true, input: parsed.output } : { ok: false, message: parsed.issues.map((issue) => issue.message).join('; ') };
}

/** Exactly what the provider would receive for a sample lead, secrets masked; nothing is sent. */
export async function previewRequest(form: FormConfig, secrets: ProviderSecrets, input: Input, examples: Examples) {
  const now = input.now ?? Date.now();
  const lead = sampleLead(form, input, now, examples);
  const adapter = form.test?.adapter ?? form.adapter;
  const fields = adapter.checkLead(lead);
  if (fields) return { ok: false as const, fields };
  return {
    ok: true as const,
    formId: form.id,
    provider: form.provider,
    sendsTo: form.test?.path ?? 'the live provider (no test path: a test send needs confirm: true)',
    signatureInputs: providers[form.provider].signatureInputs,
    at: now,
    lead: { id: lead.id, fields: lead.fields, attribution: lead.attribution },
    request: (await maskRequest(adapter, lead, secrets, new Date(now))).masked,
  };
}

/**
 * Sends a sample lead through the provider's own test path; a provider without one only with
 * `confirm`, the lead then real at the provider and marked as a test. Nothing is stored in D1.
 */
export async function sendTestLead(form: FormConfig, secrets: ProviderSecrets, input: Input, examples: Examples, send: Fetcher) {
  if (!form.test && !input.confirm) return { ok: false as const, reason: `${form.provider} has no test mode: this would create a real lead, so confirm it` };
  const now = Date.now();
  const lead = sampleLead(form, input, now, examples);
  const adapter = form.test?.adapter ?? form.adapter;
  const { real, masked } = await maskRequest(adapter, lead, secrets, new Date(now));
  const answer = await sendRequest(real, send);
  const redact = (text: string) => maskSecrets(text, secrets);
  const result: DeliveryResult | undefined = answer.ok ? adapter.classifyResponse(answer.status, answer.bodyText, [lead])[0] : { kind: 'retry', reason: answer.reason };
  return {
    ok: true as const,
    sentTo: form.test?.path ?? 'the live provider (confirmed, marked as a test)',
    at: now,
    request: masked,
    answer: answer.ok ? { status: answer.status, body: parseJson(redact(answer.bodyText)) ?? redact(answer.bodyText) } : { error: redact(answer.reason) },
    result: result && result.kind !== 'delivered' ? { ...result, reason: redact(result.reason) } : result,
  };
}
