// The voice packs the hub serves: the shipped ones (resources/voice, read-only) and the hall's
// own (<data>/voice, made and filled by admins), each a folder with manifest.json and WAV clips;
// which pack speaks each language and the languages of a call (setting `voice`).
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DISPLAY_SOUND, type DisplaySound, type VoicePackSummary, type VoicePlan, type VoiceSettings } from '../../../shared/protocol/voice.ts';
import { type VoiceLang, clipCatalogue } from '../../../shared/voice/clips.ts';
import { PACK_ID, maxClipMs, type VoiceManifest, checkManifest, missingClips } from '../../../shared/voice/manifest.ts';
import { type ParsedTicket, planCall } from '../../../shared/voice/plan.ts';
import { WavError, clipProblem, decodeWav, measure } from '../../../shared/voice/wav.ts';
import { ApiError } from '../../node-common/http/errors.ts';
import type { Logger } from '../../node-common/log.ts';
import type { ConfigStore } from '../store/config-store.ts';

export const BUILTIN_VOICE_DIR = fileURLToPath(new URL('../../../resources/voice/', import.meta.url));
export const DEFAULT_VOICE: VoiceSettings = { languages: ['ar', 'en'], packs: { ar: 'espeak-ar', en: 'espeak-en' } };

export interface VoicePack {
  id: string;
  dir: string;
  source: 'builtin' | 'hall';
  manifest: VoiceManifest;
}

export type VoicePacks = ReturnType<typeof createVoicePacks>;

/** Both languages, in one message (the API's errors carry one). */
const both = (p: { ar: string; en: string }) => `${p.en} — ${p.ar}`;

