// A DevTools protocol client for the benchmarks' tools: wrangler dev's inspector proxy (its
// --inspector-port) or Miniflare's inspector to the Worker's isolate, e.g. V8's Profiler.

/** A DevTools protocol session over a WebSocket: send a method, await its result. */
export async function devtools(url: string) {
  // wrangler's inspector proxy wants an Origin of the local machine (undici's WebSocket takes headers).
  const socket = new WebSocket(url, { headers: { origin: 'http://127.0.0.1' } } as unknown as string[]);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let next = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: unknown };
    if (message.id === undefined) return;
    if (message.error) console.error('[profile] devtools error', message.error);
    waiting.get(message.id)?.(message.result);
    waiting.delete(message.id);
  });
  return {
    send: <T>(method: string, params: Record<string, unknown> = {}) =>
      new Promise<T>((resolve) => {
        const id = next++;
        waiting.set(id, resolve as (result: unknown) => void);
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}
