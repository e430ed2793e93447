// The floor of bench:widget's first visit (bench/browser.ts): the least a script tag that keeps
// attribution in localStorage and takes over a form must run on a landing, written by hand and
// served as it is. It reads what is stored, makes this page's touch (its campaign keys, landing
// page and time), writes it back as the last touch (and the first, when none is stored), and marks
// the form: no browser bubbles, every submit held. Nothing else widget.js does: no honeypot, no
// key lists, retention, consent or own-site checks, no hidden inputs, no outbox, no commands, no
// single-page app support, no error handling.
(() => {
  const key = 'leadrelay_attribution';
  const stored = JSON.parse(localStorage.getItem(key) || 'null');
  const url = new URL(location.href);
  const touch = {};
  for (const [name, value] of url.searchParams) if (name.startsWith('utm_') || name === 'gclid') touch[name] = value;
  touch.landing_page = url.origin + url.pathname + url.search;
  touch.captured_at = Date.now();
  localStorage.setItem(key, JSON.stringify({ first: stored?.first ?? touch, last: touch }));
  const mark = () => {
    for (const form of document.querySelectorAll('form[data-lead-form]')) {
      form.noValidate = true;
      form.addEventListener('submit', (event) => event.preventDefault());
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mark);
  else mark();
})();