export function createVoicePacks(o: { builtinDir?: string; dataDir: string; config: ConfigStore; log: Logger }) {
  const builtinDir = o.builtinDir ?? BUILTIN_VOICE_DIR;
  const hallDir = join(o.dataDir, 'voice');
  let packs = new Map<string, VoicePack>();

  function load(): void {
    const next = new Map<string, VoicePack>();
    for (const [root, source] of [[builtinDir, 'builtin'], [hallDir, 'hall']] as const) {
      if (!existsSync(root)) continue;
      for (const id of readdirSync(root).sort()) {
        const file = join(root, id, 'manifest.json');
        if (!PACK_ID.test(id) || !existsSync(file)) continue;
        let r: ReturnType<typeof checkManifest>;
        try { r = checkManifest(JSON.parse(readFileSync(file, 'utf8'))); } catch (err) { r = { ok: false, errors: [(err as Error).message] }; }
        if (!r.ok) { o.log.warn({ pack: id, errors: r.errors.slice(0, 5) }, 'voice pack refused: bad manifest'); continue; }
        if (next.has(id)) { o.log.warn({ pack: id }, 'voice pack ignored: a shipped pack has the same name'); continue; }
        next.set(id, { id, dir: join(root, id), source, manifest: r.manifest });
      }
    }
    packs = next;
  }
  load();
  if (!packs.size) o.log.warn({ dir: builtinDir }, 'no voice packs (./dawr voice build makes the default ones): displays speak calls with the browser\'s speech synthesis');

  const settings = (): VoiceSettings => ({ ...DEFAULT_VOICE, ...o.config.get<Partial<VoiceSettings>>('voice') });
  const clipUrl = (p: VoicePack, c: VoiceManifest['clips'][number]) => {
    const st = statSync(join(p.dir, c.file), { throwIfNoEntry: false });
    // The version makes a replaced clip a new URL, so players may cache clips for ever.
    return st ? `/voice/${p.id}/${c.file}?v=${Math.round(st.mtimeMs).toString(36)}${st.size.toString(36)}` : null;
  };
  const active = (lang: VoiceLang) => {
    const p = packs.get(settings().packs[lang]);
    return p?.manifest.language === lang ? p : undefined;
  };

  function summary(p: VoicePack): VoicePackSummary {
    const have = new Map(p.manifest.clips.map((c) => [c.id, c]));
    return {
      id: p.id, source: p.source, language: p.manifest.language, name: p.manifest.name, voice: p.manifest.voice, sampleRate: p.manifest.sampleRate,
      active: settings().packs[p.manifest.language] === p.id,
      clips: clipCatalogue(p.manifest.language).map((spec) => {
        const c = have.get(spec.id);
        return { id: spec.id, text: spec.say || spec.text, url: c ? clipUrl(p, c) : null, ms: c?.ms ?? null };
      }),
      missing: missingClips(p.manifest),
    };
  }

  function writeManifest(p: VoicePack): void {
    const tmp = join(p.dir, 'manifest.json.tmp');
    writeFileSync(tmp, JSON.stringify(p.manifest, null, 2) + '\n');
    renameSync(tmp, join(p.dir, 'manifest.json'));
  }

  return {
    settings,
    list: () => [...packs.values()].map(summary),
    get: (id: string) => packs.get(id),
    file(id: string, file: string): string | undefined {
      const p = packs.get(id);
      const c = p?.manifest.clips.find((x) => x.file === file);
      return p && c ? join(p.dir, c.file) : undefined;
    },

    /** The clips of one call, in the order played, with their URLs and lengths. */
    plan(ticket: ParsedTicket, counter: number, langs?: readonly VoiceLang[]): VoicePlan {
      const call = planCall(ticket, counter, langs ?? settings().languages);
      const clips: VoicePlan['clips'] = [];
      const parts: VoicePlan['parts'] = [];
      call.parts.forEach((part, i) => {
        const p = active(part.lang);
        const byId = new Map(p?.manifest.clips.map((c) => [c.id, c]) ?? []);
        const ids = i === 0 ? [call.chime, ...part.clips] : part.clips;
        let complete = Boolean(p);
        for (const id of ids) {
          const c = byId.get(id);
          const url = p && c ? clipUrl(p, c) : null;
          if (!url && id !== call.chime) complete = false;
          clips.push({ id, lang: part.lang, url, ms: c?.ms ?? 0 });
        }
        parts.push({ lang: part.lang, text: part.text, pack: p?.id ?? null, complete });
      });
      return { text: call.parts.map((p) => p.text).join('. '), clips, parts };
    },

    /** Every clip of the packs that speak now, for a display to load once at start. */
    activeClips(): { lang: VoiceLang; id: string; url: string; ms: number }[] {
      return settings().languages.flatMap((lang) => {
        const p = active(lang);
        if (!p) return [];
        return p.manifest.clips.flatMap((c) => {
          const url = clipUrl(p, c);
          return url ? [{ lang, id: c.id, url, ms: c.ms }] : [];
        });
      });
    },

    /** Every clip of the pack that speaks a language (whether or not calls are said in it): the kiosk's guide. */
    packClips(lang: VoiceLang): { pack: string | null; clips: { id: string; url: string; ms: number }[] } {
      const p = active(lang);
      if (!p) return { pack: null, clips: [] };
      return { pack: p.id, clips: p.manifest.clips.flatMap((c) => { const url = clipUrl(p, c); return url ? [{ id: c.id, url, ms: c.ms }] : []; }) };
    },

    /** A display's volume and quiet hours (the default until an admin sets them). */
    displaySound(deviceId: string): DisplaySound {
      return o.config.get<Record<string, DisplaySound>>('displaySound')?.[deviceId] ?? DEFAULT_DISPLAY_SOUND;
    },
    setDisplaySound(deviceId: string, sound: DisplaySound): DisplaySound {
      o.config.set('displaySound', { ...o.config.get<Record<string, DisplaySound>>('displaySound'), [deviceId]: sound });
      return sound;
    },

    setSettings(patch: Partial<{ languages: VoiceLang[]; packs: Partial<Record<VoiceLang, string>> }>): VoiceSettings {
      const cur = settings();
      const next: VoiceSettings = { languages: patch.languages ?? cur.languages, packs: { ...cur.packs, ...patch.packs } };
      for (const lang of ['ar', 'en'] as const) {
        if (!patch.packs?.[lang]) continue;
        const p = packs.get(next.packs[lang]);
        if (!p) throw new ApiError('not_found', `no voice pack ${next.packs[lang]}`);
        if (p.manifest.language !== lang) throw new ApiError('invalid_input', `the pack ${p.id} speaks ${p.manifest.language}, not ${lang}`);
      }
      o.config.set('voice', next);
      return next;
    },

    create(id: string, language: VoiceLang, name: { ar: string; en: string }): VoicePackSummary {
      if (packs.has(id)) throw new ApiError('conflict', `a voice pack ${id} exists already`);
      const dir = join(hallDir, id);
      mkdirSync(dir, { recursive: true });
      const p: VoicePack = { id, dir, source: 'hall', manifest: { format: 1, name, language, voice: 'recorded in the hall', sampleRate: 48000, clips: [] } };
      writeManifest(p);
      packs.set(id, p);
      return summary(p);
    },

    /** Stores one clip of a hall pack after checking it: a PCM WAV, 5 s at most, not silent. */
    putClip(id: string, clipId: string, bytes: Uint8Array): VoicePackSummary {
      const p = packs.get(id);
      if (!p) throw new ApiError('not_found', `no voice pack ${id}`);
      if (p.source !== 'hall') throw new ApiError('conflict', both({ en: `${id} is a shipped pack and cannot be changed: make a hall pack and record into it`, ar: `${id} حزمة مرفقة بالنظام ولا تُعدَّل: أنشئ حزمة للقاعة وسجّل فيها` }));
      const spec = clipCatalogue(p.manifest.language).find((c) => c.id === clipId);
      if (!spec) throw new ApiError('not_found', `a ${p.manifest.language} pack has no clip ${clipId}`);
      let pcm;
      try { pcm = decodeWav(bytes); } catch (err) {
        if (!(err instanceof WavError)) throw err;
        throw new ApiError('invalid_input', both({ en: `Only WAV (PCM) files are accepted (${err.message}); the admin screen converts recordings and other files to WAV`, ar: 'لا تُقبل إلا ملفات WAV ‏(PCM)؛ شاشة الإدارة تحوّل التسجيلات والملفات الأخرى إلى WAV' }));
      }
      const problem = clipProblem(pcm, maxClipMs(clipId));
      if (problem) throw new ApiError('invalid_input', both(problem));
      const file = `${clipId}.wav`;
      writeFileSync(join(p.dir, file), bytes);
      const clip = { id: clipId, text: spec.text, file, ms: measure(pcm).ms };
      p.manifest = { ...p.manifest, clips: [...p.manifest.clips.filter((c) => c.id !== clipId), clip] };
      if (p.manifest.clips.length === 1) p.manifest.sampleRate = pcm.sampleRate;
      writeManifest(p);
      return summary(p);
    },
    reload: load,
  };
}
