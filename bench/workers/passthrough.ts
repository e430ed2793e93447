// The baseline of the edge benchmarks: a Worker that reads the same JSON body from the same route
// and answers 202 with an id, and does nothing else (no checks, no storage, no delivery).
const LEAD_PATH = /^\/v1\/forms\/[^/]+\/leads$/;

export default {
  async fetch(request) {
    if (request.method !== 'POST' || !LEAD_PATH.test(new URL(request.url).pathname)) return new Response('Not found', { status: 404 });
    const body: unknown = await request.json();
    const status = typeof body === 'object' && body !== null ? 'pending' : 'rejected';
    const origin = request.headers.get('origin');
    return Response.json({ id: crypto.randomUUID(), status }, { status: 202, headers: origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {} });
  },
} satisfies ExportedHandler;
