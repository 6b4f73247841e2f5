// One short tone made with Web Audio (no sound file): a 20 ms rise to `peak`, then a fade that is
// silent by `length` seconds. The display's fallback chime and the phone's "your turn" beeps.
export function tone(ctx: BaseAudioContext, out: AudioNode, o: { freq: number; at: number; length: number; peak: number; type?: OscillatorType }): void {
  const osc = ctx.createOscillator();
  const g = ctx.createGain();
  osc.type = o.type ?? 'sine';
  osc.frequency.value = o.freq;
  g.gain.setValueAtTime(0.0001, o.at);
  g.gain.exponentialRampToValueAtTime(o.peak, o.at + 0.02);
  g.gain.exponentialRampToValueAtTime(0.0001, o.at + o.length);
  osc.connect(g).connect(out);
  osc.start(o.at);
  osc.stop(o.at + o.length + 0.03);
}
