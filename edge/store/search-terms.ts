// What an operator types to find a lead, normalized as migrations/0006_operators.sql normalizes
// what the lead_search table holds, so a prefix of the one is a prefix of the other.

/** Characters a phone number is typed with besides its digits. */
const PHONE_TEXT = /^[\d\s+().-]+$/;

/** ASCII-only lower case: the same folding as SQLite's lower(), which filled the index. */
const asciiLower = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

/**
 * The prefix to look up: a phone number as its digits (`+91 98765` → `9198765`, found against
 * the E.164 digits; `98765 43210` against the national ones), anything else trimmed and lower
 * case. Undefined when nothing searchable is left.
 */
export function searchPrefix(typed: string): string | undefined {
  const text = typed.trim();
  if (!text) return undefined;
  if (PHONE_TEXT.test(text)) {
    const digits = text.replace(/\D/g, '');
    return digits || undefined;
  }
  return asciiLower(text.replace(/\s+/g, ' '));
}
