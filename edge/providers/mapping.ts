import * as v from 'valibot';
import { CAMPAIGN_KEYS } from '../../shared/constants.ts';
import { VISITOR_FIELD_CHECKS } from '../../shared/field-checks.ts';
import type { Attribution, CampaignKey, Touch } from '../../shared/lead.ts';
import { FormFieldName } from '../config/names.ts';
import type { ProviderLead } from './types.ts';

/**
 * Option entries every adapter offers: a base URL override (local stand-ins), and where each
 * provider field comes from: `fieldMap` (provider field <- form field of another name),
 * `defaults` (used when the visitor leaves the field empty), `fixed` (always sent, never from the
 * visitor) and `values`, the name `defaults` had before fixed values existed (check-config says so).
 */
export function mappingOptions(providerFields: readonly string[]) {
  const known = v.check(
    (record: Record<string, string>) => Object.keys(record).every((key) => providerFields.includes(key)),
    `Keys must be fields of this provider: ${providerFields.join(', ')}`,
  );
  const valuesOf = v.optional(v.pipe(v.record(v.string(), v.string()), known), {});
  return {
    /** Replaces the provider's documented base URL (local stand-ins, a provider's test host). */
    baseUrl: v.optional(v.pipe(v.string(), v.url('Must be an absolute URL'))),
    fieldMap: v.optional(v.pipe(v.record(v.string(), FormFieldName), known), {}),
    defaults: valuesOf,
    fixed: valuesOf,
    values: valuesOf,
  };
}

/** How one form fills provider fields (see mappingOptions). */
export interface FieldMapping {
  fieldMap: Readonly<Record<string, string>>;
  defaults: Readonly<Record<string, string>>;
  fixed: Readonly<Record<string, string>>;
  values: Readonly<Record<string, string>>;
}

/** The form field that fills `field`: its fieldMap entry, or the field of the same name. */
export const formFieldFor = (field: string, mapping: Pick<FieldMapping, 'fieldMap'>): string => mapping.fieldMap[field] ?? field;

/** The operator's value for a field when the visitor gives none: `defaults`, else the older `values`. */
export const defaultValue = (field: string, mapping: FieldMapping): string | undefined => mapping.defaults[field] ?? mapping.values[field];

/**
 * The form field a visitor fills for a provider field, or undefined when no visitor may: a
 * control field (one that steers the provider: cost, verification flags, source ids, delays)
 * is the visitor's only when the form maps a field to it by name in `fieldMap`.
 */
export function visitorFieldFor(field: string, mapping: FieldMapping, control: readonly string[]): string | undefined {
  if (mapping.fixed[field] !== undefined) return undefined;
  if (control.includes(field)) return mapping.fieldMap[field];
  return formFieldFor(field, mapping);
}

/** The trimmed value for a provider field: `fixed`, else what the visitor typed (see visitorFieldFor), else the default. */
export function fieldValue(lead: ProviderLead, field: string, mapping: FieldMapping, control: readonly string[] = []): string | undefined {
  const fixed = mapping.fixed[field];
  if (fixed !== undefined) return fixed || undefined;
  const formField = visitorFieldFor(field, mapping, control);
  return (formField === undefined ? undefined : lead.fields[formField]?.trim()) || defaultValue(field, mapping) || undefined;
}

/**
 * The form fields an adapter reads by name: its fields of the same name (not control fields),
 * the form fields `fieldMap` names, and `extra` (a message field, a property map). A form without
 * a `fields` list forwards only these and the standard visitor fields (edge/guard/fields.ts).
 */
export function namedFormFields(providerFields: readonly string[], mapping: FieldMapping, control: readonly string[], extra: readonly string[] = []): ReadonlySet<string> {
  return new Set([...providerFields.filter((field) => !control.includes(field) && mapping.fixed[field] === undefined), ...Object.values(mapping.fieldMap), ...extra]);
}

/** Fields the edge itself consumes (the phone and the country to read it in) before any provider sees the lead. */
const EDGE_FIELDS: ReadonlySet<string> = new Set(['phone', 'phone_country']);

