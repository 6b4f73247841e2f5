// "Your turn" on the citizen's phone while the tracking page is open: three short beeps made with
// Web Audio (no sound file to load) and a vibration. Phones play sound only after a touch on the
// page, so the first touch anywhere (or the "test the alert" button) readies the sound.
import { tone } from '../ui/tone.ts';

const PATTERN_MS = [400, 200, 400, 200, 600];

export class TurnAlert {
  private ctx: AudioContext | null = null;

  /** Call from a touch or click: creates or resumes the audio context while the gesture counts. */
  ready(): void {
    try {
      this.ctx ??= new AudioContext();
      if (this.ctx.state !== 'running') void this.ctx.resume().catch(() => {});
    } catch {
      this.ctx = null; // no Web Audio: the vibration and the screen remain
    }
  }

  /** Beeps (when the page may play sound) and vibrates (where the phone can). */
  ring(beeps = 3): void {
    try {
      if (typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function') navigator.vibrate(PATTERN_MS);
    } catch {
      // a browser that refuses vibration: nothing to do
    }
    this.ready();
    const c = this.ctx;
    if (!c) return;
    for (let i = 0; i < beeps; i++) tone(c, c.destination, { freq: 880, at: c.currentTime + 0.05 + i * 0.45, length: 0.3, peak: 0.3, type: 'square' });
  }
}
