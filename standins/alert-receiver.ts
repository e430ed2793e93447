// A local alert receiver, as an operator's endpoint would be: it verifies each webhook's Standard
// Webhooks signature with the `standardwebhooks` package and records what it got. It can be told
// to fail the next requests, to test the outbox's retries. Listens on 127.0.0.1 only.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedAlert {
  id: string;
  verified: boolean;
  error?: string;
  status: number;
  payload: unknown;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** Starts the receiver: POST /alerts takes alerts, GET /__alerts lists them, POST /__alerts/fail {count, match} fails the next ones that contain `match`. */
export async function startAlertReceiver(secret: string): Promise<{ url: string; close(): Promise<void> }> {
  const webhook = new Webhook(secret);
  const received: ReceivedAlert[] = [];
  // Failures to answer: the next `count` alerts whose body contains `match`.
  let failing = { count: 0, match: '' };
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const reply = (status: number, answer: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer));
    };
    if (request.method === 'GET' && request.url === '/__alerts') return reply(200, received);
    if (request.method === 'POST' && request.url === '/__alerts/fail') {
      failing = JSON.parse(body) as typeof failing;
      return reply(200, failing);
    }
    if (request.method !== 'POST' || request.url !== '/alerts') return reply(404, { error: 'not found' });
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    let verified = false;
    let error: string | undefined;
    try {
      webhook.verify(body, headers);
      verified = true;
    } catch (problem) {
      error = (problem as Error).message;
    }
    const status = !verified ? 401 : failing.count > 0 && body.includes(failing.match) ? 500 : 200;
    if (status === 500) failing.count--;
    received.push({ id: headers['webhook-id'] ?? '', verified, ...(error ? { error } : {}), status, payload: JSON.parse(body) as unknown });
    return reply(status, { ok: status === 200 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
