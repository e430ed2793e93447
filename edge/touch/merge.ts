// How the touches the Worker keeps meet the ones a browser sends: first touch is the oldest either
// side has seen, last touch the newest. So a browser that lost its storage (and now calls today's
// direct visit its first touch) gets the campaign that brought the visitor back.
import type { Touch } from '../../shared/lead.ts';
import type { KeptTouches } from './cookie.ts';

const seenAt = (touch: Touch | undefined): number | undefined => touch?.captured_at;

/** The touch seen earlier (`older`) or later; a touch without a time loses to one with a time. */
function pick(a: Touch | undefined, b: Touch | undefined, older: boolean): Touch | undefined {
  const at = seenAt(a);
  const bt = seenAt(b);
  if (at === undefined) return bt === undefined ? (a ?? b) : b;
  if (bt === undefined) return a;
  return older === at <= bt ? a : b;
}

/** A kept touch while it is within retention (seen at `oldest` or later). */
const current = (touch: Touch | undefined, oldest: number): Touch | undefined => ((touch?.captured_at ?? 0) >= oldest ? touch : undefined);

/** First touch: the older of the two; last touch: the newer; kept touches seen before `oldest` no longer count. */
export function mergeTouches(browser: KeptTouches, kept: KeptTouches | undefined, oldest: number): KeptTouches {
  if (!kept) return browser;
  const first = pick(browser.first, current(kept.first, oldest), true);
  const last = pick(browser.last, current(kept.last, oldest), false);
  return { ...(first ? { first } : {}), ...(last ? { last } : {}) };
}
