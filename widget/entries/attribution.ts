// attribution.js: attribution only, for pages without forms (and forms that post elsewhere,
// whose hidden inputs named after attribution keys it fills).
//   <script src="https://leads.example.com/attribution.js" async></script>
import { installCommands } from '../commands.ts';
import { scriptTagOptions, trackPage } from '../page.ts';
import type { Attribution } from '../../shared/lead.ts';

try {
  const tracker = trackPage(scriptTagOptions(document.currentScript as HTMLScriptElement | null));
  installCommands({
    consent: (granted: boolean) => tracker.setConsent(granted),
    attribution: (callback: (attribution: Attribution) => void) => callback(tracker.attribution()),
  });
} catch (error) {
  console.error('[leadrelay]', error);
}
