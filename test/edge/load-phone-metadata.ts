import { env } from 'cloudflare:workers';
import { loadPhoneMetadata } from '../../edge/phone-metadata.ts';

// Tests call phone, config and provider code directly, as the Worker's entry points do once the
// metadata is loaded: load it here the same way, from dist/ through the ASSETS binding.
if (!(await loadPhoneMetadata(env.ASSETS))) throw new Error('dist/ has no phone metadata (edge/phone-metadata.ts): run npm run build first');
