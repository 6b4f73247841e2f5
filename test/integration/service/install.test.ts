// `./dawr service install hub|central` (issue 24, point 8): the unit it writes runs the server as
// an unprivileged user, restarts it on failure, logs to the journal and lets it write only its
// data folder; it refuses what would need someone's folder taken or opened; as root it creates
// the user and the data folder and writes a unit `systemd-analyze verify` accepts.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { blockedFor, groupExists, lookupUser } from '../../../electron/node-common/unix-user.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
const box = mkdtempSync(join(tmpdir(), 'dawr-service-'));
chmodSync(box, 0o711); // this test's own folder: the service user must reach what is made inside
const users: string[] = [];
afterAll(() => {
  for (const u of users) {
    spawnSync('userdel', [u]);
    if (groupExists(u)) spawnSync('groupdel', [u]);
  }
  rmSync(box, { recursive: true, force: true });
});

const asRoot = process.getuid?.() === 0;
const newUser = () => `dawrt${randomBytes(4).toString('hex')}`;
// A user still to be made is "others" to every folder: can such a user use this checkout at all?
const checkoutBlocked = blockedFor(`${root}/dawr`, { name: 'x', uid: -1, gid: -1, home: '/' }, 'run');
if (checkoutBlocked) console.log(`service/install.test.ts: unit checks skipped — a service user could not use this checkout (it stops at ${checkoutBlocked.words}), which the command refuses; see the refusal test`);

/** `./dawr service install …` through the wrapper; `direct`: its script alone (the refusals: a second less each). */
function dawr(args: string[], direct = false): { code: number | null; stdout: string; stderr: string } {
  const [file, ...pre] = direct ? [process.execPath, `${root}/scripts/dawr.ts`] : [`${root}/dawr`];
  const r = spawnSync(file!, [...pre, 'service', 'install', ...args], { encoding: 'utf8', env: { ...process.env, DAWR_NODE: process.execPath } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Unit = Record<string, Record<string, string[]>>;
/** systemd's INI: [Section], Key=Value (a key may repeat), # comments. */
function parseUnit(text: string): Unit {
  const unit: Unit = {};
  let section = '';
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#') || line.startsWith(';')) continue;
    const s = /^\[(\w+)\]$/.exec(line);
    if (s) {
      section = s[1]!;
      unit[section] = {};
      continue;
    }
    const kv = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!kv || !section) throw new Error(`not a unit line: ${line}`);
    (unit[section]![kv[1]!] ??= []).push(kv[2]!);
  }
  return unit;
}
const one = (u: Unit, section: string, key: string) => {
  const v = u[section]?.[key];
  expect(v, `${section}.${key}`).toHaveLength(1);
  return v![0]!;
};

describe.skipIf(Boolean(checkoutBlocked))('the unit', () => {
  it('--dry-run prints a hub unit: unprivileged user, restart on failure, the journal, only the data folder writable — and does nothing', () => {
    const user = newUser();
    const data = join(box, 'hall-data');
    const r = dawr(['hub', '--dry-run', '--user', user, '--data', data, '--port', '8443', '--host', '0.0.0.0', '--allowed-host', 'hall.local']);
    expect(r.code, r.stderr).toBe(0);
    const u = parseUnit(r.stdout);
    expect(Object.keys(u)).toEqual(['Unit', 'Service', 'Install']);
    expect(one(u, 'Unit', 'After')).toBe('network-online.target');
    expect(one(u, 'Service', 'User')).toBe(user);
    expect(one(u, 'Service', 'Group')).toBe(user);
    expect(one(u, 'Service', 'ExecStart')).toBe(`${root}/dawr hub --data ${data} --port 8443 --host 0.0.0.0 --allowed-host hall.local`);
    expect(one(u, 'Service', 'WorkingDirectory')).toBe(data);
    expect(one(u, 'Service', 'Restart')).toBe('on-failure');
    expect(Number(one(u, 'Service', 'RestartSec'))).toBeGreaterThan(0);
    expect(one(u, 'Service', 'KillSignal')).toBe('SIGTERM');
    expect(Number(one(u, 'Service', 'TimeoutStopSec'))).toBeGreaterThanOrEqual(10);
    expect(one(u, 'Service', 'StandardOutput')).toBe('journal');
    expect(one(u, 'Service', 'StandardError')).toBe('journal');
    // Written: the data folder, and nothing else.
    expect(one(u, 'Service', 'ProtectSystem')).toBe('strict');
    expect(one(u, 'Service', 'ReadWritePaths')).toBe(data);
    expect(one(u, 'Service', 'PrivateTmp')).toBe('yes');
    expect(one(u, 'Service', 'NoNewPrivileges')).toBe('yes');
    expect(u.Service!.AmbientCapabilities).toBeUndefined();
    // The wrapper's Node and cache are set, so the service never looks in a home folder.
    const env = Object.fromEntries(u.Service!.Environment!.map((e) => e.split(/=(.*)/s).slice(0, 2) as [string, string]));
    expect(env.DAWR_CACHE).toBe('/var/cache/dawr');
    expect([process.execPath, `/var/cache/dawr/node-${process.version}/bin/node`]).toContain(env.DAWR_NODE);
    // Home folders are hidden from it, or read-only when it reads something there.
    expect(one(u, 'Service', 'ProtectHome')).toBe([root, env.DAWR_NODE!].some((p) => /^\/(home|root)\//.test(p)) ? 'read-only' : 'yes');
    expect(one(u, 'Install', 'WantedBy')).toBe('multi-user.target');
    expect(r.stderr).toContain(`create the system user ${user}`);
    expect(r.stderr).toContain(`create the data folder ${data}`);
    expect(existsSync(data)).toBe(false);
    expect(lookupUser(user)).toBeUndefined();
  });

  it('central on port 443: the one capability to bind it, and time for PostgreSQL to stop', () => {
    const r = dawr(['central', '--dry-run', '--user', newUser(), '--data', join(box, 'central-data'), '--port', '443']);
    expect(r.code, r.stderr).toBe(0);
    const u = parseUnit(r.stdout);
    expect(one(u, 'Service', 'ExecStart')).toBe(`${root}/dawr central --data ${join(box, 'central-data')} --port 443`);
    expect(one(u, 'Service', 'AmbientCapabilities')).toBe('CAP_NET_BIND_SERVICE');
    expect(one(u, 'Service', 'KillMode')).toBe('mixed');
    expect(Number(one(u, 'Service', 'TimeoutStopSec'))).toBeGreaterThanOrEqual(60);
  });
});

describe('refusals (nothing is changed)', () => {
  it('an existing data folder of someone else: names the chown to run instead of doing it', () => {
    const theirs = mkdtempSync(join(box, 'theirs-'));
    const before = statSync(theirs);
    const r = dawr(['central', '--dry-run', '--user', newUser(), '--data', theirs], true);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`the data folder ${theirs} exists and belongs to \\S+, not to dawrt\\w+.*chown -R dawrt\\w+:dawrt\\w+ ${theirs}`, 's'));
    expect(statSync(theirs)).toMatchObject({ uid: before.uid, gid: before.gid, mode: before.mode });
  });

  it('a data folder the user cannot reach, root or nobody as the user, a key it cannot read, flags that are not right', () => {
    const closed = mkdtempSync(join(box, 'closed-'));
    let r = dawr(['hub', '--dry-run', '--user', newUser(), '--data', join(closed, 'data')], true);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot reach the data folder .*: it stops at .*closed-\w+ \(mode 0700, owner \w+\)/);
    expect(statSync(closed).mode & 0o777).toBe(0o700);
    r = dawr(['hub', '--dry-run', '--user', 'root'], true);
    expect(r.stderr).toMatch(/--user root is root/);
    r = dawr(['hub', '--dry-run', '--user', 'nobody'], true);
    expect(r.stderr).toMatch(/--user nobody is shared/);
    r = dawr(['hub', '--dry-run', '--port', 'eighty'], true);
    expect(r.stderr).toMatch(/--port must be a whole number/);
    r = dawr(['hub', '--dry-run', '--data', join(box, 'with space')], true);
    expect(r.stderr).toMatch(/no spaces/);
    const key = join(box, 'key.pem');
    writeFileSync(key, 'not a key', { mode: 0o600 });
    r = dawr(['hub', '--dry-run', '--user', newUser(), '--data', join(box, 'tls-data'), '--tls-cert', key, '--tls-key', key], true);
    expect(r.stderr).toMatch(new RegExp(`cannot read ${key}: it stops at ${key} \\(mode 0600.*install -d -m 0750 -g dawrt\\w+ /etc/dawr`, 's'));
    r = dawr(['sideways'], true);
    expect(r.stderr).toMatch(/usage: \.\/dawr service install hub\|central/);
  });
});

