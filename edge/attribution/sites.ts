// Which known site a referrer host or a source name belongs to, by the host patterns of
// channel-rules.ts (SiteTable explains the two kinds of pattern).
import type { SiteCategory, SiteTable } from './channel-rules.ts';

/** What a wildcard may stand for in `name.*`: one or two labels, as in `com` or `co.in`. */
const SUFFIX = /^[a-z]{2,}(\.[a-z]{2,})?$/;

/** Whether a host (lower case) matches one pattern of a site table. */
export function hostMatches(host: string, pattern: string): boolean {
  if (pattern.endsWith('.*')) {
    const bare = host.startsWith('www.') ? host.slice(4) : host;
    const name = pattern.slice(0, -1); // `google.`
    return bare.startsWith(name) && SUFFIX.test(bare.slice(name.length));
  }
  return host === pattern || host.endsWith(`.${pattern}`);
}

// Tables only change with a deploy (channel rules are parsed once per isolate): their entries are listed once.
const entriesOf = new WeakMap<SiteTable, ReadonlyArray<readonly [string, readonly string[]]>>();

/** The site a source name or host belongs to in one table (`m.facebook.com` -> facebook), or undefined. */
export function siteIn(table: SiteTable, value: string): string | undefined {
  let entries = entriesOf.get(table);
  if (!entries) entriesOf.set(table, (entries = Object.entries(table)));
  for (const [name, hosts] of entries) {
    if (value === name || hosts.some((pattern) => hostMatches(value, pattern))) return name;
  }
  return undefined;
}

/** Site tables by category. */
export type Sites = Readonly<Record<SiteCategory, SiteTable>>;

/** The built-in tables with a deployment's additions: a new name, or more hosts for a known one. */
export function mergeSites(base: Sites, extra: Partial<Record<SiteCategory, SiteTable>>): Sites {
  const merged = { ...base };
  for (const category of Object.keys(extra) as SiteCategory[]) {
    const table: Record<string, readonly string[]> = { ...base[category] };
    for (const [name, hosts] of Object.entries(extra[category] ?? {})) table[name] = [...(table[name] ?? []), ...hosts];
    merged[category] = table;
  }
  return merged;
}
