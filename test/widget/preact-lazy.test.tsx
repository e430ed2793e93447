// LeadForm's submit path (widget/submit-path.ts) is a chunk the app's bundler splits off: here it
// "arrives" only when the test opens the gate, so each step before that can be watched.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { expect, it, vi } from 'vitest';
import { createLeadCapture, LeadForm } from '../../widget/entries/preact.tsx';
import { fakeFetch } from '../support/fake-fetch.ts';

const chunk = vi.hoisted(() => {
  let open!: () => void;
  const arrived = new Promise<void>((resolve) => (open = resolve));
  return { asked: 0, arrived, open };
});
vi.mock(import('../../widget/submit-path.ts'), async (importOriginal) => {
  chunk.asked++;
  await chunk.arrived;
  return importOriginal();
});

const ACCEPTED = { status: 202, body: { id: 'lead-9', status: 'delivered' } };

it('renders at once, asks for nothing on a page with an empty outbox, and a click before the submit path arrives waits for it and makes one lead', async () => {
  localStorage.clear();
  const network = fakeFetch(ACCEPTED);
  const relay = createLeadCapture({ endpoint: 'https://leads.example.com', fetch: network.send, retryDelaysMs: [0, 0] });
  const host = document.createElement('div');
  document.body.append(host);
  act(() => render(<LeadForm formId="villa" endpoint="unused" relay={relay} />, host));
  const form = host.querySelector('form')!;
  expect(form.querySelectorAll('input:not([name=lr_website])')).toHaveLength(3); // the first render never waits for the chunk
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(chunk.asked).toBe(0);

  (form.elements.namedItem('name') as HTMLInputElement).value = 'Asha';
  (form.elements.namedItem('phone') as HTMLInputElement).value = '+91 98765 43210';
  const click = new Event('submit', { cancelable: true });
  act(() => void form.dispatchEvent(click));
  expect(click.defaultPrevented).toBe(true); // the page never navigates away while the chunk is on its way
  expect(form.querySelector('button')?.disabled).toBe(true);
  act(() => void form.dispatchEvent(new Event('submit', { cancelable: true }))); // a second click while waiting
  await vi.waitFor(() => expect(chunk.asked).toBe(1));
  expect(network.calls).toHaveLength(0);

  chunk.open();
  await vi.waitFor(async () => {
    await act(async () => undefined);
    expect(form.querySelector('[role=status]')?.textContent).toBe('Thank you! We have received your details.');
  }, { timeout: 30_000, interval: 5 });
  expect(network.calls).toHaveLength(1); // both clicks made one lead
  expect(network.calls[0]?.body).toMatchObject({ fields: { name: 'Asha', phone: '+91 98765 43210' } });
  expect(form.querySelector('button')?.disabled).toBe(false);
});
