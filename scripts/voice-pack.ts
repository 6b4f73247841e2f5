// ./dawr voice build: the default voice packs (resources/voice/espeak-ar, espeak-en), generated
// offline by eSpeak NG (Debian's espeak-ng) from the vocalised texts of shared/voice/clips.ts:
// each clip synthesised, leading and trailing silence trimmed, loudness normalised, written as
// mono 16-bit WAV with its manifest. The chime is made here (two sine tones). The same espeak-ng
// and the same texts give the same bytes (`./dawr voice build --check` compares).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type VoiceLang, clipCatalogue } from '../shared/voice/clips.ts';
import type { VoiceManifest } from '../shared/voice/manifest.ts';
import { type Pcm, decodeWav, encodeWav, measure, normalise, trimSilence } from '../shared/voice/wav.ts';

export const VOICE_DIR = fileURLToPath(new URL('../resources/voice/', import.meta.url));
const RATE = 22050;

const PACKS: Record<VoiceLang, { id: string; voice: string; speed: number; name: { ar: string; en: string } }> = {
  ar: { id: 'espeak-ar', voice: 'ar', speed: 140, name: { ar: 'الصوت الافتراضي (eSpeak NG)', en: 'Default Arabic voice (eSpeak NG)' } },
  en: { id: 'espeak-en', voice: 'en-gb', speed: 150, name: { ar: 'الصوت الإنجليزي الافتراضي (eSpeak NG)', en: 'Default English voice (eSpeak NG)' } },
};

// espeak-ng reads a shadda only before the short vowel (رَّ read as "r" without its "a"); Unicode's
// canonical order (and many editors) put the vowel first. Put every shadda before its vowel.
const shaddaFirst = (s: string) => s.replace(/([\u064b-\u0650\u0652])\u0651/g, '\u0651$1');

function espeak(text: string, voice: string, speed: number): Pcm {
  const wav = execFileSync('espeak-ng', ['-v', voice, '-s', String(speed), '--stdout', shaddaFirst(text)], { maxBuffer: 16 << 20 });
  const pcm = decodeWav(new Uint8Array(wav.buffer, wav.byteOffset, wav.byteLength));
  if (pcm.sampleRate !== RATE) throw new Error(`espeak-ng wrote ${pcm.sampleRate} Hz, expected ${RATE}`);
  return pcm;
}

/** The display's two-tone chime (E5 then C5, as browser-speaker.ts played it). */
function chime(): Pcm {
  const samples = new Float32Array(Math.round(RATE * 1.15));
  const tone = (freq: number, startS: number) => {
    const from = Math.round(startS * RATE);
    for (let i = 0; from + i < samples.length && i < RATE * 0.75; i++) {
      const t = i / RATE;
      const env = Math.min(1, t / 0.02) * Math.exp(-t * 6);
      samples[from + i]! += 0.4 * env * Math.sin(2 * Math.PI * freq * t);
    }
  };
  tone(659.25, 0);
  tone(523.25, 0.4);
  return { sampleRate: RATE, samples };
}

export function espeakVersion(): string {
  return /eSpeak NG text-to-speech: (\S+)/.exec(execFileSync('espeak-ng', ['--version'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
}

/** Builds both packs into `dir` (default resources/voice); answers what was written. */
export function buildDefaultPacks(dir = VOICE_DIR): { pack: string; clips: number; bytes: number; ms: number }[] {
  const version = espeakVersion();
  return (Object.keys(PACKS) as VoiceLang[]).map((lang) => {
    const p = PACKS[lang];
    const out = join(dir, p.id);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const manifest: VoiceManifest = { format: 1, name: p.name, language: lang, voice: `eSpeak NG ${version}, voice ${p.voice}, ${p.speed} words/min`, sampleRate: RATE, clips: [] };
    let bytes = 0;
    let ms = 0;
    for (const c of clipCatalogue(lang)) {
      const raw = c.id === 'chime' ? chime() : trimSilence(espeak(c.say, p.voice, p.speed));
      const pcm = normalise(raw, c.id === 'chime' ? -22 : -20);
      const file = `${c.id}.wav`;
      const wav = encodeWav(pcm);
      writeFileSync(join(out, file), wav);
      const m = measure(pcm);
      manifest.clips.push({ id: c.id, text: c.text, file, ms: m.ms });
      bytes += wav.byteLength;
      ms += m.ms;
    }
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    return { pack: p.id, clips: manifest.clips.length, bytes, ms };
  });
}

/** True when espeak-ng is on this machine. */
export function haveEspeak(): boolean {
  try { espeakVersion(); return true; } catch { return false; }
}

/**
 * ./dawr start and ./dawr hub: builds the default packs when they are missing and espeak-ng is
 * here, else says what to install; never stops the hub from starting (a read-only checkout under
 * a service: the packs are built at install, docs/install.md).
 */
export function buildDefaultPacksIfMissing(): void {
  const missing = Object.values(PACKS).some((p) => !existsSync(join(VOICE_DIR, p.id, 'manifest.json')));
  if (!missing) return;
  if (!haveEspeak()) {
    console.error('dawr: no default voice pack and no espeak-ng to make one: hall displays will speak calls with the browser\'s speech synthesis, or not at all. Install it (apt-get install espeak-ng), then ./dawr voice build');
    return;
  }
  console.error('dawr: building the default voice packs with eSpeak NG (once, a few seconds)');
  try {
    buildDefaultPacks();
  } catch (err) {
    console.error(`dawr: the default voice packs could not be built (${(err as Error).message}): run ./dawr voice build as the checkout's owner`);
  }
}

export function main(argv: string[]): void {
  const [sub, ...rest] = argv;
  if (sub === 'if-missing') {
    buildDefaultPacksIfMissing();
    return;
  }
  if (sub !== 'build') {
    console.error('usage: ./dawr voice build [--check]   (needs espeak-ng: apt-get install espeak-ng)');
    process.exit(2);
  }
  if (rest.includes('--check')) {
    const tmp = join(VOICE_DIR, '..', '..', 'tmp', 'voice-check');
    rmSync(tmp, { recursive: true, force: true });
    buildDefaultPacks(tmp);
    const diff: string[] = [];
    for (const pack of Object.values(PACKS).map((p) => p.id)) {
      for (const f of readdirSync(join(tmp, pack))) {
        const a = readFileSync(join(tmp, pack, f));
        let b: Buffer | undefined;
        try { b = readFileSync(join(VOICE_DIR, pack, f)); } catch { /* missing */ }
        if (!b || !a.equals(b)) diff.push(`${pack}/${f}`);
      }
    }
    rmSync(tmp, { recursive: true, force: true });
    if (diff.length) {
      console.error(`dawr voice: ${diff.length} files differ from a fresh build: ${diff.slice(0, 10).join(', ')}`);
      process.exit(1);
    }
    console.log('dawr voice: the packs in resources/voice equal a fresh build');
    return;
  }
  for (const r of buildDefaultPacks()) console.log(`${r.pack}: ${r.clips} clips, ${(r.ms / 1000).toFixed(1)} s, ${(r.bytes / 1024).toFixed(0)} KiB`);
}
