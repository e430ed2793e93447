import { leadEndpointPath, type ApiErrorBody, type LeadAccepted } from '../shared/api.ts';
import type { LeadSubmission } from '../shared/lead.ts';

/** How a submission ended, from the visitor's point of view. */
export type SubmitOutcome =
  | { kind: 'accepted'; lead: LeadAccepted }
  | { kind: 'invalid'; fields: Record<string, string>; message: string }
  | { kind: 'failed'; message: string };

/** Posts one lead to the edge with `send` (the page's fetch) and reads its answer; never throws. */
export async function postLead(send: typeof fetch, endpoint: string, formId: string, submission: LeadSubmission): Promise<SubmitOutcome> {
  try {
    const response = await send(endpoint.replace(/\/+$/, '') + leadEndpointPath(formId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(submission),
      credentials: 'omit',
    });
    const body = (await response.json().catch(() => undefined)) as (LeadAccepted & ApiErrorBody) | undefined;
    if (response.ok && body?.id) return { kind: 'accepted', lead: body };
    if (body?.error?.fields) return { kind: 'invalid', fields: body.error.fields, message: body.error.message };
    return { kind: 'failed', message: body?.error?.message ?? `HTTP ${response.status}` };
  } catch (error) {
    return { kind: 'failed', message: String(error) };
  }
}
