// The hall's voice over HTTP: the clips of a call, the packs, the settings.
import { z } from 'zod';
import { VOICE_LANGS, type VoiceLang } from '../voice/clips.ts';
import { PACK_ID } from '../voice/manifest.ts';
import { humanText } from './text.ts';

const Lang = z.enum(VOICE_LANGS as [VoiceLang, ...VoiceLang[]]);

export const VoicePlanQuery = z.object({
  number: z.string().regex(/^[A-Za-z]-?\d{1,3}$/, 'a ticket number such as A-125'),
  counter: z.coerce.number().int().min(0).max(999),
  /** One language or several, comma-separated, in the order spoken (default: the hall's setting). */
  lang: z.string().regex(/^(ar|en)(,(ar|en))?$/, 'ar, en, or ar,en').optional(),
});

export const PlannedClip = z.object({
  id: z.string(),
  lang: Lang,
  /** The audio file, or null when the pack lacks this clip (the player then speaks the part's text). */
  url: z.string().nullable(),
  ms: z.number().int(),
});

export const VoicePlan = z.object({
  text: z.string(),
  clips: z.array(PlannedClip),
  parts: z.array(z.object({ lang: Lang, text: z.string(), pack: z.string().nullable(), complete: z.boolean() })),
});
export type VoicePlan = z.infer<typeof VoicePlan>;

export const VoiceSettings = z.object({
  languages: z.array(Lang).min(1).max(2),
  packs: z.object({ ar: z.string(), en: z.string() }),
});
export type VoiceSettings = z.infer<typeof VoiceSettings>;

export const VoiceSettingsBody = z.object({
  languages: z.array(Lang).min(1).max(2).refine((l) => new Set(l).size === l.length, 'each language once').optional(),
  packs: z.object({ ar: z.string().regex(PACK_ID).optional(), en: z.string().regex(PACK_ID).optional() }).strict().optional(),
}).strict();

export const VoiceClipsResponse = z.object({ settings: VoiceSettings, clips: z.array(PlannedClip.extend({ url: z.string() })) });
export type VoiceClipsResponse = z.infer<typeof VoiceClipsResponse>;

export const VoicePackSummary = z.object({
  id: z.string(),
  source: z.enum(['builtin', 'hall']),
  language: Lang,
  name: z.object({ ar: z.string(), en: z.string() }),
  voice: z.string(),
  sampleRate: z.number().int(),
  active: z.boolean(),
  clips: z.array(z.object({ id: z.string(), text: z.string(), url: z.string().nullable(), ms: z.number().int().nullable() })),
  missing: z.array(z.string()),
});
export type VoicePackSummary = z.infer<typeof VoicePackSummary>;

export const VoicePacksResponse = z.object({ settings: VoiceSettings, packs: z.array(VoicePackSummary) });
export type VoicePacksResponse = z.infer<typeof VoicePacksResponse>;

export const NewVoicePackBody = z.object({
  id: z.string().regex(PACK_ID, 'lower-case letters, digits and dashes'),
  language: Lang,
  name: z.object({ ar: humanText({ max: 100 }), en: humanText({ max: 100 }) }).strict(),
}).strict();

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM (00:00–23:59)');
/** Quiet hours of a display, in the hall's time zone; `to` before `from` runs past midnight. */
export const QuietHours = z.object({ from: HHMM, to: HHMM }).strict().refine((q) => q.from !== q.to, 'from and to must differ');
/** A hall display's sound: its volume (0–100 %) and the hours it shows calls without sound. */
export const DisplaySound = z.object({
  volume: z.number().int().min(0).max(100),
  quiet: z.array(QuietHours).max(6),
}).strict();
export type DisplaySound = z.infer<typeof DisplaySound>;
export const DEFAULT_DISPLAY_SOUND: DisplaySound = { volume: 100, quiet: [] };

/** The kiosk's voice guide in one language: every clip of the pack that speaks it, and whether the hub can say other texts (the hall's service names). */
export const VoiceGuideQuery = z.object({ lang: Lang });
export const VoiceGuide = z.object({
  lang: Lang,
  /** The pack that speaks this language, null when there is none (the kiosk then speaks with the browser). */
  pack: z.string().nullable(),
  clips: z.array(z.object({ id: z.string(), url: z.string(), ms: z.number().int() })),
  /** True when the hub has eSpeak NG to say a service's name (POST /api/v1/voice/speak). */
  speaks: z.boolean(),
});
export type VoiceGuide = z.infer<typeof VoiceGuide>;

export const SpeakBody = z.object({ lang: Lang, text: humanText({ max: 120 }) }).strict();
export const Said = z.object({ url: z.string(), ms: z.number().int() });
export type Said = z.infer<typeof Said>;
