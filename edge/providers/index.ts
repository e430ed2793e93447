import { anarock } from './anarock.ts';
import { comunik8 } from './comunik8.ts';
import { hotwire } from './hotwire.ts';
import { realgeeks } from './realgeeks.ts';
import { sakneen } from './sakneen.ts';

/** Every provider the edge can deliver to, by the name a form config uses. Add one file, one line. */
export const providers = {
  anarock,
  comunik8,
  hotwire,
  realgeeks,
  sakneen,
};

/** A provider name usable in a form config. */
export type ProviderName = keyof typeof providers;
