import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { maskSecrets } from '../edge/redact.ts';
import { corsFor, pageMayUse } from './access.ts';
import { renderInspector } from './inspector.ts';
import { standInDefinitions } from './registry.ts';
import type { RecordedRequest, ScriptedResponse, StandIn, StandInSecrets } from './types.ts';

/** A running set of provider stand-ins on 127.0.0.1. */
export interface StandInServer {
  /** `http://127.0.0.1:PORT`; each provider lives under `/<provider>`. */
  url: string;
  requests(provider?: string): RecordedRequest[];
  /** Requests a scripted `delayMs` is holding right now, by provider: what a crash test cuts off. */
  held(): Record<string, number>;
  /** Queues answers that the next requests to `provider` get instead of its own verdict. */
  script(provider: string, responses: ScriptedResponse[]): void;
  reset(): void;
  close(): Promise<void>;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const send = (response: ServerResponse, status: number, body: unknown, type = 'application/json', headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** Options of the stand-in server. */
export interface StandInOptions {
  /** A fixed port; 0 (the default) picks a free one. */
  port?: number;
  /** Origins of local pages allowed to read the recorded requests (the demo Worker); never any other. */
  pageOrigins?: readonly string[];
}

/** A recorded request as a page may see it: every stand-in secret masked, in each wire encoding. */
const forPages = (item: RecordedRequest, secrets: StandInSecrets): RecordedRequest =>
  JSON.parse(maskSecrets(JSON.stringify(item), Object.fromEntries(Object.entries(secrets).flatMap(([provider, values]) => Object.entries(values).map(([name, value]) => [`${provider}.${name}`, value])))));

/**
 * Starts every stand-in, each verifying against its provider's entry in `secrets` (the same
 * fake values the Worker signs with). `port` 0 picks a free one. Listens on 127.0.0.1 only.
 */
export async function startStandIns(secrets: StandInSecrets, { port = 0, pageOrigins = [] }: StandInOptions = {}): Promise<StandInServer> {
  const standIns = new Map<string, StandIn>(
    Object.entries(standInDefinitions).map(([name, definition]) => [name, definition.create(secrets[name] ?? {})]),
  );
  // A scripted outage must leave no trace at the provider: its request is judged by a fresh instance.
  const scratch = (name: string) => standInDefinitions[name]?.create(secrets[name] ?? {});
  const recorded: RecordedRequest[] = [];
  const scripts = new Map<string, ScriptedResponse[]>();
  const held: Record<string, number> = {};
  let ownOrigin = '';

  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const body = await readBody(request);
      if (url.pathname === '/' || url.pathname.startsWith('/__standin/')) {
        if (!pageMayUse(request, ownOrigin, pageOrigins)) return send(response, 403, { error: 'the stand-ins answer the local machine and the demo pages only' });
      }
      const pages = request.headers.origin !== undefined || request.headers['sec-fetch-site'] !== undefined;
      const shown = () => (pages ? recorded.map((item) => forPages(item, secrets)) : recorded);
      if (url.pathname === '/') return send(response, 200, renderInspector(recorded.map((item) => forPages(item, secrets))), 'text/html; charset=utf-8');
      if (url.pathname === '/__standin/requests') {
        if (request.method === 'DELETE') return send(response, 200, { cleared: recorded.splice(0).length });
        const provider = url.searchParams.get('provider');
        return send(response, 200, shown().filter((item) => !provider || item.provider === provider), 'application/json', corsFor(request, pageOrigins));
      }
      if (url.pathname === '/__standin/script' && request.method === 'POST') {
        const { provider, responses } = JSON.parse(body) as { provider: string; responses: ScriptedResponse[] };
        scripts.set(provider, [...(scripts.get(provider) ?? []), ...responses]);
        return send(response, 200, { queued: scripts.get(provider)?.length ?? 0 });
      }
      const [, name = '', ...rest] = url.pathname.split('/');
      const standIn = standIns.get(name);
      if (!standIn) return send(response, 404, { error: `no stand-in at ${url.pathname}` });
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(key, value);
      const scripted = takeScripted(scripts.get(name) ?? [], body + url.search);
      if (scripted?.delayMs) {
        held[name] = (held[name] ?? 0) + 1;
        await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
        held[name] = (held[name] ?? 1) - 1;
      }
      const outage = scripted !== undefined && !scripted.drop && !scripted.delayMs;
      const judge = outage ? (scratch(name) ?? standIn) : standIn;
      const verdict = await judge.judge({ method: request.method ?? 'GET', path: `/${rest.join('/')}`, query: url.searchParams, headers, body }, new Date());
      const answer = outage ? { status: scripted.status ?? 503, body: scripted.body ?? {} } : { status: verdict.status, body: verdict.body, ...(scripted?.drop ? { dropped: true } : {}) };
      recorded.push({
        seq: recorded.length + 1,
        provider: name,
        at: new Date().toISOString(),
        method: request.method ?? 'GET',
        url: url.pathname + url.search,
        headers: Object.fromEntries(headers),
        body,
        parsed: parsedBody(headers.get('content-type') ?? '', body),
        checks: verdict.checks,
        authenticated: verdict.authenticated,
        response: answer,
      });
      if (scripted?.drop) request.socket.destroy();
      else send(response, answer.status, answer.body);
    } catch (error) {
      send(response, 500, { error: `stand-in failed: ${String(error)}` });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actualPort } = server.address() as AddressInfo;
  ownOrigin = `http://127.0.0.1:${actualPort}`;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    requests: (provider) => recorded.filter((item) => !provider || item.provider === provider),
    held: () => ({ ...held }),
    script: (provider, responses) => scripts.set(provider, [...(scripts.get(provider) ?? []), ...responses]),
    reset: () => {
      recorded.splice(0);
      scripts.clear();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Removes and returns the first queued answer meant for a request with this body (and query). */
function takeScripted(queue: ScriptedResponse[], text: string): ScriptedResponse | undefined {
  const index = queue.findIndex((item) => item.match === undefined || text.includes(item.match));
  return index < 0 ? undefined : queue.splice(index, 1)[0];
}

function parsedBody(contentType: string, body: string): unknown {
  if (contentType.includes('json')) {
    try {
      return JSON.parse(body);
    } catch {
      return body;
    }
  }
  return contentType.includes('form-urlencoded') ? Object.fromEntries(new URLSearchParams(body)) : body;
}
