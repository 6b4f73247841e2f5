import { describe, expect, it } from 'vitest';
import { arabicNumberWords } from '../../../shared/voice/arabic-number-words.ts';
import { arabicNumberClips, clipCatalogue, englishNumberClips, englishNumberWords } from '../../../shared/voice/clips.ts';
import { checkManifest, missingClips } from '../../../shared/voice/manifest.ts';
import { parseTicketNumber, planCall } from '../../../shared/voice/plan.ts';

const arText = new Map(clipCatalogue('ar').map((c) => [c.id, c.text]));
const enText = new Map(clipCatalogue('en').map((c) => [c.id, c.text]));
/** What the clips say, joined as written Arabic (the "و" clips attach to the word they carry). */
const sayAr = (ids: string[]) => ids.map((id) => arText.get(id)!).join(' ');

describe('Arabic numbers as clips', () => {
  const cases: [number, string[], string][] = [
    [1, ['n-1'], 'واحد'],
    [2, ['n-2'], 'اثنان'],
    [3, ['n-3'], 'ثلاثة'],
    [7, ['n-7'], 'سبعة'],
    [10, ['n-10'], 'عشرة'],
    [11, ['n-11'], 'أحد عشر'],
    [12, ['n-12'], 'اثنا عشر'],
    [13, ['n-13'], 'ثلاثة عشر'],
    [19, ['n-19'], 'تسعة عشر'],
    [20, ['n-20'], 'عشرون'],
    [21, ['n-1', 'and-n-20'], 'واحد وعشرون'],
    [100, ['n-100'], 'مئة'],
    [101, ['n-100', 'and-n-1'], 'مئة وواحد'],
    [112, ['n-100', 'and-n-12'], 'مئة واثنا عشر'],
    [125, ['n-100', 'and-n-5', 'and-n-20'], 'مئة وخمسة وعشرون'],
    [200, ['n-200'], 'مئتان'],
    [230, ['n-200', 'and-n-30'], 'مئتان وثلاثون'],
    [999, ['n-900', 'and-n-9', 'and-n-90'], 'تسعمئة وتسعة وتسعون'],
  ];
  for (const [n, clips, words] of cases) {
    it(`${n} is ${words}`, () => {
      expect(arabicNumberClips(n)).toEqual(clips);
      expect(sayAr(clips)).toBe(words);
      expect(arabicNumberWords(n)).toBe(words);
    });
  }

  it('says every number 0–999 exactly as the display writes it, from clips of the catalogue only', () => {
    for (let n = 0; n <= 999; n++) {
      const clips = arabicNumberClips(n);
      for (const c of clips) expect(arText.has(c), `${n}: ${c}`).toBe(true);
      expect(sayAr(clips), `n=${n}`).toBe(arabicNumberWords(n));
    }
  });
});

describe('English numbers as clips', () => {
  it('says 0–999 from the catalogue, as the words', () => {
    for (let n = 0; n <= 999; n++) {
      const clips = englishNumberClips(n);
      for (const c of clips) expect(enText.has(c), `${n}: ${c}`).toBe(true);
      expect(clips.map((c) => enText.get(c)).join(' '), `n=${n}`).toBe(englishNumberWords(n).replace('-', ' '));
    }
    expect(englishNumberWords(125)).toBe('one hundred twenty-five');
    expect(englishNumberClips(125)).toEqual(['n-1', 'hundred', 'n-20', 'n-5']);
  });
});

