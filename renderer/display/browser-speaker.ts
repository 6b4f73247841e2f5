// The display's voice: the call from the hall's recorded clips (clip-voice.ts) when it can; else
// a two-tone chime made with WebAudio, then speechSynthesis. Each step ends on its own timer too,
// because a machine without voices may never fire `end`.
import type { Speaker } from './announcer.ts';
import { ClipVoice, type VoiceSource } from './clip-voice.ts';
import { tone } from '../ui/tone.ts';

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class BrowserSpeaker implements Speaker {
  private ctx: AudioContext | null = null;
  private gain: GainNode | null = null;
  private volume = 1;
  private clips: ClipVoice | null;

  constructor(voice?: VoiceSource) {
    this.clips = voice ? new ClipVoice(voice, () => this.ctx, () => this.gain) : null;
  }

  /** Browsers start audio only after a gesture; the display asks for one tap. */
  async unlock(): Promise<boolean> {
    try {
      if (!this.ctx) {
        this.ctx = new AudioContext();
        this.gain = this.ctx.createGain();
        this.gain.gain.value = this.volume;
        this.gain.connect(this.ctx.destination);
      }
      // resume() never settles while autoplay is blocked in some browsers: do not wait for ever.
      await Promise.race([this.ctx.resume(), wait(1000)]);
      return this.ctx.state === 'running';
    } catch {
      return false;
    }
  }

  /** Loads and decodes every clip of the hall's voice once (works before the first tap too). */
  preload(): Promise<number> {
    if (!this.clips) return Promise.resolve(0);
    try {
      if (!this.ctx) {
        this.ctx = new AudioContext();
        this.gain = this.ctx.createGain();
        this.gain.gain.value = this.volume;
        this.gain.connect(this.ctx.destination);
      }
    } catch {
      return Promise.resolve(0);
    }
    return this.clips.preload().catch(() => 0);
  }

  /** 0–1, kept for the gain node made at the first tap or preload. */
  setVolume(v: number): void {
    this.volume = Math.max(0, Math.min(1, v));
    if (this.gain) this.gain.gain.value = this.volume;
  }

  playCall(number: string, counter: number): Promise<boolean> {
    return this.clips ? this.clips.play(number, counter, this) : Promise.resolve(false);
  }

  locked(): boolean {
    return !this.ctx || this.ctx.state !== 'running';
  }

  async chime(): Promise<void> {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return wait(300);
    const out = this.gain ?? ctx.destination;
    tone(ctx, out, { freq: 659.25, at: ctx.currentTime, length: 0.7, peak: 0.35 }); // E5
    tone(ctx, out, { freq: 523.25, at: ctx.currentTime + 0.4, length: 0.7, peak: 0.35 }); // C5
    await wait(1200);
  }

  speak(text: string, lang: 'ar' | 'en'): Promise<void> {
    const synth = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
    if (!synth) return wait(400);
    return new Promise<void>((resolve) => {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = lang === 'ar' ? 'ar-SA' : 'en-GB';
      u.volume = this.volume;
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
