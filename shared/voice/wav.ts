// WAV (RIFF, PCM) read and written by hand, and the few measures a clip needs: length, peak,
// loudness; trimming silence and normalising loudness. Pure (DataView, typed arrays): the pack
// generator and the hub's upload check run it in Node, the admin screen in the browser.

export interface Pcm {
  sampleRate: number;
  /** Mono samples in −1…1 (several channels are mixed down on reading). */
  samples: Float32Array;
}

export class WavError extends Error {}

const ascii = (v: DataView, at: number) => String.fromCharCode(v.getUint8(at), v.getUint8(at + 1), v.getUint8(at + 2), v.getUint8(at + 3));

/** Reads a PCM WAV file (8/16/24/32-bit integer or 32-bit float, any channels). */
export function decodeWav(bytes: Uint8Array): Pcm {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 44 || ascii(v, 0) !== 'RIFF' || ascii(v, 8) !== 'WAVE') throw new WavError('not a WAV file');
  let fmt: { format: number; channels: number; rate: number; bits: number } | undefined;
  let data: { at: number; len: number } | undefined;
  for (let at = 12; at + 8 <= bytes.byteLength;) {
    const id = ascii(v, at);
    const len = v.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ' && len >= 16) {
      let format = v.getUint16(body, true);
      // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
      if (format === 0xfffe && len >= 26) format = v.getUint16(body + 24, true);
      fmt = { format, channels: v.getUint16(body + 2, true), rate: v.getUint32(body + 4, true), bits: v.getUint16(body + 14, true) };
    } else if (id === 'data') {
      // espeak-ng and streaming writers leave 0 or 0xffffffff when they could not seek back.
      data = { at: body, len: len === 0 || len === 0xffffffff || body + len > bytes.byteLength ? bytes.byteLength - body : len };
      break;
    }
    at = body + len + (len % 2);
  }
  if (!fmt || !data) throw new WavError('the WAV file has no format or no data');
  const { format, channels, rate, bits } = fmt;
  const intOk = format === 1 && (bits === 8 || bits === 16 || bits === 24 || bits === 32);
  const floatOk = format === 3 && bits === 32;
  if (!(intOk || floatOk) || channels < 1 || channels > 8 || rate < 8000 || rate > 192000) throw new WavError(`unsupported WAV encoding (format ${format}, ${bits}-bit, ${channels} channels, ${rate} Hz): use PCM`);
  const step = bits / 8;
  const frames = Math.floor(data.len / (step * channels));
  const samples = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) {
      const p = data.at + (f * channels + c) * step;
      if (floatOk) sum += v.getFloat32(p, true);
      else if (bits === 8) sum += (v.getUint8(p) - 128) / 128;
      else if (bits === 16) sum += v.getInt16(p, true) / 32768;
      else if (bits === 24) sum += ((v.getUint8(p) | (v.getUint8(p + 1) << 8) | (v.getInt8(p + 2) << 16)) / 8388608);
      else sum += v.getInt32(p, true) / 2147483648;
    }
    samples[f] = sum / channels;
  }
  return { sampleRate: rate, samples };
}

/** Writes mono 16-bit PCM. */
export function encodeWav(pcm: Pcm): Uint8Array<ArrayBuffer> {
  const n = pcm.samples.length;
  const out = new Uint8Array(44 + n * 2);
  const v = new DataView(out.buffer);
  const put = (at: number, s: string) => { for (let i = 0; i < 4; i++) v.setUint8(at + i, s.charCodeAt(i)); };
  put(0, 'RIFF'); v.setUint32(4, 36 + n * 2, true); put(8, 'WAVE');
  put(12, 'fmt '); v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true);
  v.setUint32(24, pcm.sampleRate, true); v.setUint32(28, pcm.sampleRate * 2, true); v.setUint16(32, 2, true); v.setUint16(34, 16, true);
  put(36, 'data'); v.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) {
    const s = Math.max(-1, Math.min(1, pcm.samples[i]!));
    v.setInt16(44 + i * 2, Math.round(s < 0 ? s * 32768 : s * 32767), true);
  }
  return out;
}

