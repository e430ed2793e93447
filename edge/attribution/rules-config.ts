// A deployment's own channel rules: the CHANNEL_RULES var (a table in wrangler.toml's [vars], or
// the same as a JSON string) adds search, social, video and shopping hosts and maps its own
// mediums to channels. Validated like FORMS: a mistake is logged as config.invalid with the
// setting at fault, and leads are classified by GA4's rules alone until it is fixed.
import * as v from 'valibot';
import type { Attribution } from '../../shared/lead.ts';
import { log } from '../log.ts';
import { CHANNELS } from './channel-rules.ts';
import { DEFAULT_RULES, withChannels, type ChannelAttribution, type ChannelRules } from './channels.ts';
import { mergeSites } from './sites.ts';

const SiteName = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'Must be a source name in lower case, such as kagi'));
const HostPattern = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*(\.\*)?$/, 'Must be a host in lower case such as search.example.com, or name.* for any suffix'),
);
const SiteTable = v.record(SiteName, v.pipe(v.array(HostPattern), v.minLength(1, 'List at least one host'), v.maxLength(100)));

/** The CHANNEL_RULES var. */
export const ChannelRulesSchema = v.strictObject(
  {
    search: v.optional(SiteTable, {}),
    social: v.optional(SiteTable, {}),
    video: v.optional(SiteTable, {}),
    shopping: v.optional(SiteTable, {}),
    mediums: v.optional(
      v.record(
        v.pipe(v.string(), v.trim(), v.toLowerCase(), v.nonEmpty('A medium cannot be empty')),
        v.picklist(CHANNELS, `Must be one of: ${CHANNELS.join(', ')}`),
      ),
      {},
    ),
  },
  'Unknown setting: CHANNEL_RULES takes search, social, video, shopping and mediums',
);

/** CHANNEL_RULES as rules, or each problem as `CHANNEL_RULES.<path>: <message>`. */
export function parseChannelRules(raw: unknown): { ok: true; rules: ChannelRules } | { ok: false; problems: string[] } {
  if (raw === undefined || raw === '') return { ok: true, rules: DEFAULT_RULES };
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, problems: ['CHANNEL_RULES: is a string but not valid JSON'] };
    }
  }
  const parsed = v.safeParse(ChannelRulesSchema, value);
  if (!parsed.success) {
    return { ok: false, problems: parsed.issues.map((issue) => `CHANNEL_RULES${issue.path?.map((item) => `.${String(item.key)}`).join('') ?? ''}: ${issue.message}`) };
  }
  const { mediums, ...sites } = parsed.output;
  return { ok: true, rules: { sites: mergeSites(DEFAULT_RULES.sites, sites), mediums: new Map(Object.entries(mediums)) } };
}

// CHANNEL_RULES only changes with a deploy, so each isolate parses it once per distinct value.
let parsedFor: unknown;
let parsed: ChannelRules = DEFAULT_RULES;

/** This deployment's channel rules, parsed once; each problem is logged once. */
export function channelRules(env: Readonly<Record<string, unknown>>): ChannelRules {
  const raw = env['CHANNEL_RULES'];
  if (raw !== parsedFor) {
    parsedFor = raw;
    const result = parseChannelRules(raw);
    if (!result.ok) for (const problem of result.problems) log({ event: 'config.invalid', setting: 'CHANNEL_RULES', error: problem });
    parsed = result.ok ? result.rules : DEFAULT_RULES;
  }
  return parsed;
}

/** The attribution to store with a lead: every touch classified by this deployment's rules. */
export const attributionWithChannels = (attribution: Attribution, env: Readonly<Record<string, unknown>>): ChannelAttribution =>
  withChannels(attribution, channelRules(env));