describe.skipIf(!asRoot || Boolean(checkoutBlocked))('as root', () => {
  if (!asRoot) console.log('service/install.test.ts: the install itself skipped — it creates a system user, which needs root');
  it('creates the user and its data folder, writes a unit systemd-analyze accepts, says what to run; a second run reuses them', () => {
    const user = newUser();
    users.push(user);
    const data = join(box, 'var-lib', 'dawr-central');
    const units = join(box, 'units');
    const cache = join(box, 'cache');
    mkdirSync(join(box, 'var-lib'), { mode: 0o755 });
    chmodSync(join(box, 'var-lib'), 0o755);
    const args = ['central', '--user', user, '--data', data, '--unit-dir', units, '--cache-dir', cache, '--no-build'];
    const r = dawr(args);
    expect(r.code, r.stderr).toBe(0);
    const made = lookupUser(user)!;
    expect(made).toBeDefined();
    const st = statSync(data);
    expect({ uid: st.uid, gid: st.gid, mode: st.mode & 0o777 }).toEqual({ uid: made.uid, gid: made.gid, mode: 0o750 });
    const file = join(units, 'dawr-central.service');
    const u = parseUnit(readFileSync(file, 'utf8'));
    expect(one(u, 'Service', 'User')).toBe(user);
    expect(one(u, 'Service', 'ReadWritePaths')).toBe(data);
    // The Node it runs: this one where the user can run it, else a copy in the cache folder.
    const node = u.Service!.Environment!.find((e) => e.startsWith('DAWR_NODE='))!.slice('DAWR_NODE='.length);
    expect(blockedFor(node, made, 'run')).toBeUndefined();
    expect(spawnSync(node, ['-p', 'process.version'], { encoding: 'utf8' }).stdout.trim()).toBe(process.version);
    for (const line of ['systemctl daemon-reload', 'systemctl enable --now dawr-central', 'journalctl -u dawr-central -f']) expect(r.stdout).toContain(`\n  ${line}\n`);

    const analyze = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    if (analyze.error) console.log(`service/install.test.ts: systemd-analyze verify skipped — ${(analyze.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'systemd-analyze is not installed here' : analyze.error.message}`);
    else {
      expect(analyze.stderr + analyze.stdout).toBe('');
      expect(analyze.status).toBe(0);
    }

    const again = dawr(args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toMatch(/create the system user|create the data folder|copy this Node/);
    expect(again.stdout).toContain(`done: write ${file}`);
  });
});
