// Upgrades move forward only (issue 24, brief §12): a hall's data folder written by the release
// before this one (test/fixtures/upgrade-0.1.0) opens with this build, migrates, and answers the
// same seven reports (medians and 90th percentiles within the roll-ups' bound, everything else
// equal); a database written by a newer Dawr is refused with the version to run.
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/domain/clock.ts';
import { startHub } from '../../../electron/hub/hub.ts';
import { createLogger } from '../../../electron/node-common/log.ts';
import { BUILD_SCHEMA_VERSION } from '../../../electron/hub/backup/hall-backup.ts';
import { ApiClient } from '../../support/hub.ts';
import { Database } from '../../support/sqlite.ts';

const fixture = fileURLToPath(new URL('../../fixtures/upgrade-0.1.0/hub/', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const copy = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dawr-upgrade-'));
  dirs.push(dir);
  copyFileSync(join(fixture, 'dawr.sqlite'), join(dir, 'dawr.sqlite'));
  return dir;
};
/**
 * Medians and 90th percentiles are read from the daily roll-ups' 30-second bins since issue 25
 * (0.1.0 sorted every wait): they may differ by at most 0.5 min (the bins' own bound is 0.25).
 * Returns `got` with those fields set to `want`'s where within the bound, so everything else must
 * still be exactly equal.
 */
const BINNED = new Set(['waitMedian', 'waitP90']);
function withinBins(got: unknown, want: unknown, where: string): unknown {
  if (Array.isArray(got) && Array.isArray(want)) return got.map((g, i) => withinBins(g, want[i], `${where}[${i}]`));
  if (!got || !want || typeof got !== 'object' || typeof want !== 'object') return got;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(got)) {
    const w = (want as Record<string, unknown>)[k];
    if (BINNED.has(k) && typeof v === 'number' && typeof w === 'number') {
      expect(Math.abs(v - w), `${where}.${k}`).toBeLessThanOrEqual(0.5);
      out[k] = w;
    } else out[k] = withinBins(v, w, `${where}.${k}`);
  }
  return out;
}

const schemaOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT MAX(id) AS v FROM migrations').get() as { v: number }).v;
  } finally {
    db.close();
  }
};

describe("a hall's data written by Dawr 0.1.0", () => {
  it('opens with this build, migrates forward, and answers the same seven reports (medians and 90th percentiles within 0.5 min)', async () => {
    const dir = copy();
    expect(schemaOf(join(dir, 'dawr.sqlite'))).toBe(5);
    // The day the fixture was made, so nothing in it has passed its retention yet.
    const hub = await startHub({ dataDir: dir, port: 0, clock: manualClock(Date.parse('2026-12-07T06:00:00Z')), log: createLogger({ level: 'silent' }) });
    try {
      expect(schemaOf(join(dir, 'dawr.sqlite'))).toBe(BUILD_SCHEMA_VERSION);
      const api = new ApiClient(hub.url);
      const manager = await api.login('manager', 'dawr-manager');
      const files = readdirSync(join(fixture, 'reports'));
      expect(files).toHaveLength(7);
      for (const f of files) {
        const name = f.replace(/\.json$/, '');
        const want = JSON.parse(readFileSync(join(fixture, 'reports', f), 'utf8'));
        const got = (await api.get(`/api/v1/reports/${name}?from=2026-12-04&to=2026-12-06&format=json&lang=en`, manager)).body;
        // Everything but the moment it was made; medians and 90th percentiles within the bins' bound.
        expect({ ...(withinBins(got, want, name) as object), generatedAt: undefined }, name).toEqual({ ...want, generatedAt: undefined });
      }
    } finally {
      await hub.close();
    }
  });

  it('a database a newer Dawr has migrated is refused, naming the version to run', async () => {
    const dir = copy();
    const db = new Database(join(dir, 'dawr.sqlite'));
    db.prepare("INSERT INTO migrations (id, name, sha256, applied_at) VALUES (999, 'from the future', 'x', '2027-01-01')").run();
    db.prepare("INSERT INTO settings (key, value) VALUES ('writtenBy', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify({ version: '9.4.0', schemaVersion: 999 }));
    db.close();
    await expect(startHub({ dataDir: dir, port: 0, log: createLogger({ level: 'silent' }) })).rejects.toThrow(/schema 999.*Dawr 9\.4\.0.*run that version or newer/);
  });
});
