// `npm run build`: every browser build of vite.config.ts, then the size budgets.
import { build } from 'vite';
import { builds } from '../vite.config.ts';

for (const config of builds) await build(config);
