// LeadForm when its submit path (widget/submit-path.ts) cannot be loaded: the visitor went offline
// before the chunk arrived. No lead the browser holds is lost for that.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, expect, it, vi } from 'vitest';
import { createLeadCapture, LeadForm } from '../../widget/entries/preact.tsx';
import { fakeFetch } from '../support/fake-fetch.ts';

const chunk = vi.hoisted(() => ({ asked: 0 }));
vi.mock(import('../../widget/submit-path.ts'), () => {
  chunk.asked++;
  throw new Error('the submit path could not be loaded');
});

const kept = () => JSON.parse(localStorage.getItem('leadrelay_outbox') ?? '[]') as Array<{ formId: string; submission: { fields: Record<string, string>; idempotencyKey: string } }>;
const options = { endpoint: 'https://leads.example.com', fetch: fakeFetch().send };

beforeEach(() => {
  localStorage.clear();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

it('asks for the submit path at once when the outbox holds a lead, and keeps the lead while it cannot come', async () => {
  localStorage.setItem('leadrelay_outbox', JSON.stringify([{ formId: 'villa', submission: { fields: { name: 'Ravi' }, idempotencyKey: 'kept-from-before-0001' }, savedAt: Date.now() }]));
  const asked = chunk.asked;
  createLeadCapture(options); // a page view with no form touched
  await vi.waitFor(() => expect(chunk.asked).toBeGreaterThan(asked));
  expect(kept().map((entry) => entry.submission.idempotencyKey)).toEqual(['kept-from-before-0001']);
});

it('lets the browser point at what is missing, then keeps a complete lead under one key however often it is clicked', async () => {
  const host = document.createElement('div');
  document.body.append(host);
  act(() => render(<LeadForm formId="villa" endpoint="unused" relay={createLeadCapture(options)} />, host));
  const form = host.querySelector('form')!;
  const status = () => form.querySelector('[role=status]')?.textContent;
  const submit = async () => {
    act(() => void form.dispatchEvent(new Event('submit', { cancelable: true })));
    await vi.waitFor(async () => {
      await act(async () => undefined);
      expect(form.querySelector('button')?.disabled).toBe(false);
    }, { timeout: 30_000, interval: 5 });
  };
  const invalid = vi.fn();
  form.addEventListener('invalid', invalid, true);
  await submit(); // empty: the browser's own check refuses it
  expect(invalid).toHaveBeenCalled();
  expect(kept()).toEqual([]);

  (form.elements.namedItem('name') as HTMLInputElement).value = 'Asha';
  (form.elements.namedItem('phone') as HTMLInputElement).value = '+91 98765 43210';
  await submit();
  await vi.waitFor(() => expect(status()).toBe('We could not reach our server. Your details are saved on this device and will be sent automatically.'));
  expect(kept()).toEqual([expect.objectContaining({ formId: 'villa', submission: expect.objectContaining({ fields: { name: 'Asha', phone: '+91 98765 43210' } }) })]);
  (form.elements.namedItem('phone') as HTMLInputElement).value = '+91 98765 43211'; // corrected, and sent again, still offline
  await submit();
  await vi.waitFor(() => expect(kept().map((entry) => entry.submission.fields['phone'])).toEqual(['+91 98765 43211'])); // replaced, never a second lead
});
