import { anarock } from './anarock.ts';

/** Every provider the edge can deliver to, by the name a form config uses. Add one file, one line. */
export const providers = {
  anarock,
};

/** A provider name usable in a form config. */
export type ProviderName = keyof typeof providers;
