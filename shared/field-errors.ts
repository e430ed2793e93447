import type { BaseIssue } from 'valibot';

/** Field name -> message, the shape of `error.fields` in a 400 answer and of the widget's inline errors. */
export type FieldErrors = Record<string, string>;

/**
 * Flattens valibot issues into one message per field. Paths under `fields.` are named by the
 * form field alone, so the widget can put each message next to its input; the first issue of a
 * field wins, as the visitor can only act on one at a time.
 */
export function toFieldErrors(issues: readonly BaseIssue<unknown>[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const keys = (issue.path ?? []).map((item) => String(item.key));
    const name = keys[0] === 'fields' && keys.length > 1 ? keys.slice(1).join('.') : keys.join('.') || 'body';
    errors[name] ??= issue.message;
  }
  return errors;
}
