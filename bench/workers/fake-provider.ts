// Stands in for the network inside the probe: every provider answers its documented success at
// once, so the probe times the Worker and never a provider.
import { conformanceFixtures } from '../../test/edge/providers/fixtures/index.ts';

/** The demo forms' provider URLs start with /<provider>; the answer is that provider's success. */
export async function fakeProviderFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const provider = new URL(request.url).pathname.split('/')[1] ?? '';
  const fixture = conformanceFixtures.find((candidate) => candidate.provider === provider);
  if (!fixture) return new Response(`[bench] no fake for ${request.url}`, { status: 404 });
  if (provider === 'hotwire') {
    // hotwire.txt: one entry per email of the batch.
    const leads = (await request.json()) as Array<{ email?: string }>;
    return Response.json(leads.map((lead) => ({ email: lead.email, responseCodes: 'USER_CREATED' })));
  }
  return new Response(fixture.success.body, { status: fixture.success.status, headers: { 'content-type': 'application/json' } });
}
