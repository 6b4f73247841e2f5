// The display's voice: a two-tone chime made with WebAudio, then speechSynthesis. Each step ends
// on its own timer too, because a machine without voices may never fire `end`.
import type { Speaker } from './announcer.ts';

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class BrowserSpeaker implements Speaker {
  private ctx: AudioContext | null = null;

  /** Browsers start audio only after a gesture; the display asks for one tap. */
  async unlock(): Promise<boolean> {
    try {
      this.ctx ??= new AudioContext();
      await this.ctx.resume();
      return this.ctx.state === 'running';
    } catch {
      return false;
    }
  }

  locked(): boolean {
    return !this.ctx || this.ctx.state !== 'running';
  }

  async chime(): Promise<void> {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return wait(300);
    const tone = (freq: number, at: number) => {
      const o = ctx.createOscillator();
      const g = ctx.createGain();
      o.type = 'sine';
      o.frequency.value = freq;
      g.gain.setValueAtTime(0.0001, ctx.currentTime + at);
      g.gain.exponentialRampToValueAtTime(0.35, ctx.currentTime + at + 0.02);
      g.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + at + 0.7);
      o.connect(g).connect(ctx.destination);
      o.start(ctx.currentTime + at);
      o.stop(ctx.currentTime + at + 0.75);
    };
    tone(659.25, 0); // E5
    tone(523.25, 0.4); // C5
    await wait(1200);
  }

  speak(text: string, lang: 'ar' | 'en'): Promise<void> {
    const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
    if (!synth) return wait(400);
    return new Promise<void>((resolve) => {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = lang === 'ar' ? 'ar-SA' : 'en-GB';
      const voice = synth.getVoices().find((v) => v.lang.toLowerCase().startsWith(lang));
      if (voice) u.voice = voice;
      u.rate = 0.9;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        resolve();
      };
      u.onend = finish;
      u.onerror = finish;
      setTimeout(finish, Math.max(2500, text.length * 140));
      synth.speak(u);
    });
  }
}
