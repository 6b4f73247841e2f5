// What the kiosk's voice guide says that no pack can hold: the names of this hall's services and
// categories, synthesised by eSpeak NG in the default packs' voice (POST /api/v1/voice/speak) and
// kept as WAV files in <data>/voice-said, named by a hash of language and text, served at
// /voice/said/<hash>.wav. Only paired kiosks and managers ask, a text is at most 120 characters,
// one synthesis runs at a time, and the folder keeps the 500 newest.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VoiceLang } from '../../../shared/voice/clips.ts';
import { decodeWav, encodeWav, measure, normalise, trimSilence } from '../../../shared/voice/wav.ts';
import { ApiError } from '../../node-common/http/errors.ts';
import type { Logger } from '../../node-common/log.ts';
import { espeak, haveEspeak } from './espeak.ts';

export const MAX_SAID = 500;
const FILE = /^[0-9a-f]{32}\.wav$/;

export type Speech = ReturnType<typeof createSpeech>;

export function createSpeech(o: { dataDir: string; log: Logger; synth?: typeof espeak; available?: () => boolean }) {
  const dir = join(o.dataDir, 'voice-said');
  const synth = o.synth ?? espeak;
  let available: boolean | undefined;
  const canSpeak = () => (available ??= (o.available ?? haveEspeak)());
  let queue: Promise<unknown> = Promise.resolve();
  const pending = new Map<string, Promise<{ url: string; ms: number }>>();
  const known = new Map<string, number>();

  const prune = () => {
    const files = readdirSync(dir).filter((f) => FILE.test(f)).map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs })).sort((a, b) => b.t - a.t);
    for (const { f } of files.slice(MAX_SAID)) { unlinkSync(join(dir, f)); known.delete(f); }
  };

  return {
    /** Whether the hub can say texts (espeak-ng is installed). */
    available: canSpeak,
    /** The audio of a text in a language: made once, then read from the folder. */
    say(lang: VoiceLang, text: string): Promise<{ url: string; ms: number }> {
      const clean = text.replace(/\s+/g, ' ').trim();
      const file = `${createHash('sha256').update(`${lang}\n${clean}`).digest('hex').slice(0, 32)}.wav`;
      let ms = known.get(file);
      if (ms === undefined && existsSync(join(dir, file))) {
        // Said before the hub restarted.
        try { ms = measure(decodeWav(readFileSync(join(dir, file)))).ms; known.set(file, ms); } catch { /* made again below */ }
      }
      if (ms !== undefined && existsSync(join(dir, file))) return Promise.resolve({ url: `/voice/said/${file}`, ms });
      if (!canSpeak()) return Promise.reject(new ApiError('unavailable', 'the hub has no speech synthesiser (apt-get install espeak-ng): the kiosk speaks with the browser — لا مُركِّب كلام على الخادم'));
      let p = pending.get(file);
      if (!p) {
        p = (queue = queue.catch(() => undefined).then(async () => {
          const pcm = normalise(trimSilence(await synth(clean, lang)), -20);
          mkdirSync(dir, { recursive: true });
          const tmp = join(dir, `${file}.tmp`);
          writeFileSync(tmp, encodeWav(pcm));
          renameSync(tmp, join(dir, file));
          const m = measure(pcm).ms;
          known.set(file, m);
          if (known.size > MAX_SAID) prune();
          return { url: `/voice/said/${file}`, ms: m };
        })) as Promise<{ url: string; ms: number }>;
        pending.set(file, p);
        void p.catch((err: unknown) => o.log.warn({ err: (err as Error).message }, 'speech synthesis failed')).finally(() => pending.delete(file));
      }
      return p.catch(() => { throw new ApiError('unavailable', 'the text could not be synthesised: the kiosk speaks with the browser — تعذّر نطق النص'); });
    },
    /** The file of a said text, if made. */
    file(name: string): string | undefined {
      return FILE.test(name) && existsSync(join(dir, name)) ? join(dir, name) : undefined;
    },
  };
}
