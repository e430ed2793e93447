import * as v from 'valibot';
import { NAME_MAX_LENGTH } from './constants.ts';
import { VISITOR_FIELD_CHECKS } from './field-checks.ts';

/** The known fields as one object schema (values already trimmed); other keys pass through untouched. */
export const VisitorFieldsSchema = v.looseObject({
  name: v.optional(v.pipe(v.string(), v.check(VISITOR_FIELD_CHECKS.name, `Enter your name (at most ${NAME_MAX_LENGTH} characters)`))),
  email: v.optional(v.pipe(v.string(), v.check(VISITOR_FIELD_CHECKS.email, 'Enter a valid email address'))),
  phone: v.optional(v.pipe(v.string(), v.check(VISITOR_FIELD_CHECKS.phone, 'Enter a valid phone number'))),
});
