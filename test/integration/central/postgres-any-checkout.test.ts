// Central's embedded PostgreSQL starts from any checkout (issue 24, point 7). As root it runs as
// the `postgres` system user, who cannot enter a checkout in a 0700 folder (root's home, a
// `mktemp -d` folder): there it used to die with `spawn …/native/bin/initdb EACCES`, an unhandled
// error event that killed the whole process. The clone here is the project's sources plus
// node_modules in a 0700 folder, with the PostgreSQL packages' files really inside it (hard links
// or copies, not symlinks, so the binaries' real path is the untraversable one); the data folder
// is outside it. Only as root (elsewhere PostgreSQL runs as the user who owns the checkout).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../../electron/central/embedded-postgres.ts';
import { lookupUser } from '../../../electron/node-common/unix-user.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const asRoot = process.getuid?.() === 0;
if (!asRoot) console.log('postgres-any-checkout.test.ts: skipped — only root runs PostgreSQL as another user (`postgres`), the case this file reproduces');

/** The packages whose files must really be inside the clone (their real paths decide what `postgres` can reach). */
const REAL = ['embedded-postgres', '@embedded-postgres'];

function placeReally(from: string, to: string): void {
  // Hard links are instant and their paths are the clone's; across file systems, a copy.
  if (spawnSync('cp', ['-al', from, to]).status !== 0) {
    rmSync(to, { recursive: true, force: true });
    cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  }
}

/** A clone of the project in `box`: the sources copied, node_modules linked but for the PostgreSQL packages. */
function cloneInto(box: string): string {
  const clone = join(box, 'dawr');
  mkdirSync(join(clone, 'node_modules'), { recursive: true });
  for (const part of ['electron', 'shared', 'package.json']) cpSync(join(root, part), join(clone, part), { recursive: true });
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name.startsWith('.')) continue;
    const from = join(root, 'node_modules', name);
    const to = join(clone, 'node_modules', name);
    if (REAL.includes(name)) placeReally(from, to);
    else symlinkSync(from, to);
  }
  return clone;
}

interface Run { code: number | null; out: string }

/** Runs `script` (ESM) with Node in `cwd`; its own process, so a crash is reported instead of taking vitest down. */
const children = new Set<ChildProcess>();
function node(cwd: string, script: string, args: string[]): Promise<Run> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => {
    children.delete(child);
    resolve({ code, out });
  }));
}

// In the clone: start, ask, stop — twice (the second start reuses the copied binaries and the cluster).
const SCRIPT = `
import pg from 'pg';
import { statSync } from 'node:fs';
const [moduleUrl, data, cache] = process.argv.slice(1);
const { startEmbeddedPostgres } = await import(moduleUrl);
const runs = [];
for (let i = 0; i < 2; i++) {
  const cluster = await startEmbeddedPostgres(data, () => undefined, { binariesCache: cache });
  const client = new pg.Client(cluster.url);
  await client.connect();
  const r = await client.query('SELECT current_user AS who, 6 * 7 AS answer');
  await client.end();
  const serverUid = statSync('/proc/' + cluster.pid).uid;
  await cluster.stop();
  let alive = true;
  try { process.kill(cluster.pid, 0); } catch { alive = false; }
  runs.push({ ...r.rows[0], serverUid, binaries: cluster.binaries, ino: statSync(cluster.binaries).ino, alive });
}
console.log('RESULT ' + JSON.stringify(runs));
`;

describe.skipIf(!asRoot)('central\'s PostgreSQL, as root, from a checkout in a 0700 folder', () => {
  let box: string;
  let outside: string;

  beforeAll(() => {
    box = mkdtempSync(join(tmpdir(), 'dawr-0700-'));
    expect(statSync(box).mode & 0o777).toBe(0o700);
    outside = mkdtempSync(join(tmpdir(), 'dawr-outside-'));
  });
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(box, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('starts from binaries copied once where `postgres` can reach them, answers a query, stops, and leaves the checkout\'s modes alone', async () => {
    const clone = cloneInto(box);
    const moduleUrl = pathToFileURL(join(clone, 'electron/central/embedded-postgres.ts')).href;
    // Central creates the data folder and the copy's folder; `outside` is this test's own, made reachable.
    spawnSync('chmod', ['0711', outside]);
    const data = join(outside, 'data', 'central');
    const cache = join(outside, 'pg-binaries');

    const run = await node(clone, SCRIPT, [moduleUrl, data, cache]);
    expect(run.out).toMatch(/^RESULT /m);
    expect(run.code).toBe(0);
    const runs = JSON.parse(/^RESULT (.*)$/m.exec(run.out)![1]!) as { who: string; answer: number; serverUid: number; binaries: string; ino: number; alive: boolean }[];
    expect(runs).toHaveLength(2);
    for (const r of runs) {
      expect(r).toMatchObject({ who: 'dawr', answer: 42, serverUid: lookupUser('postgres')!.uid, alive: false });
      expect(r.binaries.startsWith(`${cache}/`)).toBe(true);
    }
    expect(runs[1]!.binaries).toBe(runs[0]!.binaries);
    expect(runs[1]!.ino).toBe(runs[0]!.ino);
    expect(existsSync(join(runs[0]!.binaries, 'initdb'))).toBe(true);
    // Nothing above the checkout or the data was opened up.
    expect(statSync(box).mode & 0o777).toBe(0o700);
  }, 60_000);

  it('refuses a data folder `postgres` cannot enter with the fix in words, and changes nothing', async () => {
    const closed = mkdtempSync(join(outside, 'closed-'));
    const data = join(closed, `central-${randomBytes(3).toString('hex')}`);
    await expect(startEmbeddedPostgres(data)).rejects.toThrow(/user postgres cannot enter .*closed-\w+ \(mode 0700, owner root\).*--data/s);
    expect(statSync(closed).mode & 0o777).toBe(0o700);
  });
});

describe('central\'s PostgreSQL that cannot run', () => {
  it('becomes a clear message naming the program and the fix, not an unhandled error event', async () => {
    const where = mkdtempSync(join(tmpdir(), 'dawr-broken-pg-'));
    try {
      spawnSync('chmod', ['0711', where]);
      // A package whose initdb is a folder: spawning it fails (EACCES) like an untraversable one did.
      for (const d of ['native/bin/initdb', 'native/bin/postgres', 'native/lib', 'native/share']) mkdirSync(join(where, 'pkg', d), { recursive: true });
      const data = join(where, 'data');
      await expect(startEmbeddedPostgres(data, () => undefined, { binaries: join(where, 'pkg', 'native'), binariesCache: join(where, 'cache') }))
        .rejects.toThrow(/could not run PostgreSQL's initdb \(.*initdb\)( as user postgres)?: EACCES.*\n.*DATABASE_URL/s);
    } finally {
      rmSync(where, { recursive: true, force: true });
    }
  });
});
