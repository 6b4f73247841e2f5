// The bounded set of clips a voice pack holds per language, so any call (tickets A-0 … Z-999,
// counters 1–999) is said from them. Arabic: units, teens, tens and hundreds as whole words, and
// the words that follow "و" recorded with it ("وعشرون", "وخمسة"): "و" is a proclitic, said as one
// word with what follows, so a separate "و" clip would sound broken. English: 0–19, the tens and
// "hundred"; then the kiosk's voice guide (guide.ts). `text` is what the clip says (shown to whoever records it); `say` is the vocalised
// Arabic (or spelled English) that a synthesiser needs to pronounce it right.
import { GUIDE_PHRASES } from './guide.ts';

export type VoiceLang = 'ar' | 'en';
export const VOICE_LANGS: readonly VoiceLang[] = ['ar', 'en'];

export interface ClipSpec {
  id: string;
  text: string;
  say: string;
}

export const CHIME = 'chime';
export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

// Pausal forms (the final ة said "ah", no case endings): how a number is read out word by word.
const AR_UNITS = ['صفر', 'واحد', 'اثنان', 'ثلاثة', 'أربعة', 'خمسة', 'ستة', 'سبعة', 'ثمانية', 'تسعة'];
const AR_UNITS_SAY = ['صِفْر', 'وَاحِد', 'اِثْنَان', 'ثَلَاثَه', 'أَرْبَعَه', 'خَمْسَه', 'سِتَّه', 'سَبْعَه', 'ثَمَانِيَه', 'تِسْعَه'];
const AR_TEENS = ['عشرة', 'أحد عشر', 'اثنا عشر', 'ثلاثة عشر', 'أربعة عشر', 'خمسة عشر', 'ستة عشر', 'سبعة عشر', 'ثمانية عشر', 'تسعة عشر'];
const AR_TEENS_SAY = ['عَشَرَه', 'أَحَدَ عَشَر', 'اِثْنَا عَشَر', 'ثَلَاثَةَ عَشَر', 'أَرْبَعَةَ عَشَر', 'خَمْسَةَ عَشَر', 'سِتَّةَ عَشَر', 'سَبْعَةَ عَشَر', 'ثَمَانِيَةَ عَشَر', 'تِسْعَةَ عَشَر'];
const AR_TENS = ['', '', 'عشرون', 'ثلاثون', 'أربعون', 'خمسون', 'ستون', 'سبعون', 'ثمانون', 'تسعون'];
const AR_TENS_SAY = ['', '', 'عِشْرُون', 'ثَلَاثُون', 'أَرْبَعُون', 'خَمْسُون', 'سِتُّون', 'سَبْعُون', 'ثَمَانُون', 'تِسْعُون'];
const AR_HUNDREDS = ['', 'مئة', 'مئتان', 'ثلاثمئة', 'أربعمئة', 'خمسمئة', 'ستمئة', 'سبعمئة', 'ثمانمئة', 'تسعمئة'];
const AR_HUNDREDS_SAY = ['', 'مِئَه', 'مِئَتَان', 'ثَلَاثُمِئَه', 'أَرْبَعُمِئَه', 'خَمْسُمِئَه', 'سِتُّمِئَه', 'سَبْعُمِئَه', 'ثَمَانِمِئَه', 'تِسْعُمِئَه'];

/** How a Latin prefix letter is said in Arabic; [written, vocalised]. */
const AR_LETTERS: Record<string, [string, string]> = {
  A: ['إيه', 'إِيه'], B: ['بي', 'بِي'], C: ['سي', 'سِي'], D: ['دي', 'دِي'], E: ['إي', 'إِي'], F: ['إف', 'إِف'], G: ['جي', 'جِي'],
  H: ['إتش', 'إِتْش'], I: ['آي', 'آيْ'], J: ['جيه', 'جِيه'], K: ['كيه', 'كِيه'], L: ['إل', 'إِل'], M: ['إم', 'إِم'], N: ['إن', 'إِن'],
  O: ['أو', 'أُو'], P: ['پي', 'بِي'], Q: ['كيو', 'كْيُو'], R: ['آر', 'آرْ'], S: ['إس', 'إِس'], T: ['تي', 'تِي'], U: ['يو', 'يُو'],
  V: ['ڤي', 'فِي'], W: ['دبليو', 'دَبْلْيُو'], X: ['إكس', 'إِكْس'], Y: ['واي', 'وَاي'], Z: ['زد', 'زِد'],
};
export const arabicLetterName = (letter: string): string => AR_LETTERS[letter]?.[0] ?? letter;

/** The Arabic word for 0–19, a ten or a hundred, with its vocalised form; undefined for others. */
function arabicWord(n: number): [string, string] | undefined {
  if (n >= 0 && n < 10) return [AR_UNITS[n]!, AR_UNITS_SAY[n]!];
  if (n >= 10 && n < 20) return [AR_TEENS[n - 10]!, AR_TEENS_SAY[n - 10]!];
  if (n >= 20 && n < 100 && n % 10 === 0) return [AR_TENS[n / 10]!, AR_TENS_SAY[n / 10]!];
  if (n >= 100 && n < 1000 && n % 100 === 0) return [AR_HUNDREDS[n / 100]!, AR_HUNDREDS_SAY[n / 100]!];
  return undefined;
}

