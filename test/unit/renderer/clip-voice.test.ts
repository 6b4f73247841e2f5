// The display's clip player against a fake Web Audio clock: clips decoded once, scheduled back to
// back, a recall with the same plan, speech only for a part the pack lacks, calls never overlapping.
import { describe, expect, it } from 'vitest';
import type { VoicePlan } from '../../../shared/protocol/voice.ts';
import { Announcer } from '../../../renderer/display/announcer.ts';
import { ClipVoice, type VoiceSource } from '../../../renderer/display/clip-voice.ts';

type Started = { url: string; at: number; dur: number };

function fakeAudio() {
  const started: Started[] = [];
  const ctx = {
    state: 'running',
    currentTime: 0,
    decodeAudioData: async (bytes: ArrayBuffer) => ({ duration: new DataView(bytes).getUint16(0) / 1000, url: '' }) as unknown as AudioBuffer,
    createBufferSource() {
      const node = {
        buffer: null as (AudioBuffer & { url?: string }) | null,
        onended: null as null | (() => void),
        connect: () => node,
        start(at: number) {
          started.push({ url: (node.buffer as unknown as { url: string }).url, at, dur: node.buffer!.duration });
          setTimeout(() => node.onended?.(), 1);
        },
      };
      return node;
    },
  };
  return { ctx: ctx as unknown as AudioContext, started };
}

function source(plan: (n: string, c: number) => VoicePlan) {
  const asked = { plans: 0, audio: new Map<string, number>() };
  const s: VoiceSource = {
    plan: async (n, c) => { asked.plans++; return plan(n, c); },
    clips: async () => ({ settings: { languages: ['ar', 'en'], packs: { ar: 'a', en: 'e' } }, clips: [] }),
    audio: async (url) => {
      asked.audio.set(url, (asked.audio.get(url) ?? 0) + 1);
      const b = new ArrayBuffer(2);
      new DataView(b).setUint16(0, 100 + url.length);
      return b;
    },
  };
  return { s, asked };
}

const clip = (lang: 'ar' | 'en', id: string, url: string | null = `/voice/p-${lang}/${id}.wav`) => ({ id, lang, url, ms: 100 });

describe('the display plays calls from clips', () => {
  it('decodes each clip once, schedules them back to back, and replays a recall with the same plan', async () => {
    const { ctx, started } = fakeAudio();
    const { s, asked } = source(() => ({
      text: 'x',
      clips: [clip('ar', 'chime'), clip('ar', 'ticket'), clip('ar', 'n-5'), clip('en', 'ticket'), clip('en', 'n-5')],
      parts: [{ lang: 'ar', text: 'ar', pack: 'p-ar', complete: true }, { lang: 'en', text: 'en', pack: 'p-en', complete: true }],
    }));
    // The decoded buffer remembers its URL, so the test can see what was played when.
    const decode = ctx.decodeAudioData.bind(ctx);
    let pending: string[] = [];
    s.audio = ((orig) => async (url: string) => { pending.push(url); return orig(url); })(s.audio);
    (ctx as unknown as { decodeAudioData: (b: ArrayBuffer) => Promise<AudioBuffer> }).decodeAudioData = async (b) => Object.assign(await decode(b), { url: pending.shift() });
    const spoken: string[] = [];
    const voice = new ClipVoice(s, () => ctx, () => ({}) as AudioNode);
    const fallback = { chime: async () => void spoken.push('chime'), speak: async (t: string) => void spoken.push(t) };
    expect(await voice.play('A-5', 5, fallback)).toBe(true);
    expect(await voice.play('A-5', 5, fallback)).toBe(true); // the recall
    expect(spoken).toEqual([]);
    expect(asked.plans).toBe(1);
    for (const n of asked.audio.values()) expect(n).toBe(1);
    expect(started.map((x) => x.url)).toEqual([
      '/voice/p-ar/chime.wav', '/voice/p-ar/ticket.wav', '/voice/p-ar/n-5.wav', '/voice/p-en/ticket.wav', '/voice/p-en/n-5.wav',
      '/voice/p-ar/chime.wav', '/voice/p-ar/ticket.wav', '/voice/p-ar/n-5.wav', '/voice/p-en/ticket.wav', '/voice/p-en/n-5.wav',
    ]);
    // Gapless within a part: each clip starts where the previous one ends.
    for (const i of [1, 2, 6, 7]) expect(started[i]!.at).toBeCloseTo(started[i - 1]!.at + started[i - 1]!.dur, 9);
  });

  it('speaks a part whose clips the pack lacks, and plays the rest', async () => {
    const { ctx, started } = fakeAudio();
    const { s } = source(() => ({
      text: 'x',
      clips: [clip('ar', 'chime'), clip('ar', 'ticket', null), clip('en', 'ticket')],
      parts: [{ lang: 'ar', text: 'الرقم', pack: 'hall', complete: false }, { lang: 'en', text: 'Ticket', pack: 'p-en', complete: true }],
    }));
    const spoken: string[] = [];
    const voice = new ClipVoice(s, () => ctx, () => ({}) as AudioNode);
    expect(await voice.play('A-1', 1, { chime: async () => void spoken.push('chime'), speak: async (t) => void spoken.push(t) })).toBe(true);
    expect(spoken).toEqual(['الرقم']);
    expect(started).toHaveLength(2); // the chime, then the English ticket clip
  });

  it('gives up (speech for the whole call) when audio is blocked or the hub does not answer', async () => {
    const { ctx } = fakeAudio();
    const { s } = source(() => { throw new Error('offline'); });
    const fb = { chime: async () => {}, speak: async () => {} };
    expect(await new ClipVoice(s, () => ctx, () => ({}) as AudioNode).play('A-1', 1, fb)).toBe(false);
    (ctx as { state: string }).state = 'suspended';
    expect(await new ClipVoice(source(() => ({ text: '', clips: [], parts: [] })).s, () => ctx, () => ({}) as AudioNode).play('A-1', 1, fb)).toBe(false);
  });

  it('never lets two calls overlap in the announcer', async () => {
    let active = 0;
    let max = 0;
    const played: string[] = [];
    const a = new Announcer({
      chime: async () => {}, speak: async () => {},
      playCall: async (n) => { active++; max = Math.max(max, active); played.push(n); await new Promise((r) => setTimeout(r, 3)); active--; return true; },
    });
    a.enqueue({ id: '1', text: { ar: '', en: '' }, call: { number: 'A-1', counter: 1 } });
    a.enqueue({ id: '2', text: { ar: '', en: '' }, call: { number: 'A-2', counter: 2 } });
    while (a.pending()) await new Promise((r) => setTimeout(r, 2));
    expect(max).toBe(1);
    expect(played).toEqual(['A-1', 'A-2']);
  });
});
