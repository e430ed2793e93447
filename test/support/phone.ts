import { normalizePhone, type NormalizedPhone } from '../../edge/phone.ts';

/** A phone as the edge parses it at accept, every format filled in, for lead fixtures. */
export function phoneOf(e164: string): NormalizedPhone {
  const phone = normalizePhone(e164, undefined);
  if (!phone) throw new Error(`test fixture ${e164} is not a valid phone number`);
  return phone;
}
