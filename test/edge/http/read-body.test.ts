// Reading a lead's body: the cap holds whether the request declares its length or streams it.
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../edge/constants.ts';
import { readBodyBytes, utf8 } from '../../../edge/http/read-body.ts';

/** A body of `size` bytes sent in chunks of `chunk`, without a Content-Length (as a chunked upload). */
function streamed(size: number, chunk: number): Request {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) return controller.close();
      const next = Math.min(chunk, size - sent);
      controller.enqueue(new Uint8Array(next).fill(0x61));
      sent += next;
    },
  });
  return new Request('https://edge.example.com/v1/forms/f/leads', { method: 'POST', body });
}

describe('readBodyBytes', () => {
  it('reads a streamed body under the cap whole, chunk after chunk', async () => {
    const read = await readBodyBytes(streamed(MAX_BODY_BYTES, 1000));
    expect(read.ok && read.bytes.byteLength).toBe(MAX_BODY_BYTES);
    expect(read.ok && utf8(read.bytes)).toBe('a'.repeat(MAX_BODY_BYTES));
  });

  it('answers 413 to a body over the cap, streamed or declared', async () => {
    const over = await readBodyBytes(streamed(MAX_BODY_BYTES + 1, 1000));
    expect(over.ok ? 200 : over.response.status).toBe(413);
    const declared = new Request('https://edge.example.com/v1/forms/f/leads', { method: 'POST', headers: { 'content-length': String(MAX_BODY_BYTES + 1) }, body: 'a'.repeat(MAX_BODY_BYTES + 1) });
    const refused = await readBodyBytes(declared);
    expect(refused.ok ? 200 : refused.response.status).toBe(413);
  });

  it('reads a body with its declared length in one call', async () => {
    const text = JSON.stringify({ fields: { name: 'Layla' } });
    const read = await readBodyBytes(new Request('https://edge.example.com/', { method: 'POST', headers: { 'content-length': String(text.length) }, body: text }));
    expect(read.ok && utf8(read.bytes)).toBe(text);
  });
});

describe('utf8', () => {
  it('decodes valid UTF-8 and refuses invalid bytes, call after call', () => {
    expect(utf8(new Uint8Array([0xff, 0xfe]))).toBeUndefined();
    expect(utf8(new TextEncoder().encode('مرحبا'))).toBe('مرحبا');
    expect(utf8(new Uint8Array([0xe2, 0x82]))).toBeUndefined();
    expect(utf8(new TextEncoder().encode('ok'))).toBe('ok');
  });
});
