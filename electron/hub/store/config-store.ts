// Hall configuration: settings (installation secret, branch, routing), services and counters.
// Services and counters are written by the event store's projections; read here at start-up.
import type { Counter, Service } from '../../../shared/protocol/entities.ts';
import type { Db } from './database.ts';

export type ConfigStore = ReturnType<typeof createConfigStore>;

export function createConfigStore(db: Db) {
  const getSetting = db.prepare('SELECT value FROM settings WHERE key = ?');
  const putSetting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const selectServices = db.prepare('SELECT body FROM services ORDER BY position, id');
  const selectCounters = db.prepare('SELECT body FROM counters ORDER BY number');
  return {
    get<T>(key: string): T | undefined {
      const row = getSetting.get(key) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    set(key: string, value: unknown): void {
      putSetting.run(key, JSON.stringify(value));
    },
    services: (): Service[] => (selectServices.all() as { body: string }[]).map((r) => JSON.parse(r.body)),
    counters: (): Counter[] => (selectCounters.all() as { body: string }[]).map((r) => ({ ...JSON.parse(r.body), state: 'closed' as const })),
  };
}
