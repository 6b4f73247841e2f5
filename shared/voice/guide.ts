// The kiosk's voice guide: the fixed phrases it says at each step, in both languages. They are
// clips of every voice pack (ids guide-*), so the default packs say them in eSpeak NG's voice and
// a hall that records its own pack records them too (Administration → Voice). What changes from
// hall to hall — the names of its services and categories — the hub says with eSpeak NG
// (POST /api/v1/voice/speak), or the kiosk's browser when the hub cannot. Texts are the screen's
// words where the screen shows the same thing (renderer/i18n: kiosk.*, priority.*).
/** The guide's languages: the voice's (clips.ts VoiceLang), named here so the two modules do not import each other. */
type VoiceLang = 'ar' | 'en';

export interface GuidePhrase {
  id: GuideId;
  ar: string;
  /** The vocalised Arabic a synthesiser needs. */
  arSay: string;
  en: string;
}

export const GUIDE_IDS = [
  'guide-on', 'guide-language', 'guide-this-language', 'guide-again', 'guide-category', 'guide-service', 'guide-priority',
  'guide-need-none', 'guide-need-elderly', 'guide-need-disability', 'guide-need-pregnancy', 'guide-id', 'guide-skip', 'guide-checkin',
  'guide-printing', 'guide-your-number', 'guide-take', 'guide-back', 'guide-error', 'guide-start-over', 'guide-off',
] as const;
export type GuideId = (typeof GUIDE_IDS)[number];

/** A guide phrase may run longer than a word of a call. */
export const MAX_GUIDE_CLIP_MS = 10_000;

export const GUIDE_PHRASES: readonly GuidePhrase[] = [
  { id: 'guide-on', ar: 'التوجيه الصوتي يعمل. المس الزر لتسمعه، ثم المسه مرة ثانية لتختاره.', arSay: 'التَّوْجِيهُ الصَّوْتِيُّ يَعْمَل. اِلْمَسِ الزِّرَّ لِتَسْمَعَه، ثُمَّ اِلْمَسْهُ مَرَّةً ثَانِيَةً لِتَخْتَارَه.', en: 'Voice guide on. Touch a button to hear it, then touch it again to choose it.' },
  { id: 'guide-language', ar: 'اختر اللغة: العربية أو الإنجليزية.', arSay: 'اِخْتَرِ اللُّغَة: الْعَرَبِيَّة، أَوِ الْإِنْجْلِيزِيَّة.', en: 'Choose your language: Arabic or English.' },
  { id: 'guide-this-language', ar: 'العربية', arSay: 'الْعَرَبِيَّة', en: 'English' },
  { id: 'guide-again', ar: 'المسه مرة ثانية لاختياره.', arSay: 'اِلْمَسْهُ مَرَّةً ثَانِيَةً لِاخْتِيَارِه.', en: 'Touch it again to choose it.' },
  { id: 'guide-category', ar: 'ما الخدمة التي تحتاجها اليوم؟', arSay: 'مَا الْخِدْمَةُ الَّتِي تَحْتَاجُهَا الْيَوْم؟', en: 'What do you need today?' },
  { id: 'guide-service', ar: 'اختر الخدمة.', arSay: 'اِخْتَرِ الْخِدْمَة.', en: 'Choose the service.' },
  { id: 'guide-priority', ar: 'هل تحتاج إلى خدمة ذات أولوية؟', arSay: 'هَلْ تَحْتَاجُ إِلَى خِدْمَةٍ ذَاتِ أَوْلَوِيَّة؟', en: 'Do you need priority service?' },
  { id: 'guide-need-none', ar: 'لا، متابعة', arSay: 'لَا، مُتَابَعَة', en: 'No, continue' },
  { id: 'guide-need-elderly', ar: 'كبار السن', arSay: 'كِبَارُ السِّنّ', en: 'Elderly' },
  { id: 'guide-need-disability', ar: 'ذوو الإعاقة', arSay: 'ذَوُو الْإِعَاقَة', en: 'Disability' },
  { id: 'guide-need-pregnancy', ar: 'الحوامل', arSay: 'الْحَوَامِل', en: 'Pregnancy' },
  { id: 'guide-id', ar: 'ضع بطاقة هويتك على القارئ، أو تخطَّ هذه الخطوة.', arSay: 'ضَعْ بِطَاقَةَ هُوِيَّتِكَ عَلَى الْقَارِئ، أَوْ تَخَطَّ هَذِهِ الْخُطْوَة.', en: 'Place your ID card on the reader, or skip this step.' },
  { id: 'guide-skip', ar: 'تخطٍّ', arSay: 'تَخَطٍّ', en: 'Skip' },
  { id: 'guide-checkin', ar: 'اكتب رمز الحجز المكتوب في رسالتك.', arSay: 'اُكْتُبْ رَمْزَ الْحَجْزِ الْمَكْتُوبَ فِي رِسَالَتِك.', en: 'Type the booking code from your message.' },
  { id: 'guide-printing', ar: 'جارٍ إصدار تذكرتك.', arSay: 'جَارٍ إِصْدَارُ تَذْكِرَتِك.', en: 'Printing your ticket.' },
  { id: 'guide-your-number', ar: 'رقمك', arSay: 'رَقْمُك', en: 'Your number is' },
  { id: 'guide-take', ar: 'خذ تذكرتك، وانتظر حتى يُنادى رقمك.', arSay: 'خُذْ تَذْكِرَتَكَ، وَانْتَظِرْ حَتَّى يُنَادَى رَقْمُك.', en: 'Take your ticket, and wait until your number is called.' },
  { id: 'guide-back', ar: 'رجوع', arSay: 'رُجُوع', en: 'Back' },
  { id: 'guide-error', ar: 'تعذّر إصدار تذكرتك. راجع الاستقبال.', arSay: 'تَعَذَّرَ إِصْدَارُ تَذْكِرَتِك. رَاجِعِ الِاسْتِقْبَال.', en: 'Your ticket could not be issued. Please ask at reception.' },
  { id: 'guide-start-over', ar: 'البدء من جديد', arSay: 'الْبَدْءُ مِنْ جَدِيد', en: 'Start over' },
  { id: 'guide-off', ar: 'إيقاف المساعدة', arSay: 'إِيقَافُ الْمُسَاعَدَة', en: 'Turn help off' },
];

const BY_ID = new Map(GUIDE_PHRASES.map((p) => [p.id, p]));

/** What a guide phrase says, as shown to people (captions, the admin's recording list). */
export function guideText(id: GuideId, lang: VoiceLang): string {
  const p = BY_ID.get(id)!;
  return lang === 'ar' ? p.ar : p.en;
}

export const isGuideClip = (id: string): boolean => id.startsWith('guide-');
