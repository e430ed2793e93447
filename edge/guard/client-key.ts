/**
 * The rate-limit key of a client address: an IPv4 address as it is, an IPv6 address by its /64.
 * One IPv6 subscriber gets a whole /64 (often more) and can pick a new address for every
 * request, so counting exact IPv6 addresses limits nothing.
 */
export function clientKey(ip: string): string {
  if (!ip.includes(':')) return ip;
  const groups = expandIpv6(ip);
  if (!groups) return ip;
  // An IPv4-mapped address (::ffff:203.0.113.7) is an IPv4 client: keyed by that address, not by a /64 all of them share.
  if (groups.slice(0, 5).every((group) => group === '0') && groups[5] === 'ffff') return ipv4Of(groups.slice(6));
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The dotted IPv4 address of the last 32 bits, written dotted or as two hex groups. */
function ipv4Of(tail: string[]): string {
  if (tail.length === 1) return tail[0] ?? '';
  return tail.flatMap((group) => [Number.parseInt(group, 16) >> 8, Number.parseInt(group, 16) & 255]).join('.');
}

/** The eight 16-bit groups of an IPv6 address, lowercase without leading zeros; undefined when it is not one. */
function expandIpv6(ip: string): string[] | undefined {
  const address = ip.split('%')[0]?.toLowerCase() ?? ''; // a zone id (fe80::1%eth0) is not part of the address
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const part = (text: string | undefined) => (text ? text.split(':') : []);
  const head = part(halves[0]);
  const tail = part(halves[1]);
  // An IPv4 tail (::ffff:192.0.2.1) counts as two groups; the /64 never reaches it.
  const width = (groups: string[]) => groups.reduce((sum, group) => sum + (group.includes('.') ? 2 : 1), 0);
  const missing = 8 - width(head) - width(tail);
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group) || /^\d{1,3}(\.\d{1,3}){3}$/.test(group))) return undefined;
  return groups.map((group) => (group.includes('.') ? group : group.replace(/^0+(?=.)/, '')));
}
