// @formspree/ajax as its script tag works (its published dist/global.js): a global that replays
// calls queued before it loaded, `formspree('initForm', {formElement, formId})`, which takes over
// a form. Written here so it is built like widget.js, from the package's ESM entry.
import { initForm } from '@formspree/ajax';

type Config = Parameters<typeof initForm>[0];
type Call = [command: string, config?: Config];
type Global = ((...call: Call) => void) & { q?: Call[] };

const page = window as unknown as { formspree?: Global };
const queued = page.formspree?.q ?? [];
const run = ([command, config]: Call) => {
  if (command === 'initForm' && config) initForm(config);
};
page.formspree = (...call: Call) => run(call);
const replay = () => queued.forEach(run);
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', replay);
else replay();
