// Alarms about the hub itself, kept in memory for the dashboard (GET /api/v1/system/status): one
// entry per kind and subject, its last time and how often it was raised; entries older than a day
// are dropped. Each raise is logged once as a warning.
import type { SystemAlarm, SystemAlarmKind } from '../../../shared/protocol/system.ts';
import type { Logger } from '../../node-common/log.ts';

const DAY_MS = 86_400_000;

export function createAlarms(deps: { log: Logger; now: () => number }) {
  const alarms = new Map<string, SystemAlarm>();
  return {
    raise(kind: SystemAlarmKind, subject: string, detail: string): void {
      const key = `${kind} ${subject}`;
      const at = new Date(deps.now()).toISOString();
      const before = alarms.get(key);
      alarms.delete(key);
      alarms.set(key, { kind, subject, detail, at, count: (before?.count ?? 0) + 1 });
      deps.log.warn({ alarm: kind, subject }, detail);
    },
    clear(kind: SystemAlarmKind, subject?: string): void {
      for (const [k, a] of alarms) if (a.kind === kind && (subject === undefined || a.subject === subject)) alarms.delete(k);
    },
    /** Newest first, the last day only. */
    list(): SystemAlarm[] {
      const since = deps.now() - DAY_MS;
      return [...alarms.values()].filter((a) => Date.parse(a.at) >= since).reverse();
    },
  };
}

export type Alarms = ReturnType<typeof createAlarms>;
