// The display's recorded voice: a call's plan from the hub (GET /api/v1/voice/plan), its clips
// fetched and decoded once (Web Audio) and scheduled back to back on the audio clock, so there is
// no gap between words. A part whose clips the pack lacks is spoken by speech synthesis instead.
// A recall of the same ticket at the same counter reuses the plan of the call: the same voice,
// even if an admin switches packs in between.
import type { VoiceClipsResponse, VoicePlan } from '../../shared/protocol/voice.ts';

export interface VoiceSource {
  plan(number: string, counter: number): Promise<VoicePlan>;
  clips(): Promise<VoiceClipsResponse>;
  audio(url: string): Promise<ArrayBuffer>;
}

export interface Fallback {
  chime(): Promise<void>;
  speak(text: string, lang: 'ar' | 'en'): Promise<void>;
}

const MAX_PLANS = 200;

export class ClipVoice {
  private buffers = new Map<string, Promise<AudioBuffer | null>>();
  private plans = new Map<string, VoicePlan>();
  private source: VoiceSource;
  private context: () => AudioContext | null;
  private output: () => AudioNode | null;

  constructor(source: VoiceSource, context: () => AudioContext | null, output: () => AudioNode | null) {
    this.source = source;
    this.context = context;
    this.output = output;
  }

  /** Fetches and decodes every clip of the packs that speak now (a few at a time). */
  async preload(): Promise<number> {
    const { clips } = await this.source.clips();
    let next = 0;
    let ok = 0;
    const worker = async () => {
      for (let c = clips[next++]; c; c = clips[next++]) if (await this.buffer(c.url)) ok++;
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    return ok;
  }

  private buffer(url: string): Promise<AudioBuffer | null> {
    let b = this.buffers.get(url);
    if (!b) {
      const ctx = this.context();
      if (!ctx) return Promise.resolve(null);
      b = this.source.audio(url).then((bytes) => ctx.decodeAudioData(bytes)).catch(() => null);
      this.buffers.set(url, b);
      // A failed fetch is tried again next time.
      void b.then((x) => { if (!x) this.buffers.delete(url); });
    }
    return b;
  }

  private async planFor(number: string, counter: number): Promise<VoicePlan> {
    const key = `${number}@${counter}`;
    const known = this.plans.get(key);
    if (known) return known;
    const plan = await this.source.plan(number, counter);
    this.plans.set(key, plan);
    if (this.plans.size > MAX_PLANS) this.plans.delete(this.plans.keys().next().value!);
    return plan;
  }

  /**
   * Plays one call; resolves when it has finished. Answers false when there is no plan (hub
   * unreachable) or no audio, so the caller falls back to speech synthesis for the whole call.
   */
  async play(number: string, counter: number, fallback: Fallback): Promise<boolean> {
    const ctx = this.context();
    const out = this.output();
    if (!ctx || !out || ctx.state !== 'running') return false;
    let plan: VoicePlan;
    try { plan = await this.planFor(number, counter); } catch { return false; }
    const byLang = new Map<string, VoicePlan['clips']>();
    for (const c of plan.clips) byLang.set(c.lang, [...(byLang.get(c.lang) ?? []), c]);
    let first = true;
    for (const part of plan.parts) {
      const clips = byLang.get(part.lang) ?? [];
      const chime = first ? clips.find((c) => c.id === 'chime') : undefined;
      const words = clips.filter((c) => c.id !== 'chime');
      const buffers = part.complete ? await Promise.all(words.map((c) => this.buffer(c.url!))) : [];
      const chimeBuffer = chime?.url ? await this.buffer(chime.url) : null;
      if (first && !chimeBuffer) await fallback.chime();
      if (part.complete && buffers.every((b): b is AudioBuffer => b !== null)) {
        await this.schedule(ctx, out, chimeBuffer ? [chimeBuffer, ...buffers] : buffers);
      } else {
        if (chimeBuffer) await this.schedule(ctx, out, [chimeBuffer]);
        await fallback.speak(part.text, part.lang);
      }
      first = false;
    }
    return true;
  }

  /** Starts each buffer exactly when the one before ends; resolves when the last has played. */
  private schedule(ctx: AudioContext, out: AudioNode, buffers: AudioBuffer[]): Promise<void> {
    let at = ctx.currentTime + 0.05;
    let last: AudioBufferSourceNode | undefined;
    for (const b of buffers) {
      const src = ctx.createBufferSource();
      src.buffer = b;
      src.connect(out);
      src.start(at);
      at += b.duration;
      last = src;
    }
    const total = at - ctx.currentTime;
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = () => { if (!done) { done = true; resolve(); } };
      if (last) last.onended = finish;
      // An output that stalls (unplugged) must not hold the queue for ever.
      setTimeout(finish, total * 1000 + 1500);
    });
  }
}
