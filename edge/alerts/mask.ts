// A provider's reason can echo the lead ("phone 9876543210 already exists for Asha"): before it
// goes into an alert, the lead's own values are cut out of it, then anything shaped like an
// email address or a phone number. Reasons then also group: one outage, one reason.

const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[a-z]{2,}/gi;
// Six or more digits standing alone, maybe with separators: phone numbers, not HTTP statuses,
// counts, or the digits inside an id.
const LONG_NUMBER = /(?<![\w+-])\+?\d[\d\s().-]{4,}\d(?!\w)/g;

/** The lead values to cut out: its fields, and its phone in E.164 and national form. */
export function leadValues(submission: unknown): string[] {
  const record = (submission ?? {}) as { fields?: Record<string, unknown>; phone?: { e164?: string; national?: string } };
  const fields = Object.values(record.fields ?? {}).filter((value): value is string => typeof value === 'string');
  return [...fields, record.phone?.e164 ?? '', record.phone?.national ?? ''].map((value) => value.trim()).filter((value) => value.length >= 3);
}

/** The reason without the lead's values, emails or phone-like numbers. */
export function maskReason(reason: string | null, values: readonly string[]): string | null {
  if (reason === null) return null;
  let masked = reason;
  // Longest first: a full name goes before a part of it.
  for (const value of [...values].sort((a, b) => b.length - a.length)) masked = masked.split(value).join('[lead value]');
  return masked.replace(EMAIL, '[email]').replace(LONG_NUMBER, (run) => (run.replace(/\D/g, '').length >= 6 ? '[number]' : run)).slice(0, 500);
}
