// attribution.js: attribution only, for pages without forms (and forms that post elsewhere,
// whose hidden inputs named after attribution keys it fills).
//   <script src="https://leads.example.com/attribution.js" async></script>
// The tracker itself, touch.js, comes from the same folder when a page view may change the stored
// attribution or something reads it (page-lazy.ts); a click inside the site fetches nothing.
import type { Attribution } from '../../shared/lead.ts';
import { installCommands } from '../commands.ts';
import { scriptTagOptions } from '../page.ts';
import { lazyScriptTagPage } from '../page-lazy.ts';
import { scriptFolder, scriptLoader } from '../script-loader.ts';

try {
  const script = document.currentScript as HTMLScriptElement | null;
  const page = lazyScriptTagPage(scriptTagOptions(script), scriptLoader(scriptFolder(script)));
  installCommands({
    consent: (granted: boolean) => page.setConsent(granted),
    attribution: (callback: (attribution: Attribution) => void) => page.attribution(callback),
  });
} catch (error) {
  console.error('[leadrelay]', error);
}
