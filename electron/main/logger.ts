// The station's log: pino, to a file in the app's logs folder (crashes and refusals end up
// there, on a kiosk nobody watches the console). Secrets are redacted here, not at call sites.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';

/** What main-process modules need from a logger; a pino logger is one. */
export interface Log {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

export const REDACTED_KEYS = ['token', 'deviceToken', 'pin', 'maintenancePin', 'pairingCode', 'maintenancePinHash'];

export function createStationLog(logsDir: string): Log {
  mkdirSync(logsDir, { recursive: true });
  const destination = pino.destination({ dest: join(logsDir, 'station.log'), mkdir: true, sync: false });
  return pino(
    {
      base: { process: 'station-main' },
      redact: { paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((k) => `*.${k}`)], censor: '[redacted]' },
    },
    destination,
  );
}
