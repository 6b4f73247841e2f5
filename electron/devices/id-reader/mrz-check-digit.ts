// ICAO 9303 check digit: weights 7-3-1 repeating, `<` = 0, digits as themselves, A–Z = 10–35,
// sum modulo 10. The parser (`mrz`) verifies them on read; this is for composing MRZs (the
// simulated reader presents cards with correct check digits).

export function mrzCharValue(c: string): number {
  if (c === '<') return 0;
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  throw new Error('not an MRZ character');
}

export function checkDigit(field: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += mrzCharValue(field[i]!) * weights[i % 3]!;
  return String(sum % 10);
}