/**
 * The visitor's fields no provider field took, with a value: what goes in a provider's free-data
 * place, or on the lead's not-forwarded list when it has none. A field named like one of the
 * provider's control fields is never free data: it stays behind, named on that list.
 */
export function leftoverFields(lead: ProviderLead, taken: ReadonlySet<string>, control: readonly string[]): { extra: Record<string, string>; withheld: string[] } {
  const extra: Record<string, string> = {};
  const withheld: string[] = [];
  for (const [field, value] of Object.entries(lead.fields)) {
    if (taken.has(field) || EDGE_FIELDS.has(field) || value === undefined || value.trim() === '') continue;
    if (control.includes(field)) withheld.push(field);
    else extra[field] = value.trim();
  }
  return { extra, withheld };
}

/**
 * Whether a form field's value reaches a provider: a field the mapping reads, else any field when
 * the provider has room for free data (`freeRoom`) and the field is not named like a control field.
 */
export const fieldCarrier =
  (reads: ReadonlySet<string>, control: readonly string[], freeRoom: boolean) =>
  (formField: string): boolean =>
    reads.has(formField) || formField === 'phone' || (freeRoom && !control.includes(formField) && !EDGE_FIELDS.has(formField));

/** A campaign key of the last touch, or of the first touch when the visitor has no last one. */
export function campaignValue(lead: ProviderLead, key: CampaignKey): string | undefined {
  return (lead.attribution.last ?? lead.attribution.first)?.[key] || undefined;
}

/**
 * The source the edge derived for the touch campaignValue reads (`google` for a Google search
 * visit without UTMs, see edge/attribution/channels.ts); undefined for a direct visit, which has
 * no source to name.
 */
export function derivedSource(lead: ProviderLead): string | undefined {
  const touch = lead.attribution.last ?? lead.attribution.first;
  return touch?.channel === 'Direct' ? undefined : touch?.source;
}

/** Valibot schema for "which campaign key fills this provider field". */
export const CampaignKeySchema = v.picklist(CAMPAIGN_KEYS);

/**
 * Every captured attribution key as flat text: last touch as-is, first touch prefixed `first_`,
 * and the page the lead was submitted on as `page_url` and `page_title`.
 */
export function flattenAttribution({ first, last, page }: Attribution): Record<string, string> {
  const flat: Record<string, string> = {};
  const add = (touch: Touch | undefined, prefix: string) => {
    for (const [key, value] of Object.entries(touch ?? {})) {
      if (value !== undefined && value !== '') flat[prefix + key] = String(value);
    }
  };
  add(last ?? first, '');
  add(first, 'first_');
  if (page?.url) flat['page_url'] = page.url;
  if (page?.title) flat['page_title'] = page.title;
  return flat;
}

/** A whole number typed into a form, or undefined when it is not one. */
export const parseInteger = (text: string): number | undefined => (/^\d{1,15}$/.test(text) ? Number(text) : undefined);

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);

/** A yes/no typed or checked in a form, or undefined when it is neither. */
export function parseBoolean(text: string): boolean | undefined {
  const word = text.toLowerCase();
  return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
}

/**
 * First and last name: from separate form fields when the form has them, else split from one
 * full-name field at the first space ("Mary Ann Smith" -> "Mary", "Ann Smith").
 */
export function splitName(lead: ProviderLead, fields: { full: string; first: string; last: string }): { first?: string; last?: string } {
  const first = lead.fields[fields.first]?.trim();
  const last = lead.fields[fields.last]?.trim();
  if (first || last) return { ...(first ? { first } : {}), ...(last ? { last } : {}) };
  const full = lead.fields[fields.full]?.trim().replace(/\s+/g, ' ');
  if (!full) return {};
  const space = full.indexOf(' ');
  return space < 0 ? { first: full } : { first: full.slice(0, space), last: full.slice(space + 1) };
}

/** An email address as every part of the product checks it (the lead schema uses the same rule). */
export const isEmail = (text: string): boolean => VISITOR_FIELD_CHECKS.email(text);
