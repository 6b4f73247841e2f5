// Human text (names, notes, reasons, device names, comments): one rule for every free-text field.
// Refused with a clear 400 when it holds control characters, bidirectional override or isolate
// characters (which can make a note or a name read differently from what it is: "Trojan
// Source"), unpaired surrogates (not well-formed Unicode), or is blank or too long.
import { z } from 'zod';

/** C0 and C1 controls and DEL; newline and tab only where `multiline` allows them. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
/** LRE RLE PDF LRO RLO, LRI RLI FSI PDI: embedding, override and isolate controls. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text is not clean human text, or undefined when it is. */
export function humanTextProblem(s: string, multiline = false): string | undefined {
  if (LONE_SURROGATE.test(s)) return 'is not well-formed Unicode';
  if ((multiline ? CONTROL : CONTROL_SINGLE_LINE).test(s)) return 'holds control characters';
  if (BIDI_CONTROL.test(s)) return 'holds bidirectional override characters';
  if (s.trim() !== s) return 'starts or ends with spaces';
  return undefined;
}

/**
 * A free-text field: trimmed of nothing (leading/trailing spaces are refused, not silently
 * changed), `min`–`max` characters, clean as `humanTextProblem` says.
 */
export function humanText(opts: { min?: number; max: number; multiline?: boolean }) {
  return z
    .string()
    .min(opts.min ?? 1, opts.min === undefined || opts.min <= 1 ? 'must not be empty' : `at least ${opts.min} characters`)
    .max(opts.max, `at most ${opts.max} characters`)
    .superRefine((s, ctx) => {
      const problem = humanTextProblem(s, opts.multiline);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}
