/** Query parameters recorded as campaign attribution (Google Analytics' UTM set). */
export const UTM_KEYS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'utm_id',
] as const;

/**
 * Ad-platform click ids recorded next to the UTM parameters, in lower case: the widget matches
 * query keys ignoring case, so Snapchat's `ScCid` is recorded as `sccid`.
 */
export const CLICK_ID_KEYS = [
  'gclid',
  'gbraid',
  'wbraid',
  'gad_source',
  'gclsrc',
  'dclid',
  'fbclid',
  'msclkid',
  'ttclid',
  'li_fat_id',
  'twclid',
  'epik',
  'sccid',
  'rdt_cid',
  'yclid',
  'irclickid',
] as const;

/** Every query parameter the widget records from a landing URL. */
export const CAMPAIGN_KEYS = [...UTM_KEYS, ...CLICK_ID_KEYS] as const;

/** Longest value kept for one attribution key or one form field. */
export const MAX_VALUE_LENGTH = 2000;

/** Most form fields one lead may carry. */
export const MAX_FIELD_COUNT = 50;

/** Form field names: a letter, then letters, digits, `_` or `-` (safe as HTML names and JSON keys). */
export const FIELD_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Idempotency keys: what `crypto.randomUUID()` makes, or any 16–64 URL-safe characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** A BCP 47 language tag as pages write it in `<html lang>`: `en`, `ar-EG`, `zh-Hant-TW`. */
export const LOCALE_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

/** Longest name a visitor may give. */
export const NAME_MAX_LENGTH = 200;

/** Name of the honeypot input: the widget adds one to every form it owns, the snippet carries one, people never fill it. */
export const HONEYPOT_FIELD = 'lr_website';
