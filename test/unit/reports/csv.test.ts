// One CSV rule for every file Dawr writes (the hall's reports, central's league): a spreadsheet
// never runs a field as a formula; a number stays a number.
import { describe, expect, it } from 'vitest';
import { csvField, csvText } from '../../../shared/reports/csv.ts';

describe('CSV fields', () => {
  it('neutralises every field a spreadsheet would run as a formula, the disguised ones too', () => {
    for (const s of ['=1+1', '+1+1', '-1+1', '@SUM(A1)', "-2+3+cmd|' /C calc'!A0", '-3-cmd', '\t=1', '\r=1', '-1e3', '=HYPERLINK("http://x")']) {
      const out = csvField(s);
      // Unquoted, the field starts with an apostrophe; quoted, right after the opening quote.
      expect(out.replace(/^"/, '')[0], s).toBe("'");
    }
  });
  it('keeps whole numbers and decimals, negative ones included, as numbers', () => {
    for (const s of ['0', '12', '-3', '12.5', '-0.75']) expect(csvField(s)).toBe(s);
  });
  it('quotes commas, quotes and line breaks, and leaves plain text alone (Arabic included)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('رخص البناء')).toBe('رخص البناء');
  });
  it('writes a byte-order mark and CRLF lines', () => {
    expect(csvText([['a', '-2+3'], [], ['1']])).toBe("\uFEFFa,\"'-2+3\"\r\n\r\n1");
  });
});