const db = (x: number) => (x > 0 ? 20 * Math.log10(x) : -Infinity);

export interface ClipMeasure {
  ms: number;
  /** Peak level, dBFS. */
  peakDb: number;
  /** Loudness: RMS of the 20 ms frames above −50 dBFS (the speech, not the pauses), dBFS. */
  loudnessDb: number;
}

export function measure(pcm: Pcm): ClipMeasure {
  const { samples, sampleRate } = pcm;
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  const frame = Math.max(1, Math.round(sampleRate * 0.02));
  let energy = 0;
  let count = 0;
  for (let at = 0; at < samples.length; at += frame) {
    let e = 0;
    const end = Math.min(samples.length, at + frame);
    for (let i = at; i < end; i++) e += samples[i]! * samples[i]!;
    if (db(Math.sqrt(e / (end - at))) > -50) {
      energy += e;
      count += end - at;
    }
  }
  return { ms: Math.round((samples.length / sampleRate) * 1000), peakDb: db(peak), loudnessDb: count ? db(Math.sqrt(energy / count)) : -Infinity };
}

/** Cuts leading and trailing silence (below `thresholdDb` of the peak), keeping `padMs`, with short fades. */
export function trimSilence(pcm: Pcm, thresholdDb = -40, padMs = 25): Pcm {
  const { samples, sampleRate } = pcm;
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  const limit = peak * 10 ** (thresholdDb / 20);
  let first = 0;
  while (first < samples.length && Math.abs(samples[first]!) <= limit) first++;
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last]!) <= limit) last--;
  const pad = Math.round((sampleRate * padMs) / 1000);
  const out = samples.slice(Math.max(0, first - pad), Math.min(samples.length, last + 1 + pad));
  fade(out, Math.round(sampleRate * 0.005));
  return { sampleRate, samples: out };
}

/** Scales to `targetDb` loudness (see measure), never letting the peak pass `ceilingDb`. */
export function normalise(pcm: Pcm, targetDb = -20, ceilingDb = -1): Pcm {
  const m = measure(pcm);
  if (!Number.isFinite(m.loudnessDb)) return pcm;
  const gainDb = Math.min(targetDb - m.loudnessDb, ceilingDb - m.peakDb);
  const g = 10 ** (gainDb / 20);
  return { sampleRate: pcm.sampleRate, samples: pcm.samples.map((s) => s * g) };
}

function fade(samples: Float32Array, n: number): void {
  const len = Math.min(n, Math.floor(samples.length / 2));
  for (let i = 0; i < len; i++) {
    const g = i / len;
    samples[i]! *= g;
    samples[samples.length - 1 - i]! *= g;
  }
}

/** Why a recorded or uploaded clip cannot be used, in both languages; undefined when it can. */
export function clipProblem(pcm: Pcm, maxMs: number): { ar: string; en: string } | undefined {
  const m = measure(pcm);
  if (m.ms < 80) return { ar: 'المقطع قصير جدًا أو فارغ.', en: 'The clip is empty or too short.' };
  if (m.ms > maxMs) return { ar: `المقطع أطول من ${maxMs / 1000} ثوانٍ (${(m.ms / 1000).toFixed(1)} ث): اقطعه إلى الكلمة وحدها.`, en: `The clip is longer than ${maxMs / 1000} s (${(m.ms / 1000).toFixed(1)} s): cut it to the word alone.` };
  if (m.peakDb < -40 || !(m.loudnessDb > -50)) return { ar: 'المقطع صامت أو خافت جدًا: سجّل مرة أخرى أقرب إلى الميكروفون.', en: 'The clip is silent or far too quiet: record it again closer to the microphone.' };
  return undefined;
}
