// CSV as Excel reads it: UTF-8 with a byte-order mark (so Arabic shows right), CRLF, fields quoted
// where needed, and text a spreadsheet would run as a formula neutralised — one rule for every CSV
// Dawr writes (the hall's reports, central's league): a field that starts with = + - @, a tab or a
// carriage return gets a leading apostrophe, unless the whole field is a number (`-3`, `12.5`),
// which a spreadsheet reads as that number and nothing else. `-2+3+cmd|…` is not a number.
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** One field, quoted where it must be and neutralised where a spreadsheet would run it. */
export function csvField(s: string): string {
  const neutral = FORMULA_START.test(s) && !NUMBER.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(neutral) || neutral !== s ? `"${neutral.replace(/"/g, '""')}"` : neutral;
}

/** Lines of fields (an empty array is a blank line) as one CSV text, with its byte-order mark. */
export const csvText = (lines: readonly (readonly string[])[]) => '\uFEFF' + lines.map((l) => l.map(csvField).join(',')).join('\r\n');
