// Anarock's wire format: the parameter table, per-form options, hosts, and the HMAC that signs
// every request (sync-lead and last-lead-data alike).
import * as v from 'valibot';
import { hmacSha256Hex } from '../crypto/hmac.ts';
import { CampaignKeySchema, mappingOptions } from './mapping.ts';
import { parseJsonObject } from './response.ts';

// anarock.txt, parameter table: the optional fields a form may fill, by their wire type.
// source_id and sub_source_id come from the Ruby sample (integers Anarock assigns per source).
const TEXT_FIELDS = ['name', 'email', 'listing_id', 'listing_name', 'city', 'locality', 'remarks', 'credit_value', 'apartment_types'] as const;
export const INTEGER_FIELDS = ['min_budget', 'max_budget', 'contact_date', 'source_id', 'sub_source_id'] as const;
export const BOOLEAN_FIELDS = ['homeloan_required', 'is_otp_verified', 'is_call_verified', 'is_broker'] as const;
export const ATTRIBUTION_FIELDS = ['source', 'sub_source', 'placement'] as const;
export const MAPPABLE_FIELDS = [...TEXT_FIELDS, ...INTEGER_FIELDS, ...BOOLEAN_FIELDS, ...ATTRIBUTION_FIELDS] as const;
/**
 * Fields that steer Anarock rather than describe the person: the lead's cost, its verification
 * flags, Anarock's own source ids, the contact date, and the attribution fields. Only config sets
 * them, unless a form maps a field to one by name in `fieldMap`.
 */
export const CONTROL_FIELDS: readonly string[] = ['credit_value', 'is_otp_verified', 'is_call_verified', 'source_id', 'sub_source_id', 'contact_date', ...ATTRIBUTION_FIELDS];

export const AnarockOptionsSchema = v.strictObject({
  /** anarock.txt: keys are environment specific; test on staging first. */
  environment: v.picklist(['staging', 'production']),
  /** anarock.txt: "example HOST: anarock.com", given by the Anarock point of contact. */
  host: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'Must be a host name such as anarock.com')), 'anarock.com'),
  /** CHANNEL_NAME in the path, given by Anarock. */
  channel: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]+$/, 'Must be the CHANNEL_NAME Anarock gave you')),
  /** anarock.txt: campaign_id is required; without it the lead is attributed to the wrong project. */
  campaignId: v.pipe(v.string(), v.nonEmpty('Must be the campaign_id Anarock gave you')),
  /** anarock.txt shows JSON (Ruby, axios) and form-encoded (PHP) bodies. */
  encoding: v.optional(v.picklist(['json', 'form']), 'json'),
  ...mappingOptions(MAPPABLE_FIELDS),
  /**
   * Anarock attribution field <- campaign key. Default: the field table's meanings and Anarock's
   * public sample_lead_push.php (sub_source the campaign type, placement the campaign), not the
   * document's PHP snippet (see docs/providers/anarock.md).
   */
  attribution: v.optional(
    v.object({
      source: v.optional(CampaignKeySchema, 'utm_source'),
      sub_source: v.optional(CampaignKeySchema, 'utm_medium'),
      placement: v.optional(CampaignKeySchema, 'utm_campaign'),
    }),
    {},
  ),
}, 'Unknown option: see docs/providers/anarock.md');

/** Anarock options of one form, as written in the FORMS config. */
export type AnarockOptions = v.InferOutput<typeof AnarockOptionsSchema>;

/** Base URL of the Anarock lead API for these options. */
export function anarockBaseUrl(options: AnarockOptions): string {
  if (options.baseUrl) return options.baseUrl.replace(/\/+$/, '');
  return options.environment === 'production' ? `https://lead.${options.host}` : `https://lead-webhook.staging.${options.host}`;
}

/** anarock.txt: `hash` is HMAC-SHA256(key, current_time as decimal seconds), lowercase hex. */
export const signAnarock = (key: string, currentTime: number): Promise<string> => hmacSha256Hex(key, String(currentTime));

/** anarock.txt: current_time in seconds (not milliseconds), and the hash of that same value. */
export async function authParams(key: string, now: Date): Promise<{ current_time: number; hash: string }> {
  const currentTime = Math.floor(now.getTime() / 1000);
  return { current_time: currentTime, hash: await signAnarock(key, currentTime) };
}

/** The documented success body, `{"status":"OK","message":"success","response":{...}}`, or undefined. */
export function okResponse(bodyText: string): Record<string, unknown> | undefined {
  const body = parseJsonObject(bodyText);
  const response = body?.['response'];
  return body?.['status'] === 'OK' && typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : undefined;
}

