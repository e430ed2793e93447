// The contract every provider adapter keeps, whatever its API looks like.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { deliverLeads } from '../../../edge/delivery/deliver.ts';
import { providers } from '../../../edge/providers/index.ts';
import type { ProviderAdapter, ProviderLead, ProviderRequest } from '../../../edge/providers/types.ts';
import { conformanceFixtures } from './fixtures/index.ts';
import { CONFORMANCE_BASE_URL, type ConformanceFixture } from './fixtures/types.ts';

const NOW = new Date(1700000000 * 1000);
const UNREADABLE_2XX = ['', '<html>Service temporarily unavailable</html>', '{"unexpected":true}', '[]', 'null'];
const HOSTILE_VALUES = ['https://evil.invalid/x', '../../admin', '?redirect=evil', '#frag', 'a\r\nX-Injected: 1', '@evil.invalid'];

function adapterOf(fixture: ConformanceFixture): ProviderAdapter {
  const definition = providers[fixture.provider];
  return definition.create(v.parse(definition.optionsSchema as v.GenericSchema<unknown, never>, fixture.options));
}

const withoutField = (lead: ProviderLead, field: string): ProviderLead => {
  const { [field]: _removed, ...fields } = lead.fields;
  return { ...lead, fields, ...(field === 'phone' ? { phone: undefined } : {}) };
};

const requestText = (request: ProviderRequest) => ({ url: request.url, headers: JSON.stringify(request.headers), body: request.body ?? '' });

describe('every provider has a conformance fixture', () => {
  it('covers each provider in edge/providers/index.ts', () => {
    expect(conformanceFixtures.map((fixture) => fixture.provider).sort()).toEqual(Object.keys(providers).sort());
  });
});

