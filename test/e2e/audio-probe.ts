// What a page really plays through Web Audio, observed in the browser: every buffer source started
// (the URL its bytes were fetched from, when on the audio clock, how long), and every utterance
// handed to speech synthesis. Installed before the page's own scripts (addInitScript); the page's
// code is untouched.
import type { BrowserContext, Page } from '@playwright/test';

export type Played = { url: string | null; when: number; duration: number };
export type Probe = { starts: Played[]; spoken: string[] };

export async function installAudioProbe(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript(() => {
    const urlOf = new WeakMap<object, string>();
    const probe = { starts: [] as { url: string | null; when: number; duration: number }[], spoken: [] as string[] };
    (window as unknown as { __audioProbe: typeof probe }).__audioProbe = probe;
    const arrayBuffer = Response.prototype.arrayBuffer;
    Response.prototype.arrayBuffer = async function (this: Response) {
      const bytes = await arrayBuffer.call(this);
      urlOf.set(bytes, this.url);
      return bytes;
    };
    const decode = BaseAudioContext.prototype.decodeAudioData;
    BaseAudioContext.prototype.decodeAudioData = function (this: BaseAudioContext, data: ArrayBuffer, ...rest: unknown[]) {
      const url = urlOf.get(data);
      return (decode as (...a: unknown[]) => Promise<AudioBuffer>).call(this, data, ...rest).then((buffer) => {
        if (url) urlOf.set(buffer, url);
        return buffer;
      });
    } as typeof decode;
    const start = AudioBufferSourceNode.prototype.start;
    AudioBufferSourceNode.prototype.start = function (this: AudioBufferSourceNode, when?: number, ...rest: number[]) {
      probe.starts.push({ url: this.buffer ? urlOf.get(this.buffer) ?? null : null, when: when ?? 0, duration: this.buffer?.duration ?? 0 });
      return start.call(this, when, ...rest);
    };
    if ('speechSynthesis' in window) {
      const speak = speechSynthesis.speak.bind(speechSynthesis);
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        probe.spoken.push(u.text);
        speak(u);
      };
    }
  });
}

export const readProbe = (page: Page): Promise<Probe> => page.evaluate(() => (window as unknown as { __audioProbe: Probe }).__audioProbe);

/** The path and query of a played URL (the page fetches absolute URLs; plans give paths). */
export const pathOf = (url: string | null): string => (url ? url.replace(/^https?:\/\/[^/]+/, '') : '');
