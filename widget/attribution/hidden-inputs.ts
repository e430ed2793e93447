import type { Attribution } from '../../shared/lead.ts';
import { TOUCH_TEXT_KEYS } from '../constants.ts';

/**
 * Fills empty hidden inputs named after attribution keys, for forms that post elsewhere:
 * `utm_source` gets the last touch's value, `first_utm_source` the first touch's.
 */
export function fillHiddenInputs(attribution: Attribution, root: ParentNode = document): void {
  for (const input of root.querySelectorAll<HTMLInputElement>('input[type=hidden][name]')) {
    const first = input.name.startsWith('first_');
    const key = first ? input.name.slice(6) : input.name;
    const value = TOUCH_TEXT_KEYS.has(key) ? (first ? attribution.first : (attribution.last ?? attribution.first))?.[key as 'referrer'] : undefined;
    if (value && !input.value) input.value = value;
  }
}
