// From a raw frame to MRZ lines: `_` read as `<` (some readers' keyboard tables), line breaks of
// any kind, stray spaces and control bytes dropped; then TD1 (3×30), TD2 (2×36) or TD3 (2×44).

export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

export type MrzLines =
  | { ok: true; format: MrzFormat; lines: string[] }
  | { ok: false; reason: 'unreadable' | 'unsupported' };

const SHAPES: { format: MrzFormat; count: number; length: number }[] = [
  { format: 'TD1', count: 3, length: 30 },
  { format: 'TD2', count: 2, length: 36 },
  { format: 'TD3', count: 2, length: 44 },
];

export function mrzLines(frame: string): MrzLines {
  const lines = frame
    .toUpperCase()
    .replace(/_/g, '<')
    .split(/[\r\n]+/)
    .map((l) => l.replace(/[\s\x00-\x1f\x7f]/g, ''))
    .filter((l) => l.length > 0);
  if (!lines.length || lines.some((l) => !/^[A-Z0-9<]+$/.test(l))) return { ok: false, reason: 'unreadable' };
  // Some readers send all lines as one run of characters.
  if (lines.length === 1) {
    const one = lines[0]!;
    const shape = SHAPES.find((s) => s.count * s.length === one.length);
    if (shape) {
      const split = Array.from({ length: shape.count }, (_, i) => one.slice(i * shape.length, (i + 1) * shape.length));
      return { ok: true, format: shape.format, lines: split };
    }
  }
  const shape = SHAPES.find((s) => s.count === lines.length && lines.every((l) => l.length === s.length));
  if (shape) return { ok: true, format: shape.format, lines };
  // MRZ characters in a shape we do not know (a visa, a driving licence, a cut-off read).
  return { ok: false, reason: lines.join('').length >= 60 ? 'unsupported' : 'unreadable' };
}
