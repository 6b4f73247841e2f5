// The kiosk's voice guide: says a step and its choices with the hall's voice packs (the guide's
// phrases, letters and numbers are clips of the pack of each language, GET /api/v1/voice/guide),
// the hall's service names with the hub's synthesiser (POST /api/v1/voice/speak), and what neither
// can say with the browser's speech synthesis. Saying something new stops what was being said.
// Browsers start audio only from a touch: `unlock` is called from the touch that turns help on.
import type { Lang } from '../../../shared/protocol/entities.ts';
import type { Said, VoiceGuide } from '../../../shared/protocol/voice.ts';

/** One thing to say: the clips of the pack that say it (in order), else its text. */
export interface Say {
  lang: Lang;
  text: string;
  clips?: string[];
}

/** Where what was said came from: the pack's clips, the hub's synthesiser, the browser's, or nothing (silent). */
export type SaidBy = 'pack' | 'hub' | 'browser' | 'none';

export interface GuideSource {
  guide(lang: Lang): Promise<VoiceGuide>;
  speak(lang: Lang, text: string): Promise<Said>;
  audio(url: string): Promise<ArrayBuffer>;
}

type Planned = { say: Say; buffers: AudioBuffer[] | null };

export class GuideVoice {
  private ctx: AudioContext | null = null;
  private guides = new Map<Lang, Promise<Map<string, string>>>();
  private buffers = new Map<string, Promise<AudioBuffer | null>>();
  private said = new Map<string, Promise<string | null>>();
  private generation = 0;
  private playing: AudioBufferSourceNode[] = [];
  private source: GuideSource;
  /** Told each time something is said: each part's words and where it came from. */
  onSaid: ((parts: { lang: Lang; text: string; by: SaidBy }[]) => void) | undefined;

  constructor(source: GuideSource) {
    this.source = source;
  }

  /** From a touch: makes (or wakes) the audio output. */
  unlock(): void {
    if (!this.ctx) {
      try { this.ctx = new AudioContext(); } catch { this.ctx = null; }
    }
    void this.ctx?.resume().catch(() => undefined);
  }

  /** Stops what is being said. */
  stop(): void {
    this.generation++;
    for (const s of this.playing) { try { s.stop(); } catch { /* ended */ } }
    this.playing = [];
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
  }

  close(): void {
    this.stop();
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
  }

  private clipUrls(lang: Lang): Promise<Map<string, string>> {
    let p = this.guides.get(lang);
    if (!p) {
      p = this.source.guide(lang).then((g) => new Map(g.clips.map((c) => [c.id, c.url])), () => new Map<string, string>());
      this.guides.set(lang, p);
      void p.then((m) => { if (!m.size) this.guides.delete(lang); });
    }
    return p;
  }

  private buffer(url: string): Promise<AudioBuffer | null> {
    let b = this.buffers.get(url);
    if (!b) {
      const ctx = this.ctx;
      if (!ctx) return Promise.resolve(null);
      b = this.source.audio(url).then((bytes) => ctx.decodeAudioData(bytes)).catch(() => null);
      this.buffers.set(url, b);
      void b.then((x) => { if (!x) this.buffers.delete(url); });
    }
    return b;
  }

  private saidUrl(lang: Lang, text: string): Promise<string | null> {
    const key = `${lang}\n${text}`;
    let p = this.said.get(key);
    if (!p) {
      p = this.source.speak(lang, text).then((s) => s.url, () => null);
      this.said.set(key, p);
    }
    return p;
  }

  /** The audio of one thing to say, and where it comes from; null buffers: the browser says it. */
  private async plan(say: Say): Promise<{ buffers: AudioBuffer[] | null; by: SaidBy }> {
    if (!this.ctx) return { buffers: null, by: 'browser' };
    if (say.clips) {
      const urls = await this.clipUrls(say.lang);
      if (say.clips.every((c) => urls.has(c))) {
        const buffers = await Promise.all(say.clips.map((c) => this.buffer(urls.get(c)!)));
        if (buffers.every((b): b is AudioBuffer => b !== null)) return { buffers, by: 'pack' };
      }
      return { buffers: null, by: 'browser' };
    }
    const url = await this.saidUrl(say.lang, say.text);
    const b = url ? await this.buffer(url) : null;
    return b ? { buffers: [b], by: 'hub' } : { buffers: null, by: 'browser' };
  }

  /** Says these one after another; resolves when done or when something else is said. */
  async say(items: Say[]): Promise<void> {
    this.stop();
    const gen = this.generation;
    const plans = await Promise.all(items.map((i) => this.plan(i)));
    if (gen !== this.generation) return;
    const by = plans.map((p, i) => (p.by === 'browser' && !browserVoice(items[i]!.lang) ? 'none' : p.by));
    this.onSaid?.(items.map((i, n) => ({ lang: i.lang, text: i.text, by: by[n]! })));
    const planned: Planned[] = plans.map((p, i) => ({ say: items[i]!, buffers: p.buffers }));
    for (let i = 0; i < planned.length && gen === this.generation; ) {
      // Clips that follow each other are scheduled back to back on the audio clock: no gap between words.
      const run: AudioBuffer[] = [];
      while (i < planned.length && planned[i]!.buffers) run.push(...planned[i++]!.buffers!);
      if (run.length) await this.schedule(run);
      else await speakWithBrowser(planned[i++]!.say);
    }
  }

  private schedule(buffers: AudioBuffer[]): Promise<void> {
    const ctx = this.ctx!;
    let at = ctx.currentTime + 0.05;
    let last: AudioBufferSourceNode | undefined;
    for (const b of buffers) {
      const src = ctx.createBufferSource();
      src.buffer = b;
      src.connect(ctx.destination);
      src.start(at);
      at += b.duration + 0.12;
      this.playing.push(src);
      last = src;
    }
    const total = at - ctx.currentTime;
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = () => { if (!done) { done = true; resolve(); } };
      if (last) last.onended = finish;
      // Audio that stalls (a suspended output) must not hold the guide for ever.
      setTimeout(finish, total * 1000 + 1500);
    });
  }
}

/** The browser has a voice for this language. */
function browserVoice(lang: Lang): boolean {
  if (typeof speechSynthesis === 'undefined') return false;
  return speechSynthesis.getVoices().some((v) => v.lang.toLowerCase().startsWith(lang));
}

function speakWithBrowser(say: Say): Promise<void> {
  if (!browserVoice(say.lang)) return Promise.resolve();
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(say.text);
    u.lang = say.lang === 'ar' ? 'ar' : 'en';
    const timer = setTimeout(resolve, 2000 + say.text.length * 120);
    u.onend = u.onerror = () => { clearTimeout(timer); resolve(); };
    speechSynthesis.speak(u);
  });
}