describe.each(conformanceFixtures)('$provider adapter conformance', (fixture) => {
  const adapter = adapterOf(fixture);
  const definition = providers[fixture.provider];
  const build = (leads: ProviderLead[] = [fixture.lead]) => adapter.buildRequest(leads, fixture.secrets, NOW);

  it('declares every secret it uses, and the form must supply them', () => {
    expect(Object.keys(fixture.secrets).sort()).toEqual([...definition.secretNames].sort());
  });

  it('takes the sample lead and refuses one without each required field, naming it', () => {
    expect(adapter.checkLead(fixture.lead)).toBeUndefined();
    for (const field of fixture.requiredFields) {
      expect(adapter.checkLead(withoutField(fixture.lead, field)), field).toHaveProperty(field);
    }
  });

  it('sends to the configured base URL, whatever the visitor typed', async () => {
    const clean = await build();
    expect(clean.url.startsWith(CONFORMANCE_BASE_URL + '/')).toBe(true);
    for (const hostile of HOSTILE_VALUES) {
      const fields = Object.fromEntries(Object.keys(fixture.lead.fields).filter((name) => !['email', 'phone'].includes(name)).map((name) => [name, hostile]));
      const lead = { ...fixture.lead, fields: { ...fixture.lead.fields, ...fields } };
      if (adapter.checkLead(lead)) continue; // refused before any request exists
      const request = await build([lead]);
      expect(new URL(request.url).origin).toBe(new URL(clean.url).origin);
      expect(new URL(request.url).pathname).toBe(new URL(clean.url).pathname);
      for (const value of Object.values(request.headers)) expect(value).not.toMatch(/[\r\n]/);
    }
  });

  it('puts secrets only where the provider’s own auth scheme demands', async () => {
    const request = requestText(await build());
    for (const [name, value] of Object.entries(fixture.secrets)) {
      expect(request.body, `${name} in body`).not.toContain(value);
      if (!definition.secretsSentAsIs.url?.includes(name)) expect(request.url, `${name} in URL`).not.toContain(value);
      if (!definition.secretsSentAsIs.headers?.includes(name)) expect(request.headers, `${name} in headers`).not.toContain(value);
    }
  });

  it('classifies the documented success as delivered', () => {
    expect(adapter.classifyResponse(fixture.success.status, fixture.success.body, [fixture.lead]).map((result) => result.kind)).toEqual(['delivered']);
  });

  it('never calls an unreadable 2xx delivered, unless the lead carries our own id (then it is, with a note)', () => {
    for (const body of UNREADABLE_2XX) {
      for (const status of [200, 201]) {
        const [result] = adapter.classifyResponse(status, body, [fixture.lead]);
        if (adapter.duplicateGuard === 'idempotent') expect(result, `${status} ${JSON.stringify(body)}`).toMatchObject({ kind: 'delivered', note: expect.stringContaining('not the documented') });
        else expect(result?.kind, `${status} ${JSON.stringify(body)}`).not.toBe('delivered');
      }
    }
  });

  it('retries server errors and rate limits', () => {
    for (const status of [500, 502, 503, 504, 429]) {
      expect(adapter.classifyResponse(status, '', [fixture.lead])[0]?.kind, String(status)).toBe('retry');
    }
  });

  it('rejects every documented permanent error, keeping the provider’s message', () => {
    for (const answer of fixture.rejections) {
      const [result] = adapter.classifyResponse(answer.status, answer.body, [fixture.lead]);
      expect(result?.kind, answer.body).toBe('rejected');
      expect(result?.kind === 'rejected' && result.reason.length > String(answer.status).length).toBe(true);
    }
  });

  it('holds a lead whose form’s credentials are refused, on 401 and 403 too, keeping the message', () => {
    const refusals = [...fixture.credentialRefusals, { status: 401, body: '' }, { status: 403, body: '{"message":"Forbidden"}' }];
    for (const answer of refusals) {
      const [result] = adapter.classifyResponse(answer.status, answer.body, [fixture.lead]);
      expect(result, answer.body).toMatchObject({ kind: 'held', status: answer.status, reason: expect.stringContaining('credentials refused') });
    }
  });

  it('gives retry, not an exception, on a timeout or a network error', async () => {
    const hang = (request: Request) =>
      new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
    const [timedOut] = await deliverLeads(adapter, [fixture.lead], fixture.secrets, hang, NOW, 20);
    expect(timedOut).toEqual({ kind: 'retry', reason: 'no answer within 20 ms', outcomeUnknown: true });
    const [failed] = await deliverLeads(adapter, [fixture.lead], fixture.secrets, () => Promise.reject(new TypeError('connection reset')), NOW);
    expect(failed).toEqual({ kind: 'retry', reason: 'network error: connection reset', outcomeUnknown: true });
  });

  it('says how a resend after an unknown outcome avoids a second lead', () => {
    expect(['idempotent', 'detects', 'confirm', 'none']).toContain(adapter.duplicateGuard);
    expect(adapter.duplicateGuard === 'confirm').toBe(adapter.confirmation !== undefined);
  });

  it('keeps secrets out of recorded reasons even when the provider echoes them', async () => {
    const echo = `{"error":"bad credentials ${Object.values(fixture.secrets).join(' ')}","message":"bad credentials ${Object.values(fixture.secrets).join(' ')}"}`;
    const [result] = await deliverLeads(adapter, [fixture.lead], fixture.secrets, async () => new Response(echo, { status: 401 }), NOW);
    for (const value of Object.values(fixture.secrets)) expect(JSON.stringify(result)).not.toContain(value);
  });

  it('answers for each lead of a batch, in order', async () => {
    const second = { ...fixture.lead, id: '0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f' };
    const leads = adapter.maxBatchSize > 1 ? [fixture.lead, second] : [fixture.lead];
    const request = await build(leads);
    expect(request.method).toMatch(/^(POST|PATCH|GET)$/);
    expect(adapter.classifyResponse(503, '', leads)).toHaveLength(leads.length);
  });
});

describe.each(conformanceFixtures.filter((fixture) => fixture.alreadyThere.length > 0))('$provider "already there" answers', (fixture) => {
  const adapter = adapterOf(fixture);

  it('are duplicate on a first send (at the provider, not processed), and delivered after an unknown outcome', () => {
    for (const answer of fixture.alreadyThere) {
      expect(adapter.classifyResponse(answer.status, answer.body, [fixture.lead])[0], answer.body).toMatchObject({ kind: 'duplicate', status: answer.status });
      expect(adapter.classifyResponse(answer.status, answer.body, [fixture.lead], { afterUnknownOutcome: true })[0]?.kind, answer.body).toBe('delivered');
    }
  });
});
