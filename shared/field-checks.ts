import { NAME_MAX_LENGTH } from './constants.ts';

// The shapes live with their checks, not in constants.ts: the npm entries load the checks on
// demand, and a bundler leaves a module out of the entry only when nothing there uses it.

/** A phone number as typed: digits with optional +, spaces, dots, dashes and brackets. */
const PHONE_SHAPE = /^\+?[0-9 ().-]{6,24}$/;

/** An email address: local part, @, a domain with a dot and a top-level label of 2+ letters. */
const EMAIL_SHAPE = /^[\w.!#$%&'*+/=?^`{|}~-]+@[\da-z](?:[\da-z-]*[\da-z])?(?:\.[\da-z](?:[\da-z-]*[\da-z])?)*\.[a-z]{2,}$/i;

/**
 * The rules of the fields the product itself understands, as plain predicates over trimmed
 * values. The widget checks each filled field with them in the browser, without shipping a
 * schema library (valibot alone is 1.5 kB gzip, a third of the widget's budget); the edge's
 * valibot schema (shared/visitor-fields.ts) is built from the very same predicates, so both sides always agree.
 */
export const VISITOR_FIELD_CHECKS = {
  name: (value: string): boolean => value.length > 0 && value.length <= NAME_MAX_LENGTH,
  email: (value: string): boolean => EMAIL_SHAPE.test(value),
  phone: (value: string): boolean => PHONE_SHAPE.test(value),
};
