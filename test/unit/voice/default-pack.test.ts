// The default packs eSpeak NG makes (./dawr voice build): every clip of the catalogue present,
// a real WAV, not silent, loudness normalised, silence trimmed. Built into a temporary folder when
// resources/voice has none (needs espeak-ng, which .ci/run installs).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VOICE_DIR, buildDefaultPacks, haveEspeak } from '../../../scripts/voice-pack.ts';
import { clipCatalogue } from '../../../shared/voice/clips.ts';
import { checkManifest, missingClips } from '../../../shared/voice/manifest.ts';
import { decodeWav, measure } from '../../../shared/voice/wav.ts';

const present = existsSync(join(VOICE_DIR, 'espeak-ar', 'manifest.json')) && existsSync(join(VOICE_DIR, 'espeak-en', 'manifest.json'));
const canBuild = present || haveEspeak();
let dir = VOICE_DIR;
if (!canBuild) console.log('default voice packs: skipped — no packs in resources/voice and no espeak-ng to build them (apt-get install -y espeak-ng; .ci/run installs it)');
let temp: string | undefined;

describe.skipIf(!canBuild)('the default voice packs (eSpeak NG)', () => {
  beforeAll(() => {
    if (present) return;
    temp = mkdtempSync(join(tmpdir(), 'dawr-voice-'));
    dir = temp;
    buildDefaultPacks(dir);
  }, 120_000);
  afterAll(() => { if (temp) rmSync(temp, { recursive: true, force: true }); });

  for (const [pack, lang] of [['espeak-ar', 'ar'], ['espeak-en', 'en']] as const) {
    it(`${pack}: every clip present, decodable, audible, normalised and trimmed`, () => {
      const r = checkManifest(JSON.parse(readFileSync(join(dir, pack, 'manifest.json'), 'utf8')));
      if (!r.ok) throw new Error(r.errors.join('; '));
      expect(r.manifest.language).toBe(lang);
      expect(missingClips(r.manifest)).toEqual([]);
      expect(r.manifest.clips).toHaveLength(clipCatalogue(lang).length);
      for (const c of r.manifest.clips) {
        const pcm = decodeWav(new Uint8Array(readFileSync(join(dir, pack, c.file))));
        const m = measure(pcm);
        expect(pcm.sampleRate, c.id).toBe(r.manifest.sampleRate);
        expect(m.ms, c.id).toBe(c.ms);
        expect(m.ms, c.id).toBeGreaterThan(200);
        // A word of a call under 2.5 s; a phrase of the kiosk's guide within its 10 s.
        expect(m.ms, c.id).toBeLessThan(c.id.startsWith('guide-') ? 10_000 : 2500);
        expect(m.peakDb, c.id).toBeLessThanOrEqual(-0.9);
        expect(m.peakDb, c.id).toBeGreaterThan(-12);
        // Loudness within 3 dB of the target (−20 dBFS; the chime −22), unless the peak ceiling held it down.
        expect(m.loudnessDb, c.id).toBeGreaterThan(-25);
        expect(m.loudnessDb, c.id).toBeLessThan(-17);
        // Trimmed: no more than 60 ms of near-silence at either end.
        const edge = Math.round(pcm.sampleRate * 0.06);
        const loud = (s: number) => Math.abs(s) > 0.01;
        expect(pcm.samples.subarray(0, edge).some(loud), `${c.id} starts with silence`).toBe(true);
        // (The chime rings out by design.)
        if (c.id !== 'chime') expect(pcm.samples.subarray(pcm.samples.length - edge).some(loud), `${c.id} ends with silence`).toBe(true);
      }
    });
  }
});
