// The devices layer's logger. ID numbers must never reach a log line (brief §8), so redaction
// happens here, in the logger, not at call sites: every message string and every field value is
// scrubbed of digit runs of 6+ and of MRZ-like strings (shared/privacy/redact.ts, the hub's rule
// too) before it is written.
import pino, { type Logger } from 'pino';
import { redactIdShaped as redact } from '../../shared/privacy/redact.ts';

export { redact };

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) >= 100_000) return '[redacted]';
  if (typeof value === 'bigint') return '[redacted]';
  if (value instanceof Error) {
    return { type: value.name, message: redact(value.message), stack: value.stack ? redact(value.stack) : undefined };
  }
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `[${value.length} bytes]`;
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, depth + 1)]));
}

/** Where log lines go; tests swap it to capture lines and prove nothing ID-shaped leaks. */
type Sink = (line: string) => void;
const stdoutSink: Sink = (line) => process.stdout.write(line);
let sink: Sink = stdoutSink;

const root: Logger = pino(
  {
    name: 'dawr-devices',
    level: process.env.DAWR_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
    hooks: {
      logMethod(args, method) {
        const clean = args.map((a) => (typeof a === 'string' ? redact(a) : a)) as Parameters<typeof method>;
        method.apply(this, clean);
      },
    },
    formatters: { log: (obj) => redactValue(obj, 0) as Record<string, unknown> },
    serializers: { err: (e: unknown) => redactValue(e, 0) },
  },
  { write: (line: string) => sink(line) },
);

// pino children copy their level when created, so the level is changed on each of them.
const children = new Set<Logger>();

export function deviceLogger(module: string): Logger {
  const child = root.child({ module });
  children.add(child);
  return child;
}

/** Routes every device log line (all levels down to `debug`) to `onLine` until the returned stop is called. */
export function captureDeviceLogs(onLine: (line: string) => void): () => void {
  const previous = new Map<Logger, string>([root, ...children].map((l) => [l, l.level]));
  for (const l of previous.keys()) l.level = 'debug';
  sink = onLine;
  return () => {
    sink = stdoutSink;
    for (const [l, level] of previous) l.level = level;
  };
}
