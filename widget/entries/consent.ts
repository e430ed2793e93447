// consent.js, the optional consent adapter: the visitor's choice in the page's consent tool grants
// or withdraws attribution storage, with no glue code. Next to widget.js or attribution.js, whose
// tag has data-consent-required (so nothing is stored until a choice is known):
//   <script src="https://leads.example.com/consent.js" data-consent-from="google tcf" async></script>
// data-consent-from: `google` (Google Consent Mode v2 through gtag/dataLayer), `tcf` (IAB TCF v2
// __tcfapi), or both (the default). data-consent-storage: the Consent Mode storage types that must
// be granted (default `analytics_storage ad_storage`). A file of its own, so the widget pays nothing.
import { GLOBAL_NAME } from '../constants.ts';
import { followConsentMode } from '../consent/consent-mode.ts';
import { followTcf } from '../consent/tcf.ts';

type CommandFunction = ((...args: unknown[]) => void) & { q?: unknown[] };

/** `leadrelay('consent', granted)`: queued by the standard snippet's stub when the widget is not there yet. */
function setConsent(granted: boolean): void {
  const host = window as unknown as Record<string, CommandFunction | undefined>;
  const command = (host[GLOBAL_NAME] ??= function (...args: unknown[]) {
    ((command as CommandFunction).q ??= []).push(args);
  } as CommandFunction);
  command('consent', granted);
}

try {
  const data = (document.currentScript as HTMLScriptElement | null)?.dataset ?? {};
  const sources = (data['consentFrom'] || 'google tcf').split(/[\s,]+/);
  let last: boolean | undefined;
  // Tools repeat themselves (a default, then the same update): the widget hears each change once.
  const decide = (granted: boolean) => {
    if (granted !== last) setConsent((last = granted));
  };
  if (sources.includes('google')) followConsentMode((data['consentStorage'] || 'analytics_storage ad_storage').split(/[\s,]+/), decide);
  // A CMP's stub may define __tcfapi after us: look again once the page has loaded.
  if (sources.includes('tcf') && !followTcf(decide)) addEventListener('load', () => followTcf(decide), { once: true });
} catch (error) {
  console.error('[leadrelay]', error);
}
