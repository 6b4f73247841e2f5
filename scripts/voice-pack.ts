// ./dawr voice build: the default voice packs (resources/voice/espeak-ar, espeak-en), generated
// offline by eSpeak NG (Debian's espeak-ng) from the vocalised texts of shared/voice/clips.ts:
// each clip synthesised, leading and trailing silence trimmed, loudness normalised, written as
// mono 16-bit WAV with its manifest. The chime is made here (two sine tones). The same espeak-ng
// and the same texts give the same bytes (`./dawr voice build --check` compares).
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESPEAK_PACKS, ESPEAK_RATE, espeakSync, espeakVersion, haveEspeak } from '../electron/hub/voice/espeak.ts';
import { type VoiceLang, clipCatalogue } from '../shared/voice/clips.ts';
import type { VoiceManifest } from '../shared/voice/manifest.ts';
import { type Pcm, encodeWav, measure, normalise, trimSilence } from '../shared/voice/wav.ts';

export const VOICE_DIR = fileURLToPath(new URL('../resources/voice/', import.meta.url));
const RATE = ESPEAK_RATE;
const PACKS = ESPEAK_PACKS;

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
      const raw = c.id === 'chime' ? chime() : trimSilence(espeakSync(c.say, lang));
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

export { haveEspeak };

/** The shipped pack of a language is there and holds every clip of the catalogue (a new version adds clips: the kiosk's guide). */
function packComplete(lang: VoiceLang): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(VOICE_DIR, PACKS[lang].id, 'manifest.json'), 'utf8')) as VoiceManifest;
    const have = new Set(manifest.clips.map((c) => c.id));
    return clipCatalogue(lang).every((c) => have.has(c.id));
  } catch {
    return false;
  }
}

/**
 * ./dawr start and ./dawr hub: builds the default packs when they are missing and espeak-ng is
 * here, else says what to install; never stops the hub from starting (a read-only checkout under
 * a service: the packs are built at install, docs/install.md).
 */
export function buildDefaultPacksIfMissing(): void {
  const missing = (Object.keys(PACKS) as VoiceLang[]).some((lang) => !packComplete(lang));
  if (!missing) return;
  if (!haveEspeak()) {
    console.error('dawr: no default voice pack and no espeak-ng to make one: hall displays will speak calls with the browser\'s speech synthesis, or not at all. Install it (apt-get install espeak-ng), then ./dawr voice build');
    return;
  }
  console.error('dawr: building the default voice packs with eSpeak NG (once per version, a few seconds)');
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
