import type { FormGuard } from '../config/forms.ts';

/** What a form does with a browser's JSON lead that carries no timing signal (`elapsedMs`). */
export const MISSING_TIMING = ['review', 'accept'] as const;

/**
 * Why this JSON lead is held for an operator's review, or undefined. Every browser way in of
 * ours (script tag, component, plain API) sends `elapsedMs`, so a browser request without it
 * comes from a client that is not ours: a script that would otherwise skip the timing check.
 * It is held (status `review`), never dropped: it may still be a person on a hand-made form.
 * Requests without an Origin passed the server token already and are exempt, as is the
 * form-encoded (no JavaScript) path, which never calls this.
 */
export function timingReview(signals: { elapsedMs?: number | undefined }, guard: FormGuard, origin: string | null): string | undefined {
  if (signals.elapsedMs !== undefined || origin === null || guard.missingTiming === 'accept') return undefined;
  return 'no timing signal (elapsedMs): not sent by the LeadRelay widget; held until an operator releases it';
}
