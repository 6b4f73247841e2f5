// Text helpers for the SVG layout. The layout is pure (no font metrics here), so line breaking
// uses a conservative width estimate per character; the printed font is always the shipped Noto.

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;

export function isArabic(text: string): boolean {
  return ARABIC.test(text);
}

/** Estimated advance of one character in em; deliberately on the wide side so text never clips. */
function charEm(ch: string, bold: boolean): number {
  if (ch === ' ') return 0.26;
  if (/[\u064b-\u065f\u0670]/.test(ch)) return 0; // Arabic marks take no advance
  if (ARABIC.test(ch)) return bold ? 0.52 : 0.48;
  if (/[A-Z0-9]/.test(ch)) return bold ? 0.68 : 0.64;
  if (/[il.,:;'|!]/.test(ch)) return 0.3;
  return bold ? 0.6 : 0.56;
}

export function estimateWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charEm(ch, bold);
  return em * fontSize;
}

/**
 * Greedy word wrap to `maxWidth`, at most `maxLines` lines; an overlong last line ends with "…".
 * A single word wider than the line is kept whole (the caller shrinks the font for such cases).
 */
export function wrapText(text: string, fontSize: number, maxWidth: number, maxLines: number, bold = false): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (!current || estimateWidth(candidate, fontSize, bold) <= maxWidth) {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = word;
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  // Cut at a word boundary where possible: half a word reads worse than an ellipsis.
  const lastWords = `${kept[maxLines - 1]} ${lines[maxLines]}`.split(' ');
  while (lastWords.length > 1 && estimateWidth(`${lastWords.join(' ')}…`, fontSize, bold) > maxWidth) lastWords.pop();
  let last = lastWords.join(' ');
  while (last.length > 1 && estimateWidth(`${last}…`, fontSize, bold) > maxWidth) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/** The largest size ≤ `size` (down to `min`) at which the text fits one line by estimate. */
export function fitFontSize(text: string, size: number, min: number, maxWidth: number, bold = false): number {
  const width = estimateWidth(text, size, bold);
  if (width <= maxWidth) return size;
  return Math.max(min, Math.floor((size * maxWidth) / width));
}
