// attribution.js: attribution only, for pages without forms (and forms that post elsewhere,
// whose hidden inputs named after attribution keys it fills).
//   <script src="https://leads.example.com/attribution.js" async></script>
// site.js comes from the same folder when a page view needs it (a referrer of another host, a
// Worker that may be on this site, data-cookie-domain).
import { installCommands } from '../commands.ts';
import { attributionCommand, scriptTagOptions, trackScriptTagPage } from '../page.ts';
import { scriptFolder, scriptLoader } from '../script-loader.ts';

try {
  const script = document.currentScript as HTMLScriptElement | null;
  const tracker = trackScriptTagPage(scriptTagOptions(script), scriptLoader(scriptFolder(script)));
  installCommands({
    consent: (granted: boolean) => tracker.setConsent(granted),
    attribution: attributionCommand(tracker),
  });
} catch (error) {
  console.error('[leadrelay]', error);
}
