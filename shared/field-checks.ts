import { EMAIL_SHAPE, NAME_MAX_LENGTH, PHONE_SHAPE } from './constants.ts';

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
