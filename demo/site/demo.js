// Demo only: after a lead is accepted, show what the local provider stand-in received.
// `npm start` runs the stand-ins on port 8790; `?standins=URL` points elsewhere (the browser tests do).
const standinUrl = new URLSearchParams(location.search).get('standins') || `${location.protocol}//${location.hostname}:8790`;
const show = (id, text) => {
  document.getElementById(id).textContent = text;
};
document.getElementById('inspector-link').href = `${standinUrl}/`;

async function showLastRequest() {
  const requests = await (await fetch(`${standinUrl}/__standin/requests?provider=anarock`)).json();
  const last = requests[requests.length - 1];
  if (!last) return;
  const headers = Object.entries(last.headers).map(([name, value]) => `${name}: ${value}`).join('\n');
  show('standin-verdict', `Signature ${last.authenticated ? 'verified ✔' : 'did NOT verify ✘'} · stand-in answered ${last.response.status}`);
  show('standin-request', `${last.method} ${last.url}\n${headers}`);
  show('standin-body', JSON.stringify(last.parsed, null, 2));
  show('standin-response', JSON.stringify(last.response.body, null, 2));
}

document.addEventListener('leadrelay:success', () => {
  document.getElementById('standin').hidden = false;
  showLastRequest().catch((error) => show('standin-verdict', `Could not reach the stand-ins at ${standinUrl}: ${error.message}`));
});
