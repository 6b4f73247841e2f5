// Announces calls one at a time: chime, Arabic, English. Calls that arrive while one is being
// spoken wait their turn in order; none is dropped.
import type { CallText } from '../../shared/voice/arabic-number-words.ts';

export interface Speaker {
  chime(): Promise<void>;
  speak(text: string, lang: 'ar' | 'en'): Promise<void>;
  /** Plays the call from recorded clips; false when it cannot (then chime and speech). */
  playCall?(number: string, counter: number): Promise<boolean>;
}

export type Announcement = { id: string; text: CallText; call?: { number: string; counter: number } };

export class Announcer {
  private queue: Announcement[] = [];
  private running = false;
  private speaker: Speaker;
  private onStart: (a: Announcement) => void;

  constructor(speaker: Speaker, onStart: (a: Announcement) => void = () => {}) {
    this.speaker = speaker;
    this.onStart = onStart;
  }

  enqueue(a: Announcement): void {
    this.queue.push(a);
    if (!this.running) void this.drain();
  }

  pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (let a = this.queue.shift(); a; a = this.queue.shift()) {
        this.onStart(a);
        const call = a.call;
        if (call && this.speaker.playCall && (await this.speaker.playCall(call.number, call.counter).catch(() => false))) continue;
        // A failing device (no audio, no voice) must not stop the queue.
        await this.speaker.chime().catch(() => {});
        await this.speaker.speak(a.text.ar, 'ar').catch(() => {});
        await this.speaker.speak(a.text.en, 'en').catch(() => {});
      }
    } finally {
      this.running = false;
    }
  }
}
