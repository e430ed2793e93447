// `npm start`: the local demo. Worker on :8787, provider stand-ins on :8790, local D1 in .wrangler/.
import { join } from 'node:path';
import { ROOT, startLocalStack } from './local-stack.ts';

const stack = await startLocalStack({
  workerPort: 8787,
  standInPort: 8790,
  persistTo: join(ROOT, '.wrangler', 'state'),
});

console.log(`
  Demo page:        ${stack.workerUrl}/?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=villa
  Stand-in requests: ${stack.standIns.url}/
  Press Ctrl+C to stop.
`);

const shutdown = () => void stack.stop().then(() => process.exit(0));
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
