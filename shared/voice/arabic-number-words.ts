// Cardinal numbers 0–999 as Arabic words (masculine, nominative, as announced: "اثنان وأربعون"),
// and the spoken call text. Pure; unit-tested against known forms. Modern spelling مئة (not مائة).
const ones = ['صفر', 'واحد', 'اثنان', 'ثلاثة', 'أربعة', 'خمسة', 'ستة', 'سبعة', 'ثمانية', 'تسعة'];
const teens = ['عشرة', 'أحد عشر', 'اثنا عشر', 'ثلاثة عشر', 'أربعة عشر', 'خمسة عشر', 'ستة عشر', 'سبعة عشر', 'ثمانية عشر', 'تسعة عشر'];
const tens = ['', '', 'عشرون', 'ثلاثون', 'أربعون', 'خمسون', 'ستون', 'سبعون', 'ثمانون', 'تسعون'];
const hundreds = ['', 'مئة', 'مئتان', 'ثلاثمئة', 'أربعمئة', 'خمسمئة', 'ستمئة', 'سبعمئة', 'ثمانمئة', 'تسعمئة'];

function below100(n: number): string {
  if (n < 10) return ones[n] ?? '';
  if (n < 20) return teens[n - 10] ?? '';
  const u = n % 10;
  const t = tens[Math.floor(n / 10)] ?? '';
  // Units come first in Arabic: 42 → "اثنان وأربعون".
  return u === 0 ? t : `${ones[u]} و${t}`;
}

export function arabicNumberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`arabicNumberWords: 0–999 only, got ${n}`);
  if (n < 100) return below100(n);
  const h = hundreds[Math.floor(n / 100)] ?? '';
  const rest = n % 100;
  return rest === 0 ? h : `${h} و${below100(rest)}`;
}

/** How a Latin prefix letter is said in Arabic (service prefixes are A–Z). */
const letterNames: Record<string, string> = {
  A: 'إيه', B: 'بي', C: 'سي', D: 'دي', E: 'إي', F: 'إف', G: 'جي', H: 'إتش', I: 'آي', J: 'جيه', K: 'كيه', L: 'إل', M: 'إم',
  N: 'إن', O: 'أو', P: 'پي', Q: 'كيو', R: 'آر', S: 'إس', T: 'تي', U: 'يو', V: 'ڤي', W: 'دبليو', X: 'إكس', Y: 'واي', Z: 'زد',
};

export type CallText = { ar: string; en: string };

/** "A-042" at counter 5 → Arabic then English sentences for the hall announcement. */
export function callText(ticketNumber: string, counterNumber: number): CallText {
  const m = /^([A-Z])-?0*(\d+)$/.exec(ticketNumber.trim());
  const letter = m?.[1] ?? '';
  const num = m ? Number(m[2]) : NaN;
  const arNum = Number.isInteger(num) && num <= 999 ? arabicNumberWords(num) : ticketNumber;
  const arCounter = counterNumber <= 999 ? arabicNumberWords(counterNumber) : String(counterNumber);
  const arTicket = [letterNames[letter] ?? letter, arNum].filter(Boolean).join(' ');
  const enTicket = m ? `${letter} ${num}` : ticketNumber;
  return {
    ar: `الرقم ${arTicket}، إلى الشباك رقم ${arCounter}`,
    en: `Ticket ${enTicket}, counter ${counterNumber}`,
  };
}