const EN_SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
// Spelled so a synthesiser says the letter's name, not a word ("A" alone reads as the article).
const EN_LETTER_SAY: Record<string, string> = {
  A: 'ay', B: 'bee', C: 'see', D: 'dee', E: 'ee', F: 'ef', G: 'jee', H: 'aitch', I: 'eye', J: 'jay', K: 'kay', L: 'el', M: 'em',
  N: 'en', O: 'oh', P: 'pee', Q: 'cue', R: 'are', S: 'ess', T: 'tee', U: 'you', V: 'vee', W: 'double you', X: 'ex', Y: 'why', Z: 'zed',
};

const numberClip = (n: number) => `n-${n}`;
const andClip = (n: number) => `and-n-${n}`;
const letterClip = (l: string) => `letter-${l.toLowerCase()}`;

/** Every clip a complete pack of this language holds, in a stable order. */
export function clipCatalogue(lang: VoiceLang): ClipSpec[] {
  const out: ClipSpec[] = [{ id: CHIME, text: '♪', say: '' }];
  if (lang === 'ar') {
    out.push({ id: 'ticket', text: 'الرقم', say: 'الرَّقْم' }, { id: 'counter', text: 'إلى الشباك رقم', say: 'إِلَى الشُّبَّاكِ رَقْم' });
    for (const l of LETTERS) out.push({ id: letterClip(l), text: AR_LETTERS[l]![0], say: AR_LETTERS[l]![1] });
    const words = [...Array(20).keys(), 20, 30, 40, 50, 60, 70, 80, 90, 100, 200, 300, 400, 500, 600, 700, 800, 900];
    for (const n of words) {
      const [text, say] = arabicWord(n)!;
      out.push({ id: numberClip(n), text, say });
    }
    for (const n of words.filter((w) => w > 0 && w < 100)) {
      const [text, say] = arabicWord(n)!;
      // وَ + a word that starts with the hamzat al-wasl of اِثْنَان/اِثْنَا: "wa-thnān", the alif silent.
      out.push({ id: andClip(n), text: `و${text}`, say: `وَ${say.replace(/^اِ/, '')}` });
    }
  } else {
    out.push({ id: 'ticket', text: 'Ticket', say: 'Ticket' }, { id: 'counter', text: 'counter', say: 'counter' });
    for (const l of LETTERS) out.push({ id: letterClip(l), text: l, say: EN_LETTER_SAY[l]! });
    EN_SMALL.forEach((w, n) => out.push({ id: numberClip(n), text: w, say: w }));
    for (let t = 2; t <= 9; t++) out.push({ id: numberClip(t * 10), text: EN_TENS[t]!, say: EN_TENS[t]! });
    out.push({ id: 'hundred', text: 'hundred', say: 'hundred' });
  }
  for (const g of GUIDE_PHRASES) out.push(lang === 'ar' ? { id: g.id, text: g.ar, say: g.arSay } : { id: g.id, text: g.en, say: g.en });
  return out;
}

/** The clips that say n (0–999) in Arabic: "مئة" "وخمسة" "وعشرون" for 125. */
export function arabicNumberClips(n: number): string[] {
  checkRange(n);
  if (n === 0) return [numberClip(0)];
  const clips: string[] = [];
  const h = Math.floor(n / 100) * 100;
  const rest = n % 100;
  if (h) clips.push(numberClip(h));
  if (rest) {
    const joined = clips.length > 0;
    if (rest < 20 || rest % 10 === 0) clips.push(joined ? andClip(rest) : numberClip(rest));
    else clips.push(joined ? andClip(rest % 10) : numberClip(rest % 10), andClip(rest - (rest % 10)));
  }
  return clips;
}

/** The clips that say n (0–999) in English: "one" "hundred" "twenty" "five" for 125. */
export function englishNumberClips(n: number): string[] {
  checkRange(n);
  if (n === 0) return [numberClip(0)];
  const clips: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h) clips.push(numberClip(h), 'hundred');
  if (rest >= 20) clips.push(numberClip(rest - (rest % 10)), ...(rest % 10 ? [numberClip(rest % 10)] : []));
  else if (rest) clips.push(numberClip(rest));
  return clips;
}

export const englishNumberWords = (n: number): string => {
  checkRange(n);
  if (n === 0) return 'zero';
  const h = Math.floor(n / 100);
  const rest = n % 100;
  const tail = rest >= 20 ? EN_TENS[Math.floor(rest / 10)]! + (rest % 10 ? `-${EN_SMALL[rest % 10]}` : '') : rest ? EN_SMALL[rest]! : '';
  return [h ? `${EN_SMALL[h]} hundred` : '', tail].filter(Boolean).join(' ');
};

export { letterClip };

function checkRange(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`0–999 only, got ${n}`);
}