describe('the clip catalogue', () => {
  it('is bounded and unique per language', () => {
    for (const lang of ['ar', 'en'] as const) {
      const ids = clipCatalogue(lang).map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    // A call's words (93 and 58), then the kiosk guide's 21 phrases in each language.
    expect(clipCatalogue('ar')).toHaveLength(93 + 21);
    expect(clipCatalogue('en')).toHaveLength(58 + 21);
    expect(clipCatalogue('ar').filter((c) => c.id.startsWith('guide-')).map((c) => c.id)).toEqual(clipCatalogue('en').filter((c) => c.id.startsWith('guide-')).map((c) => c.id));
  });

  it('gives every Arabic clip a vocalised text for the synthesiser', () => {
    for (const c of clipCatalogue('ar')) if (c.id !== 'chime') expect(c.say, c.id).toMatch(/[\u064b-\u0652]/);
  });
});

describe('a call', () => {
  it('parses ticket numbers', () => {
    expect(parseTicketNumber('A-125')).toEqual({ letter: 'A', number: 125 });
    expect(parseTicketNumber('b007')).toEqual({ letter: 'B', number: 7 });
    expect(parseTicketNumber('AB-1')).toBeUndefined();
    expect(parseTicketNumber('A-1000')).toBeUndefined();
  });

  it('is the chime, then Arabic, then English', () => {
    const plan = planCall({ letter: 'A', number: 125 }, 3, ['ar', 'en']);
    expect(plan.chime).toBe('chime');
    expect(plan.parts.map((p) => p.lang)).toEqual(['ar', 'en']);
    expect(plan.parts[0]!.text).toBe('الرقم إيه مئة وخمسة وعشرون، إلى الشباك رقم ثلاثة');
    expect(plan.parts[0]!.clips).toEqual(['ticket', 'letter-a', 'n-100', 'and-n-5', 'and-n-20', 'counter', 'n-3']);
    expect(plan.parts[1]!.text).toBe('Ticket A 125, counter 3');
    expect(plan.parts[1]!.clips).toEqual(['ticket', 'letter-a', 'n-1', 'hundred', 'n-20', 'n-5', 'counter', 'n-3']);
  });

  it('says counters 1–99 in both languages from the catalogue', () => {
    for (let c = 1; c <= 99; c++) {
      const plan = planCall({ letter: 'Z', number: 999 }, c);
      expect(sayAr(plan.parts[0]!.clips.slice(plan.parts[0]!.clips.indexOf('counter') + 1))).toBe(arabicNumberWords(c));
      for (const id of plan.parts[1]!.clips) expect(enText.has(id)).toBe(true);
    }
  });
});

describe('pack manifests', () => {
  const good = { format: 1, name: { ar: 'صوت', en: 'Voice' }, language: 'ar', voice: 'test', sampleRate: 22050, clips: [{ id: 'n-1', text: 'واحد', file: 'n-1.wav', ms: 400 }] };

  it('accepts a valid manifest and lists the missing clips', () => {
    const r = checkManifest(good);
    expect(r.ok).toBe(true);
    if (r.ok) expect(missingClips(r.manifest)).toHaveLength(92 + 21);
  });

  it('refuses bad shapes, unknown clips, duplicates, long clips and paths out of the folder', () => {
    const bad = (patch: object) => checkManifest({ ...good, ...patch });
    expect(bad({ language: 'fr' }).ok).toBe(false);
    expect(bad({ clips: [{ id: 'hundred', text: 'x', file: 'hundred.wav', ms: 300 }] }).ok).toBe(false); // English-only clip
    expect(bad({ clips: [good.clips[0], good.clips[0]] }).ok).toBe(false);
    expect(bad({ clips: [{ ...good.clips[0], ms: 6000 }] }).ok).toBe(false);
    // A guide phrase may last 10 s, not more.
    expect(bad({ clips: [{ id: 'guide-on', text: 'x', file: 'guide-on.wav', ms: 9000 }] }).ok).toBe(true);
    expect(bad({ clips: [{ id: 'guide-on', text: 'x', file: 'guide-on.wav', ms: 11000 }] }).ok).toBe(false);
    expect(bad({ clips: [{ ...good.clips[0], file: '../x.wav' }] }).ok).toBe(false);
    expect(checkManifest('nope').ok).toBe(false);
  });
});
