// The logger of the hub and of central. Personal data is redacted here, in the logger, not at call sites (brief §8):
// any run of 6+ digits (ID numbers, phone numbers) and anything MRZ-shaped is replaced, by the
// same rule as the devices' logger (shared/privacy/redact.ts).
import pino, { type Logger } from 'pino';
import { redactIdShaped as redactText } from '../../shared/privacy/redact.ts';

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value instanceof Error) return { type: value.name, message: redactText(value.message), stack: value.stack && redactText(value.stack) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

export function createLogger(options: { level?: string; destination?: pino.DestinationStream; app?: string } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.DAWR_LOG_LEVEL ?? 'info',
      base: { app: options.app ?? 'dawr-hub' },
      redact: { paths: ['req.headers.authorization', 'password', '*.password', 'token', '*.token', 'idToken', '*.idToken', 'idSealed', '*.idSealed', 'credential', '*.credential', 'enrolCode', '*.enrolCode', 'contact', '*.contact'], censor: '[redacted]' },
      formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}

export type { Logger };
