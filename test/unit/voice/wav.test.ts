import { describe, expect, it } from 'vitest';
import { clipProblem, decodeWav, encodeWav, measure, normalise, trimSilence } from '../../../shared/voice/wav.ts';

const tone = (ms: number, amp: number, rate = 16000, silenceMs = 0) => {
  const pad = Math.round((rate * silenceMs) / 1000);
  const n = Math.round((rate * ms) / 1000);
  const samples = new Float32Array(n + 2 * pad);
  for (let i = 0; i < n; i++) samples[pad + i] = amp * Math.sin((2 * Math.PI * 440 * i) / rate);
  return { sampleRate: rate, samples };
};

describe('WAV', () => {
  it('writes and reads back mono 16-bit PCM', () => {
    const pcm = tone(500, 0.5);
    const back = decodeWav(encodeWav(pcm));
    expect(back.sampleRate).toBe(16000);
    expect(back.samples.length).toBe(pcm.samples.length);
    for (let i = 0; i < 100; i++) expect(back.samples[i]).toBeCloseTo(pcm.samples[i]!, 3);
    expect(measure(back).ms).toBe(500);
  });

  it('refuses what is not PCM WAV', () => {
    expect(() => decodeWav(new TextEncoder().encode('ID3 this is an mp3 file, honestly, trust me....'))).toThrow(/not a WAV/);
    const wav = encodeWav(tone(100, 0.5));
    new DataView(wav.buffer).setUint16(20, 85, true); // MPEG in a RIFF
    expect(() => decodeWav(wav)).toThrow(/PCM/);
  });

  it('trims silence at both ends and normalises loudness under the peak ceiling', () => {
    const trimmed = trimSilence(tone(400, 0.05, 16000, 300));
    expect(measure(trimmed).ms).toBeGreaterThanOrEqual(400);
    expect(measure(trimmed).ms).toBeLessThan(460);
    const loud = normalise(trimmed, -20, -1);
    expect(measure(loud).loudnessDb).toBeCloseTo(-20, 0);
    expect(measure(normalise(tone(300, 0.1), 0, -1)).peakDb).toBeCloseTo(-1, 1);
  });

  it('says in Arabic and English why a clip is refused: too long, silent, empty', () => {
    expect(clipProblem(tone(800, 0.3), 5000)).toBeUndefined();
    expect(clipProblem(tone(6000, 0.3), 5000)?.en).toMatch(/longer than 5 s/);
    expect(clipProblem(tone(6000, 0.3), 5000)?.ar).toMatch(/أطول من/);
    expect(clipProblem(tone(800, 0.001), 5000)?.en).toMatch(/silent/);
    expect(clipProblem(tone(20, 0.3), 5000)?.en).toMatch(/empty or too short/);
  });
});
