// Each form's provider console: preview the request for a sample lead, or send a test lead. The
// answer is shown for people (where it goes, headers, body, the provider's verdict), the raw
// JSON folded below it.
import { postJson } from './api.ts';
import { element, fillTable } from './dom.ts';
import type { FormView } from './types.ts';

interface RequestShape { method?: string; url?: string; headers?: Record<string, string>; body?: string }
interface ConsoleAnswer { sendsTo?: string; sentTo?: string; request?: RequestShape; answer?: { status?: number; body?: unknown; error?: string }; result?: { kind: string; reason?: string; providerId?: string } }

/** A body as people read it: JSON indented, anything else as sent. */
function readable(body: unknown): string {
  if (typeof body !== 'string') return JSON.stringify(body, null, 2);
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function render(output: HTMLElement, answer: ConsoleAnswer): void {
  const parts: HTMLElement[] = [];
  const where = answer.sentTo ?? answer.sendsTo;
  if (answer.result) parts.push(element('p', `Result: ${answer.result.kind}${answer.result.providerId ? ` (provider id ${answer.result.providerId})` : ''}${answer.result.reason ? ` — ${answer.result.reason}` : ''}`, `status-${answer.result.kind}`));
  if (where) parts.push(element('p', `Goes to: ${where}`));
  if (answer.request) {
    parts.push(element('p', `${answer.request.method ?? 'POST'} ${answer.request.url ?? ''}`, 'request-line'));
    const headers = element('table');
    fillTable(headers, ['header', 'value'], Object.entries(answer.request.headers ?? {}));
    parts.push(headers);
    if (answer.request.body !== undefined) parts.push(element('pre', readable(answer.request.body)));
  }
  if (answer.answer) parts.push(element('p', answer.answer.error ? `No answer: ${answer.answer.error}` : `Provider answered HTTP ${answer.answer.status ?? ''}`), element('pre', readable(answer.answer.body ?? '')));
  const raw = element('details');
  raw.append(element('summary', 'Raw JSON'), element('pre', JSON.stringify(answer, null, 2)));
  output.replaceChildren(...parts, raw);
}

/** Preview and test-send buttons of one form, with the answer shown below them. */
export function consoleFor(form: FormView): HTMLElement {
  const box = element('div', '', 'console');
  const output = element('div', '', 'console-output');
  output.hidden = true;
  output.dataset['consoleFor'] = form.id;
  const run = async (action: 'preview' | 'test-lead') => {
    output.hidden = false;
    output.textContent = '…';
    const confirmLive = action === 'test-lead' && !form.testPath;
    if (confirmLive && !confirm(`${form.provider} has no test mode: this creates a real lead there, marked as a test. Send it?`)) {
      output.textContent = 'Not sent.';
      return;
    }
    try {
      render(output, await postJson<ConsoleAnswer>(`/forms/${encodeURIComponent(form.id)}/${action}`, { confirm: confirmLive }));
    } catch (error) {
      output.textContent = (error as Error).message;
    }
  };
  const button = (label: string, action: 'preview' | 'test-lead') => {
    const node = element('button', label);
    node.type = 'button';
    node.addEventListener('click', () => void run(action));
    return node;
  };
  const note = element('span', ` Test path: ${form.testPath ?? 'none (a test lead is real at the provider, marked as a test)'}`);
  box.append(button('Preview request', 'preview'), ' ', button('Send test lead', 'test-lead'), note, output);
  return box;
}
