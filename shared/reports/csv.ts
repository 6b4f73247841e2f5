// CSV as Excel reads it: UTF-8 with a byte-order mark (so Arabic shows right), CRLF, fields quoted
// where needed, and text that a spreadsheet would run as a formula (=, +, -, @) neutralised.
export const csvField = (s: string) => (/[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? "'" : '') + s.replace(/"/g, '""')}"` : s);

/** Lines of fields (an empty array is a blank line) as one CSV text, with its byte-order mark. */
export const csvText = (lines: readonly (readonly string[])[]) => '\uFEFF' + lines.map((l) => l.map(csvField).join(',')).join('\r\n');
