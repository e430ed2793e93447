import type { RecordedRequest } from './types.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

const pretty = (value: unknown) => escapeHtml(typeof value === 'string' ? value : JSON.stringify(value, null, 2));

function renderRequest(item: RecordedRequest): string {
  const checks = item.checks.map((check) => `<li class="${check.ok ? 'ok' : 'bad'}">${check.ok ? '✔' : '✘'} ${escapeHtml(check.name)}${check.detail ? ` <code>${escapeHtml(check.detail)}</code>` : ''}</li>`).join('');
  const headers = Object.entries(item.headers).map(([name, value]) => `${escapeHtml(name)}: ${escapeHtml(value)}`).join('\n');
  return `<article>
  <h2>#${item.seq} ${escapeHtml(item.provider)} · ${escapeHtml(item.method)} ${escapeHtml(item.url)} <small>${escapeHtml(item.at)}</small></h2>
  <p class="${item.authenticated ? 'ok' : 'bad'}">Signature ${item.authenticated ? 'verified' : 'did NOT verify'} · answered ${item.response.status}</p>
  <h3>Headers</h3><pre>${headers}</pre>
  <h3>Body</h3><pre>${pretty(item.parsed)}</pre>
  <h3>Checks</h3><ul>${checks}</ul>
  <h3>Response</h3><pre>${pretty(item.response.body)}</pre>
</article>`;
}

/** The stand-ins' inspector page: every request received, newest first, with its checks and answer. */
export function renderInspector(requests: readonly RecordedRequest[]): string {
  const items = [...requests].reverse().map(renderRequest).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>Provider stand-ins: received requests</title>
<style>body{font:15px/1.4 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f4;padding:.75rem;overflow:auto}.ok{color:#166534}.bad{color:#b91c1c}article{border-top:1px solid #ccc;margin-top:1.5rem}</style>
</head><body>
<h1>Provider stand-ins: received requests</h1>
<p>Local fakes of the provider APIs. Nothing here reaches a real provider. This page refreshes every 3 s.</p>
${items || '<p>No request yet. Submit the demo form.</p>'}
</body></html>`;
}
