// Demo only: shows what the local provider stand-ins received, the visitor's attribution, and
// what the widget stored. `npm start` runs the stand-ins on port 8790; `?standins=URL` points
// elsewhere (the browser tests use it).
window.leadrelay = window.leadrelay || function () {
  (window.leadrelay.q = window.leadrelay.q || []).push(arguments);
};
// Only an http(s) URL is taken: `?standins=javascript:…` must never become a link or a fetch.
const httpOrigin = (text) => {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
};
const standinUrl = httpOrigin(new URLSearchParams(location.search).get('standins') || '') || `${location.protocol}//${location.hostname}:8790`;
const byId = (id) => document.getElementById(id);
byId('inspector-link').href = `${standinUrl}/`;

function showAttribution() {
  window.leadrelay('attribution', (attribution) => {
    if (byId('attribution')) byId('attribution').textContent = JSON.stringify(attribution, null, 2);
  });
  if (byId('storage')) byId('storage').textContent = localStorage.getItem('leadrelay_attribution') || '(nothing)';
}

async function showLastRequest(provider) {
  const panel = document.querySelector(`[data-standin-for="${provider}"]`);
  if (!panel) return;
  panel.hidden = false;
  const put = (selector, text) => {
    panel.querySelector(selector).textContent = text;
  };
  try {
    const requests = await (await fetch(`${standinUrl}/__standin/requests?provider=${provider}`)).json();
    const last = requests[requests.length - 1];
    if (!last) return put('.verdict', 'The stand-in has received nothing yet.');
    const headers = Object.entries(last.headers).map(([name, value]) => `${name}: ${value}`).join('\n');
    put('.verdict', `Signature ${last.authenticated ? 'verified ✔' : 'did NOT verify ✘'} · stand-in answered ${last.response.status}`);
    put('.request', `${last.method} ${last.url}\n${headers}`);
    put('.body', JSON.stringify(last.parsed, null, 2));
    put('.response', JSON.stringify(last.response.body, null, 2));
  } catch (error) {
    put('.verdict', `Could not reach the stand-ins at ${standinUrl}: ${error.message}`);
  }
}

document.addEventListener('leadrelay:success', (event) => {
  showLastRequest(event.target.closest('[data-provider]')?.dataset.provider ?? 'anarock');
  showAttribution();
});
byId('grant-consent')?.addEventListener('click', () => {
  window.leadrelay('consent', true);
  showAttribution();
});
window.addEventListener('load', showAttribution);
