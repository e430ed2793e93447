import * as v from 'valibot';
import { FIELD_NAME_PATTERN } from '../../shared/constants.ts';

/** The name of a form field, as config files refer to it. */
export const FormFieldName = v.pipe(v.string(), v.regex(FIELD_NAME_PATTERN, 'Must be a form field name'));
