import * as v from 'valibot';
import { CAMPAIGN_KEYS } from '../../shared/constants.ts';
import { VISITOR_FIELD_CHECKS } from '../../shared/field-checks.ts';
import type { FieldErrors } from '../../shared/field-errors.ts';
import type { Attribution, CampaignKey, Touch } from '../../shared/lead.ts';
import { FormFieldName } from '../config/names.ts';
import type { ProviderLead } from './types.ts';

/** An adapter's lead check from its mapping: no problem when the lead maps, else the fields it could not map. */
export const mappingProblems = (mapped: { ok: true } | { ok: false; fields: FieldErrors }): FieldErrors | undefined => (mapped.ok ? undefined : mapped.fields);

/**
 * Option entries every adapter offers: a base URL override (local stand-ins), and where each
 * provider field comes from: `fieldMap` (provider field <- form field of another name) and
 * `values` (a fixed value when the form leaves the field empty).
 */
export function mappingOptions(providerFields: readonly string[]) {
  const known = v.check(
    (record: Record<string, string>) => Object.keys(record).every((key) => providerFields.includes(key)),
    `Keys must be fields of this provider: ${providerFields.join(', ')}`,
  );
  return {
    /** Replaces the provider's documented base URL (local stand-ins, a provider's test host). */
    baseUrl: v.optional(v.pipe(v.string(), v.url('Must be an absolute URL'))),
    fieldMap: v.optional(v.pipe(v.record(v.string(), FormFieldName), known), {}),
    values: v.optional(v.pipe(v.record(v.string(), v.string()), known), {}),
  };
}

/** How one form fills provider fields (see mappingOptions). */
export interface FieldMapping {
  fieldMap: Readonly<Record<string, string>>;
  values: Readonly<Record<string, string>>;
}

/** The form field that fills `field`: its fieldMap entry, or the field of the same name. */
export const formFieldFor = (field: string, mapping: FieldMapping): string => mapping.fieldMap[field] ?? field;

/** The trimmed value for a provider field: the mapped form field, else the form's fixed value. */
export function fieldValue(lead: ProviderLead, field: string, mapping: FieldMapping): string | undefined {
  return lead.fields[formFieldFor(field, mapping)]?.trim() || mapping.values[field] || undefined;
}

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
