import { describe, expect, it } from 'vitest';
import { arabicNumberWords, callText } from '../../../shared/voice/arabic-number-words.ts';

const known: Record<number, string> = {
  1: 'واحد', 2: 'اثنان', 3: 'ثلاثة', 8: 'ثمانية', 10: 'عشرة', 11: 'أحد عشر', 12: 'اثنا عشر', 13: 'ثلاثة عشر', 19: 'تسعة عشر',
  20: 'عشرون', 21: 'واحد وعشرون', 22: 'اثنان وعشرون', 30: 'ثلاثون', 42: 'اثنان وأربعون', 58: 'ثمانية وخمسون', 60: 'ستون',
  77: 'سبعة وسبعون', 99: 'تسعة وتسعون', 100: 'مئة', 101: 'مئة وواحد', 102: 'مئة واثنان', 110: 'مئة وعشرة', 111: 'مئة وأحد عشر',
  112: 'مئة واثنا عشر', 120: 'مئة وعشرون', 142: 'مئة واثنان وأربعون', 200: 'مئتان', 205: 'مئتان وخمسة', 300: 'ثلاثمئة',
  315: 'ثلاثمئة وخمسة عشر', 400: 'أربعمئة', 500: 'خمسمئة', 512: 'خمسمئة واثنا عشر', 600: 'ستمئة', 700: 'سبعمئة',
  800: 'ثمانمئة', 888: 'ثمانمئة وثمانية وثمانون', 900: 'تسعمئة', 999: 'تسعمئة وتسعة وتسعون',
};

describe('Arabic number words', () => {
  it('says the known forms', () => {
    for (const [n, words] of Object.entries(known)) expect(arabicNumberWords(Number(n)), `n=${n}`).toBe(words);
  });

  it('gives every number from 1 to 999 a distinct Arabic phrase built units-before-tens', () => {
    const seen = new Set<string>();
    for (let n = 1; n <= 999; n++) {
      const w = arabicNumberWords(n);
      expect(w).toMatch(/^[\u0621-\u064a ]+$/);
      expect(seen.has(w), `duplicate for ${n}`).toBe(false);
      seen.add(w);
      const rest = n % 100;
      // Hundreds and the rest are joined by " و"; the rest alone equals the word for it.
      if (n > 100 && rest) expect(w.endsWith(` و${arabicNumberWords(rest)}`), `n=${n}`).toBe(true);
      if (rest > 20 && rest % 10) expect(arabicNumberWords(rest).startsWith(arabicNumberWords(rest % 10) + ' و')).toBe(true);
    }
  });

  it('refuses numbers it cannot say', () => {
    expect(() => arabicNumberWords(1000)).toThrow(RangeError);
    expect(() => arabicNumberWords(-1)).toThrow(RangeError);
    expect(() => arabicNumberWords(1.5)).toThrow(RangeError);
  });

  it('builds the hall announcement, Arabic and English', () => {
    expect(callText('A-042', 5)).toEqual({ ar: 'الرقم إيه اثنان وأربعون، إلى الشباك رقم خمسة', en: 'Ticket A 42, counter 5' });
    expect(callText('G-100', 12).ar).toBe('الرقم جي مئة، إلى الشباك رقم اثنا عشر');
  });
});
