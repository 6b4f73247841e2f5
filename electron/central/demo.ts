// `dawr central --demo`: two municipalities, three centres, and three real hubs (child processes,
// each a demo hall with its own services, counters and a fortnight of generated days) that enrol
// with central and replicate into it, exactly as halls in the field do. Idempotent: a second start
// reuses the municipalities, centres and halls' data, and each hall enrols again with a new code.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEED_SERVICES } from '../../shared/demo/services.ts';
import { hashToken, newPairingCode } from '../node-common/tokens.ts';
import type { RunningCentral } from './central.ts';
import { freePort } from './embedded-postgres.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

const MUNICIPALITIES = [
  { id: 'homs', name: { ar: 'مجلس مدينة حمص', en: 'Homs City Council' } },
  { id: 'hama', name: { ar: 'مجلس مدينة حماة', en: 'Hama City Council' } },
];
/** Each centre and the hub demo profile (electron/hub/demo.ts) its hall runs. */
const CENTRES = [
  { id: 'homs-centre', municipalityId: 'homs', profile: 'centre', name: { ar: 'قاعة خدمة المواطن — المركز', en: 'Citizen Service Hall — Centre' }, district: { ar: 'المركز', en: 'Centre' } },
  { id: 'homs-waer', municipalityId: 'homs', profile: 'waer', name: { ar: 'مركز خدمة المواطن — الوعر', en: 'Citizen Service Centre — Al-Waer' }, district: { ar: 'الوعر', en: 'Al-Waer' } },
  { id: 'hama-centre', municipalityId: 'hama', profile: 'hama', name: { ar: 'مركز خدمة المواطن — حماة', en: 'Citizen Service Centre — Hama' }, district: { ar: 'المدينة', en: 'City' } },
];
export const CENTRAL_DEMO_ACCOUNTS = [
  { username: 'platform', password: 'dawr-platform', role: 'platform_admin' as const, municipalityId: null, branchId: null },
  { username: 'homs-admin', password: 'dawr-homs-admin', role: 'municipality_admin' as const, municipalityId: 'homs', branchId: null },
  { username: 'homs-manager', password: 'dawr-homs-manager', role: 'municipality_manager' as const, municipalityId: 'homs', branchId: null },
  { username: 'waer-manager', password: 'dawr-waer-manager', role: 'centre_manager' as const, municipalityId: 'homs', branchId: 'homs-waer' },
  { username: 'hama-admin', password: 'dawr-hama-admin', role: 'municipality_admin' as const, municipalityId: 'hama', branchId: null },
];

/** Seeds the platform (once) and returns a fresh enrolment code per centre. */
export async function seedCentralDemo(central: RunningCentral): Promise<Map<string, string>> {
  const { pool } = central.db;
  for (const m of MUNICIPALITIES) {
    await pool.query('INSERT INTO municipalities (id, name_ar, name_en) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [m.id, m.name.ar, m.name.en]);
    // Each municipality's catalogue: the seed services it offers, with its own targets.
    const services = SEED_SERVICES.filter((s) => m.id === 'homs' || s.id !== 'land-planning');
    await pool.query('INSERT INTO catalogue (municipality_id, version, services) VALUES ($1, 1, $2) ON CONFLICT DO NOTHING', [m.id, JSON.stringify(services)]);
  }
  const codes = new Map<string, string>();
  for (const c of CENTRES) {
    await pool.query('INSERT INTO branches (id, municipality_id, name_ar, name_en, district_ar, district_en) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING', [c.id, c.municipalityId, c.name.ar, c.name.en, c.district.ar, c.district.en]);
    const code = newPairingCode();
    await pool.query('UPDATE branches SET enrol_code_hash = $2, enrol_expires_at = $3, revoked_at = NULL WHERE id = $1', [c.id, hashToken(code), new Date(Date.now() + 3600_000)]);
    codes.set(c.id, code);
  }
  for (const a of CENTRAL_DEMO_ACCOUNTS) {
    if (!(await central.ctx.auth.userByName(a.username))) await central.ctx.auth.createUser({ ...a, displayName: a.username });
  }
  return codes;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`a demo hall stopped: ${output().slice(-600)}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`a demo hall did not start within a minute: ${output().slice(-600)}`);
}

export async function startCentralDemo(central: RunningCentral, o: { dataDir: string; historyDays?: number }) {
  const codes = await seedCentralDemo(central);
  const children: ChildProcess[] = [];
  const halls: { name: string; url: string; branchId: string }[] = [];
  await Promise.all(CENTRES.map(async (c) => {
    const dir = join(o.dataDir, 'demo-halls', c.id);
    mkdirSync(dir, { recursive: true });
    const port = await freePort();
    const child = spawn(process.execPath, [
      join(root, 'scripts/dawr.ts'), 'hub', '--demo', '--demo-traffic', '--demo-profile', c.profile, '--demo-history', String(o.historyDays ?? 21),
      '--data', dir, '--port', String(port), '--central', central.url, '--enrol', codes.get(c.id)!,
    ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DAWR_LOG_LEVEL: 'warn' } });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, child, () => out);
    halls.push({ name: c.name.en, url, branchId: c.id });
  }));
  halls.sort((a, b) => a.branchId.localeCompare(b.branchId));
  return {
    halls,
    accounts: CENTRAL_DEMO_ACCOUNTS.map((a) => ({ username: a.username, password: a.password, role: a.role })),
    pids: children.map((c) => c.pid),
    async stop(): Promise<void> {
      await Promise.all(children.map((c) => new Promise<void>((resolve) => {
        if (c.exitCode !== null) return resolve();
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
      })));
    },
  };
}
