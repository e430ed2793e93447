// The provider console: preview shows exactly what the provider would receive, secrets masked;
// a test send goes through the provider's own test path, and the stand-in receives that very request.
import { describe, expect, it } from 'vitest';
import { TEST_SECRETS } from '../support/forms.ts';
import { SIGNATURE_MARK } from '../../edge/admin/mask-request.ts';
import { callWorker } from './helpers.ts';
import type { RecordedRequest } from '../../standins/types.ts';
import { standInUrl } from './helpers.ts';

const admin = (path: string, body: unknown) =>
  callWorker(`/v1/admin${path}`, { method: 'POST', headers: { authorization: `Bearer ${TEST_SECRETS.ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

const FORMS = [
  { formId: 'anarock-json', provider: 'anarock', path: 'Anarock staging', confirm: false },
  { formId: 'comunik8-test', provider: 'comunik8', path: 'Comunik8 test mode (nothing is saved)', confirm: false },
  { formId: 'hotwire-test', provider: 'hotwire', path: 'Hotwire QA', confirm: false },
  { formId: 'realgeeks-test', provider: 'realgeeks', path: undefined, confirm: true },
  { formId: 'sakneen-test', provider: 'sakneen', path: undefined, confirm: true },
];

const parsedBody = (text: string | undefined) => {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return Object.fromEntries(new URLSearchParams(text ?? ''));
  }
};

describe.each(FORMS)('console for $provider', ({ formId, provider, path, confirm }) => {
  it('previews the exact request with every secret masked, and a test send delivers that very request', async () => {
    const mark = `console${crypto.randomUUID().slice(0, 8)}`;
    const fixed = { leadId: crypto.randomUUID(), fields: { name: `Console ${mark}`, email: `${mark}@example.com` } };
    if (confirm) expect((await admin(`/forms/${formId}/test-lead`, fixed)).status).toBe(409);
    // A test send signs with the current time only; the preview is then asked for that same moment.
    const sentResponse = await admin(`/forms/${formId}/test-lead`, { ...fixed, confirm });
    expect(sentResponse.status).toBe(200);
    const sentText = await sentResponse.text();
    for (const secret of Object.values(TEST_SECRETS)) expect(sentText).not.toContain(secret);
    const sent = JSON.parse(sentText) as { at: number; result: { kind: string; note?: string }; request: unknown };
    expect(sent.result.kind).toBe('delivered');

    const previewResponse = await admin(`/forms/${formId}/preview`, { ...fixed, now: sent.at });
    expect(previewResponse.status).toBe(200);
    const previewText = await previewResponse.text();
    for (const secret of Object.values(TEST_SECRETS)) expect(previewText).not.toContain(secret);
    const preview = JSON.parse(previewText) as { sendsTo: string; signatureInputs: string; request: { method: string; url: string; headers: Record<string, string>; body?: string } };
    if (path) expect(preview.sendsTo).toBe(path);
    expect(preview.signatureInputs.length).toBeGreaterThan(10);
    expect(preview.request.url.startsWith(`${standInUrl()}/${provider}/`)).toBe(true);
    expect(sent.request).toEqual(preview.request);

    const received = ((await (await fetch(`${standInUrl()}/__standin/requests?provider=${provider}`)).json()) as RecordedRequest[]).filter((item) => item.body.includes(mark));
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.checks.filter((check) => !check.ok)).toEqual([]);
    // Field for field, what the stand-in received is what the preview showed, but for the masked signature.
    const shown = parsedBody(preview.request.body) as Record<string, unknown>;
    const got = parsedBody(request?.body) as Record<string, unknown>;
    for (const [name, value] of Object.entries(shown)) {
      if (value === SIGNATURE_MARK) expect(got[name], name).toMatch(/^[0-9a-f]{32,}$/);
      else expect(got[name], name).toEqual(value);
    }
    expect(Object.keys(got).sort()).toEqual(Object.keys(shown).sort());
    expect(`${standInUrl()}${request?.url.split('?')[0]}`).toBe(preview.request.url.split('?')[0]);
    for (const [name, value] of Object.entries(preview.request.headers)) {
      // Masked values (the authorization header, Sakneen's api-key) are the ones the preview must not show.
      if (!value.includes('[secret:') && !value.includes('[masked:')) expect(request?.headers[name], name).toBe(value);
      else expect(request?.headers[name], name).not.toBe(value);
    }
  });
});

it('answers 404 for an unknown form and 400 for bad console input', async () => {
  expect((await admin('/forms/nope/preview', {})).status).toBe(404);
  expect((await admin('/forms/anarock-json/preview', { leadId: 'not-a-uuid' })).status).toBe(400);
});
