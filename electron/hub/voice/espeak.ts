// eSpeak NG (Debian's espeak-ng), the voice of the default packs: the voice and speed of each
// language, and one text synthesised to PCM — at build time (./dawr voice build, synchronously)
// and on the hub for the kiosk's guide (the hall's service names, asynchronously).
import { execFile, execFileSync } from 'node:child_process';
import type { VoiceLang } from '../../../shared/voice/clips.ts';
import { type Pcm, decodeWav } from '../../../shared/voice/wav.ts';

export const ESPEAK_RATE = 22050;

export const ESPEAK_PACKS: Record<VoiceLang, { id: string; voice: string; speed: number; name: { ar: string; en: string } }> = {
  ar: { id: 'espeak-ar', voice: 'ar', speed: 140, name: { ar: 'الصوت الافتراضي (eSpeak NG)', en: 'Default Arabic voice (eSpeak NG)' } },
  en: { id: 'espeak-en', voice: 'en-gb', speed: 150, name: { ar: 'الصوت الإنجليزي الافتراضي (eSpeak NG)', en: 'Default English voice (eSpeak NG)' } },
};

// espeak-ng reads a shadda only before the short vowel (رَّ read as "r" without its "a"); Unicode's
// canonical order (and many editors) put the vowel first. Put every shadda before its vowel.
const shaddaFirst = (s: string) => s.replace(/([\u064b-\u0650\u0652])\u0651/g, '\u0651$1');

const args = (text: string, lang: VoiceLang) => ['-v', ESPEAK_PACKS[lang].voice, '-s', String(ESPEAK_PACKS[lang].speed), '--stdout', shaddaFirst(text)];

function toPcm(wav: Buffer): Pcm {
  const pcm = decodeWav(new Uint8Array(wav.buffer, wav.byteOffset, wav.byteLength));
  if (pcm.sampleRate !== ESPEAK_RATE) throw new Error(`espeak-ng wrote ${pcm.sampleRate} Hz, expected ${ESPEAK_RATE}`);
  return pcm;
}

export const espeakSync = (text: string, lang: VoiceLang): Pcm => toPcm(execFileSync('espeak-ng', args(text, lang), { maxBuffer: 16 << 20 }));

export function espeak(text: string, lang: VoiceLang): Promise<Pcm> {
  return new Promise((resolve, reject) => {
    execFile('espeak-ng', args(text, lang), { encoding: 'buffer', maxBuffer: 16 << 20, timeout: 15_000 }, (err, stdout) => {
      if (err) return reject(err);
      try { resolve(toPcm(stdout)); } catch (e) { reject(e as Error); }
    });
  });
}

export function espeakVersion(): string {
  return /eSpeak NG text-to-speech: (\S+)/.exec(execFileSync('espeak-ng', ['--version'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
}

/** True when espeak-ng is on this machine. */
export function haveEspeak(): boolean {
  try { espeakVersion(); return true; } catch { return false; }
}
