// The Preact demo app (/app.html): a single-page app that mounts LeadForm the way a developer
// would. The capture starts with the app, so the landing URL's campaign survives the in-app
// navigation to the contact view, which drops the query string as real routers do.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { createLeadCapture, LeadForm } from '../../widget/entries/preact.tsx';

const capture = createLeadCapture({ endpoint: location.origin });
const locale = new URLSearchParams(location.search).get('locale') ?? 'en';

function App() {
  const [view, setView] = useState('home');
  useEffect(() => {
    const onBack = () => setView((history.state as { view?: string } | null)?.view ?? 'home');
    addEventListener('popstate', onBack);
    return () => removeEventListener('popstate', onBack);
  }, []);
  const goToContact = () => {
    history.pushState({ view: 'contact' }, '', `${location.pathname}${locale === 'en' ? '' : `?locale=${locale}`}`);
    setView('contact');
  };
  // demo.js (shared by the demo pages) shows what the stand-in received when a form reports success.
  const section = useRef<HTMLElement>(null);
  const showStandIn = () => section.current?.dispatchEvent(new Event('leadrelay:success', { bubbles: true }));
  if (view === 'home') {
    return (
      <main>
        <h1>Runwal Greens, the app</h1>
        <p class="hint">A Preact single-page app with the LeadForm component. Land here with campaign parameters, then open the contact view.</p>
        <button type="button" onClick={goToContact}>
          Get a call back
        </button>
      </main>
    );
  }
  return (
    <main lang={locale}>
      <h1>{locale === 'ar' ? 'اطلب اتصالًا' : 'Get a call back'}</h1>
      <section data-provider="anarock" ref={section}>
        <LeadForm formId="demo-anarock" endpoint={location.origin} relay={capture} locale={locale} fields={[{ name: 'name', required: true }, { name: 'phone', required: true }, { name: 'email', required: false }]} onSuccess={showStandIn} />
      </section>
      <section class="standin" data-standin-for="anarock" hidden dir="ltr">
        <h2>What the Anarock stand-in received</h2>
        <p class="verdict" />
        <pre class="request" />
        <pre class="body" />
        <pre class="response" />
      </section>
      <h2>Your attribution</h2>
      <pre id="attribution">{JSON.stringify(capture.attribution(), null, 2)}</pre>
    </main>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
