// CSV cells that a spreadsheet opens as text. A cell starting with `=`, `+`, `-` or `@` (or a tab
// or carriage return before one) is a formula to Excel, LibreOffice and Google Sheets: a visitor
// who types `=HYPERLINK(...)` as their name must not get a live formula into an operator's sheet.
// Such cells get a leading apostrophe (OWASP, "CSV Injection"), which the spreadsheet shows as text.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: formula starts neutralized, then quoted (RFC 4180) when it holds a comma, quote or line break. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One line, CRLF-terminated as RFC 4180 has it. */
export const csvLine = (cells: ReadonlyArray<string | number | boolean | null | undefined>): string => `${cells.map(csvCell).join(',')}\r\n`;
