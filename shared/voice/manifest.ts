// A voice pack: a folder of WAV clips and manifest.json. The manifest names the pack, its
// language and voice, the sample rate, and each clip's id, text, file and length. The hub reads
// packs from resources/voice (shipped) and <data>/voice (added by admins).
import { z } from 'zod';
import { VOICE_LANGS, type VoiceLang, clipCatalogue } from './clips.ts';
import { MAX_GUIDE_CLIP_MS, isGuideClip } from './guide.ts';

export const PACK_ID = /^[a-z0-9][a-z0-9-]{0,47}$/;
export const CLIP_ID = /^[a-z0-9][a-z0-9-]{0,47}$/;
/** A clip is a short word or phrase; anything longer is a mistake (a whole call, a song). */
export const MAX_CLIP_MS = 5000;
/** The longest a clip may be: a word of a call 5 s, a phrase of the kiosk's guide 10 s. */
export const maxClipMs = (id: string): number => (isGuideClip(id) ? MAX_GUIDE_CLIP_MS : MAX_CLIP_MS);

export const VoiceClip = z.object({
  id: z.string().regex(CLIP_ID),
  text: z.string().min(1).max(200),
  file: z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}\.wav$/),
  ms: z.number().int().positive().max(MAX_GUIDE_CLIP_MS),
}).refine((c) => c.ms <= maxClipMs(c.id), { message: 'a word of a call lasts at most 5 s (a guide phrase 10 s)', path: ['ms'] });
export type VoiceClip = z.infer<typeof VoiceClip>;

export const VoiceManifest = z.object({
  format: z.literal(1),
  name: z.object({ ar: z.string().min(1).max(100), en: z.string().min(1).max(100) }),
  language: z.enum(VOICE_LANGS as [VoiceLang, ...VoiceLang[]]),
  voice: z.string().min(1).max(200),
  sampleRate: z.number().int().min(8000).max(96000),
  clips: z.array(VoiceClip),
});
export type VoiceManifest = z.infer<typeof VoiceManifest>;

export type PackCheck = { ok: true; manifest: VoiceManifest } | { ok: false; errors: string[] };

/** Validates a manifest: shape, unique ids, clip ids known to the catalogue of its language. */
export function checkManifest(value: unknown): PackCheck {
  const r = VoiceManifest.safeParse(value);
  if (!r.success) return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
  const known = new Set(clipCatalogue(r.data.language).map((c) => c.id));
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const c of r.data.clips) {
    if (seen.has(c.id)) errors.push(`clip ${c.id} is listed twice`);
    seen.add(c.id);
    if (!known.has(c.id)) errors.push(`clip ${c.id} is not a clip of a ${r.data.language} pack`);
  }
  return errors.length ? { ok: false, errors } : { ok: true, manifest: r.data };
}

/** The clips of the catalogue the pack lacks, in catalogue order. */
export function missingClips(manifest: VoiceManifest): string[] {
  const have = new Set(manifest.clips.map((c) => c.id));
  return clipCatalogue(manifest.language).map((c) => c.id).filter((id) => !have.has(id));
}
