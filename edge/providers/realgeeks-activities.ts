import * as v from 'valibot';
import type { FieldErrors } from '../../shared/field-errors.ts';
import { parseInteger } from './mapping.ts';

// realgeeks.txt, the `property` of the sample's property_viewed activity: every property field it
// shows, in its order, grouped by the type the sample sends. The sample mixes numbers and numeric
// strings ("beds": 2 but "half_baths": "1", "sqft": "1340"), so operator input may use either.
const PROPERTY_COUNT_FIELDS = ['beds', 'full_baths', 'half_baths', 'listing_days_on_market'] as const;
const PROPERTY_AMOUNT_FIELDS = ['sqft', 'listing_price', 'estimated_value', 'last_sold_price'] as const;
const PROPERTY_COORDINATE_FIELDS = ['latitude', 'longitude'] as const;

/** Every property field of realgeeks.txt's sample, in its order; a form may fill them through `propertyMap`. */
export const PROPERTY_FIELDS = [
  'mls', 'url', 'street_address', 'city', 'state', 'zip', 'beds', 'full_baths', 'half_baths', 'type', 'sqft', 'listing_price',
  'listing_status', 'listing_days_on_market', 'estimated_value', 'last_sold_date', 'last_sold_price', 'tags', 'latitude', 'longitude',
] as const;

const Text = v.pipe(v.string(), v.trim(), v.nonEmpty('Must not be empty'));
const Count = v.union([v.pipe(v.number(), v.integer('Must be a whole number'), v.minValue(0, 'Must be a whole number')), v.pipe(v.string(), v.regex(/^\d{1,9}$/, 'Must be a whole number'))], 'Must be a whole number');
const Amount = v.union([v.pipe(v.number(), v.minValue(0, 'Must be an amount such as 25000.99')), v.pipe(v.string(), v.regex(/^\d{1,15}(\.\d{1,2})?$/, 'Must be an amount such as 25000.99'))], 'Must be an amount such as 25000.99');
const Coordinate = (limit: number) => v.pipe(v.number('Must be a number'), v.minValue(-limit, `Must be between -${limit} and ${limit}`), v.maxValue(limit, `Must be between -${limit} and ${limit}`));
const includes = (list: readonly string[], key: string) => list.includes(key);

function propertyEntry(field: (typeof PROPERTY_FIELDS)[number]): v.GenericSchema {
  if (includes(PROPERTY_COUNT_FIELDS, field)) return Count;
  if (includes(PROPERTY_AMOUNT_FIELDS, field)) return Amount;
  if (field === 'latitude') return Coordinate(90);
  if (field === 'longitude') return Coordinate(180);
  if (field === 'last_sold_date') return v.pipe(v.string(), v.isoDate('Must be a date such as 2015-12-25'));
  if (field === 'tags') return v.array(Text);
  return Text;
}

/** A Real Geeks Property object (realgeeks.txt sample), as an operator sends it in an activity. */
export const PropertySchema = v.strictObject(
  Object.fromEntries(PROPERTY_FIELDS.map((field) => [field, v.optional(propertyEntry(field))])) as Record<(typeof PROPERTY_FIELDS)[number], v.OptionalSchema<v.GenericSchema, undefined>>,
  'Only the property fields Real Geeks documents',
);

const entries = <K extends string, S extends v.GenericSchema>(keys: readonly K[], schema: S) =>
  Object.fromEntries(keys.map((key) => [key, v.optional(schema)])) as { [P in K]: v.OptionalSchema<S, undefined> };

/** Real Geeks Users page: the User object an activity may carry (e.g. the agent of a was_assigned). */
export const UserSchema = v.strictObject(
  {
    ...entries(['id', 'name', 'email', 'signature', 'phone_company', 'phone_office', 'phone_cell', 'phone_home'] as const, Text),
    role: v.optional(v.picklist(['Agent', 'Lender'], 'Must be Agent or Lender')),
    admin: v.optional(v.boolean()),
  },
  'Only the user fields Real Geeks documents',
);

/** Real Geeks Activities page: `created` is "a combined date and time according to ISO 8601". */
export const IsoDateTime = v.pipe(v.string(), v.isoTimestamp('Must be an ISO 8601 date and time such as 2015-04-01T08:41:51+00:00'));

/**
 * An activity as an operator sends it. Activities page: type, source and description are
 * required; `source` may be left out here and is then filled with the form's source.
 */
export const ActivitySchema = v.strictObject(
  {
    // The types list (visited, search_performed, contact_emailed, property_viewed, note, ...) is longer
    // than the copy we could read, so any snake_case type is let through.
    type: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{1,63}$/, 'Must be an activity type such as contact_emailed')),
    source: v.optional(Text),
    description: Text,
    property: v.optional(PropertySchema),
    user: v.optional(UserSchema),
    created: v.optional(IsoDateTime),
    notify_users: v.optional(v.boolean()),
  },
  'Only the activity fields Real Geeks documents',
);

/** An activity as operator input, before its source is filled in. */
export type ActivityInput = v.InferOutput<typeof ActivitySchema>;

/** The activity with `source` filled in (kept second, after `type`, as the document lists it). */
export function withSource(activity: ActivityInput, fallback: string) {
  const { type, source, ...rest } = activity;
  return { type, source: source ?? fallback, ...rest };
}

/** A property field's value as typed into a form, in the type realgeeks.txt's sample sends. */
type PropertyValue = string | number | string[];

/** A form field that fills a property field: its value typed for Real Geeks, or the visitor-facing error. */
function propertyValue(field: string, text: string): { value: PropertyValue } | { error: string } {
  if (includes(PROPERTY_COUNT_FIELDS, field)) {
    const count = parseInteger(text);
    return count === undefined ? { error: 'Enter a whole number' } : { value: count };
  }
  if (includes(PROPERTY_COORDINATE_FIELDS, field)) {
    return /^-?\d{1,3}(\.\d{1,12})?$/.test(text) ? { value: Number(text) } : { error: 'Enter a coordinate such as 21.2924' };
  }
  if (includes(PROPERTY_AMOUNT_FIELDS, field)) {
    const amount = text.replace(/[$,\s]/g, '');
    return /^\d{1,15}(\.\d{1,2})?$/.test(amount) ? { value: amount } : { error: 'Enter an amount such as 100500' };
  }
  if (field === 'last_sold_date') return /^\d{4}-\d{2}-\d{2}$/.test(text) ? { value: text } : { error: 'Enter a date such as 2015-12-25' };
  if (field === 'tags') return { value: text.split(',').map((tag) => tag.trim()).filter(Boolean) };
  return { value: text };
}

/** The Property object a form's `propertyMap` fills from the lead, or errors per form field. */
export function propertyFromForm(fields: Readonly<Record<string, string>>, propertyMap: Readonly<Record<string, string>>): { property?: Record<string, PropertyValue>; errors: FieldErrors } {
  const property: Record<string, PropertyValue> = {};
  const errors: FieldErrors = {};
  for (const field of PROPERTY_FIELDS) {
    const formField = propertyMap[field];
    const text = formField === undefined ? undefined : fields[formField]?.trim();
    if (!formField || !text) continue;
    const typed = propertyValue(field, text);
    if ('error' in typed) errors[formField] = typed.error;
    else property[field] = typed.value;
  }
  return Object.keys(property).length > 0 ? { property, errors } : { errors };
}
