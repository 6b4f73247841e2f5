// `./dawr service install hub|central [--data DIR] [--user NAME] [--port N] [--host H]
//   [--tls-cert F --tls-key F] [--allowed-host NAME]… [--unit-dir DIR] [--cache-dir DIR] [--no-build] [--dry-run]`
// writes the systemd unit of a hub or central (service-unit.ts) and says how to enable it.
//
// Decisions (docs/install.md says them to the IT who installs):
// - The service user (default `dawr`) is created when missing — a system user with its own group,
//   no home, no shell — since the command runs as root anyway to write the unit.
// - The data folder (default /var/lib/dawr-hub, /var/lib/dawr-central) is given to the service
//   user only when this command creates it. An existing folder is never chowned: if the user does
//   not own it, the command stops and prints the chown to run, or asks for another --data.
// - The service reads the checkout, so the user must be able to reach it: a checkout in root's
//   home (0700) is refused with the way out (/opt/dawr). Under /home, ProtectHome=read-only.
// - The Node that installed the dependencies runs the service too (same ABI, nothing to install
//   at start, nothing downloaded); when the user cannot run it where it is (root's ~/.cache), it is
//   copied once to the cache folder (default /var/cache/dawr), root-owned and read-only for it.
// - The checkout is read-only to the service, so what `./dawr hub|central` would build at start is
//   built now (the hub's bundle, the screens) unless --no-build.
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { blockedFor, groupExists, groupName, lookupUser, type Need, type UnixUser } from '../electron/node-common/unix-user.ts';
import { renderUnit, type ServiceKind, type ServicePlan, UNIT_SAFE, unitName } from './service-unit.ts';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const USAGE = 'usage: ./dawr service install hub|central [--data DIR] [--user NAME] [--port N] [--host H] [--tls-cert FILE --tls-key FILE] [--allowed-host NAME]… [--unit-dir DIR] [--cache-dir DIR] [--no-build] [--dry-run]';
const HOMES = ['/home', '/root', '/run/user'];
const under = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);

interface Options {
  kind: ServiceKind;
  user: string;
  data: string;
  port: number;
  host: string | undefined;
  tls: { cert: string; key: string } | undefined;
  allowedHosts: string[];
  unitDir: string;
  cacheDir: string;
  build: boolean;
  dryRun: boolean;
}

function parse(argv: string[]): Options {
  const [verb, kind, ...rest] = argv;
  if (verb !== 'install' || (kind !== 'hub' && kind !== 'central')) throw new Error(USAGE);
  const { values } = parseArgs({
    args: rest, strict: true,
    options: {
      data: { type: 'string' }, user: { type: 'string', default: 'dawr' }, port: { type: 'string' }, host: { type: 'string' },
      'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, 'allowed-host': { type: 'string', multiple: true },
      'unit-dir': { type: 'string', default: '/etc/systemd/system' }, 'cache-dir': { type: 'string', default: '/var/cache/dawr' },
      'no-build': { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port ?? (kind === 'hub' ? 8080 : 8090));
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a whole number from 1 to 65535, not ${values.port}`);
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new Error('--tls-cert and --tls-key go together: give both (PEM files) or neither');
  if (!/^[a-z_][a-z0-9_-]*$/.test(values.user)) throw new Error(`--user ${values.user}: a user name is lower-case letters, digits, _ and -`);
  for (const h of [values.host, ...(values['allowed-host'] ?? [])]) {
    if (h !== undefined && !/^[\w.:-]+$/.test(h)) throw new Error(`"${h}" is not a host name or address`);
  }
  return {
    kind, user: values.user, port, host: values.host,
    data: resolve(values.data ?? `/var/lib/dawr-${kind}`),
    tls: values['tls-cert'] && values['tls-key'] ? { cert: resolve(values['tls-cert']), key: resolve(values['tls-key']) } : undefined,
    allowedHosts: values['allowed-host'] ?? [],
    unitDir: resolve(values['unit-dir']), cacheDir: resolve(values['cache-dir']),
    build: !values['no-build'], dryRun: values['dry-run'],
  };
}

/** What installing will do, or why it cannot. */
interface Decision {
  plan: ServicePlan;
  createUser: boolean;
  createData: boolean;
  /** Node to copy to plan.node (from process.execPath), when the user cannot run it where it is. */
  copyNode: boolean;
  problems: string[];
  notes: string[];
}

function decide(o: Options): Decision {
  const problems: string[] = [];
  const notes: string[] = [];
  const existing = lookupUser(o.user);
  if (existing?.uid === 0) problems.push(`--user ${o.user} is root: the service runs as an unprivileged user (the default, dawr, is created for it)`);
  if (o.user === 'nobody') problems.push('--user nobody is shared by unrelated programs (systemd calls it unsafe for a service): use the default, dawr, or a user of its own');
  // A user still to be made owns nothing and belongs to no group that owns anything.
  const user: UnixUser = existing ?? { name: o.user, uid: -1, gid: -1, home: '/nonexistent' };
  const group = existing ? groupName(existing.gid) : o.user;
  const reach = (path: string, need: Need) => blockedFor(path, user, need);
  const paths = [root, o.data, o.cacheDir, ...(o.tls ? [o.tls.cert, o.tls.key] : [])];
  for (const p of paths) if (!UNIT_SAFE.test(p)) problems.push(`${p}: a folder for a systemd service needs a path of letters, digits and _ @ + = : , . / - only (no spaces)`);

  // The checkout: the wrapper, the dependencies, and what the server runs.
  const used: [string, Need][] = [[`${root}/dawr`, 'run'], [`${root}/package.json`, 'read'], [`${root}/node_modules`, 'read and enter'],
    o.kind === 'hub' ? [`${root}/scripts/build-hub.ts`, 'read'] : [`${root}/electron/central/cli.ts`, 'read']];
  const stop = used.map(([p, n]) => reach(p, n)).find(Boolean);
  if (stop) {
    problems.push(`user ${o.user} cannot use the checkout in ${root}: it stops at ${stop.words}.\n`
      + '  Put the checkout where a service can read it, e.g. /opt/dawr (git clone … /opt/dawr, or cp -a), and run this command from there.\n'
      + '  (Opening up that folder would open it to every user of the machine.)');
  }

  // The Node that installed the dependencies, where the user can run it, or a copy of it.
  const version = process.version;
  const nodeOk = !reach(process.execPath, 'run');
  const node = nodeOk ? process.execPath : join(o.cacheDir, `node-${version}`, 'bin', 'node');
  if (!nodeOk && existsSync(node) && statSync(node).size !== statSync(process.execPath).size) problems.push(`${node} exists but is not this Node (${version}): remove it and run again`);

  for (const f of o.tls ? [o.tls.cert, o.tls.key] : []) {
    if (!existsSync(f)) problems.push(`${f}: no such file`);
    const b = reach(f, 'read');
    if (b) problems.push(`user ${o.user} cannot read ${f}: it stops at ${b.words}.\n  Put the certificate and key where it can, readable by its group only, e.g.:\n    install -d -m 0750 -g ${group} /etc/dawr && install -m 0640 -g ${group} cert.pem key.pem /etc/dawr/`);
  }

  // The data folder: the service's own, or refused.
  let createData = false;
  if (existsSync(o.data)) {
    const st = statSync(o.data);
    if (!st.isDirectory()) problems.push(`--data ${o.data} is not a folder`);
    else if (!existing || st.uid !== existing.uid) {
      const owner = lookupUser(st.uid)?.name ?? `uid ${st.uid}`;
      problems.push(`the data folder ${o.data} exists and belongs to ${owner}, not to ${o.user}, and this command does not take an existing folder from anyone.\n`
        + `  If it is this service's data (e.g. a ${o.kind} you ran by hand), give it to the service: chown -R ${o.user}:${group} ${o.data}\n`
        + '  Otherwise choose a folder that does not exist yet with --data (it is then created for the service).');
    }
  } else createData = true;
  const upTo = reach(createData ? dirname(o.data) : o.data, 'enter');
  if (upTo) problems.push(`user ${o.user} cannot reach the data folder ${o.data}: it stops at ${upTo.words}. Choose a --data it can reach (e.g. /var/lib/dawr-${o.kind}).`);

  const protectHome = paths.concat(node).some((p) => HOMES.some((h) => under(p, h))) ? 'read-only' : 'yes';
  if (HOMES.some((h) => under(o.data, h))) notes.push(`the data folder is under a home folder: the service may write there (ReadWritePaths), the rest of /home stays read-only to it`);
  const host = o.host ?? '127.0.0.1';
  if (['127.0.0.1', 'localhost', '::1'].includes(host)) notes.push(`it listens on ${host} only${o.kind === 'hub' ? ': stations on the hall network cannot reach it — give --host 0.0.0.0 with --tls-cert/--tls-key' : ''}`);
  else if (!o.tls) notes.push('it listens beyond this machine over plain HTTP: passwords and tokens cross the network in clear — give --tls-cert and --tls-key (docs/install.md, TLS)');

  const args = ['--data', o.data, '--port', String(o.port), ...(o.host ? ['--host', o.host] : []),
    ...(o.tls ? ['--tls-cert', o.tls.cert, '--tls-key', o.tls.key] : []), ...o.allowedHosts.flatMap((h) => ['--allowed-host', h])];
  return {
    plan: { kind: o.kind, checkout: root, user: o.user, group, data: o.data, node, cache: o.cacheDir, args, port: o.port, protectHome },
    createUser: !existing, createData, copyNode: !nodeOk && !existsSync(node), problems, notes,
  };
}

function createUser(name: string): void {
  execFileSync('useradd', ['--system', ...(groupExists(name) ? ['--gid', name] : ['--user-group']), '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', name], { stdio: 'inherit' });
}

/** Copies this Node to `dest` (folders 0755, the binary 0755, owned by root), through a temporary file. */
function copyNode(dest: string): void {
  const first = mkdirSync(dirname(dest), { recursive: true, mode: 0o755 });
  if (first) for (let d = dirname(dest); ; d = dirname(d)) {
    chmodSync(d, 0o755);
    if (d === first) break;
  }
  const tmp = `${dest}.${process.pid}.tmp`;
  copyFileSync(process.execPath, tmp);
  chmodSync(tmp, 0o755);
  renameSync(tmp, dest);
}

async function buildForService(kind: ServiceKind): Promise<void> {
  if (kind === 'hub') {
    const { hubCommand } = await import('./build-hub.ts');
    await hubCommand();
  }
  const { buildRendererIfStale } = await import('./build-renderer.ts');
  buildRendererIfStale();
}

export async function main(argv: string[]): Promise<void> {
  const o = parse(argv);
  const d = decide(o);
  const name = unitName(o.kind);
  const unitFile = join(o.unitDir, `${name}.service`);
  if (d.problems.length) throw new Error(`cannot install ${name}:\n- ${d.problems.join('\n- ')}`);
  const unit = renderUnit(d.plan);
  const steps = [
    d.createUser && `create the system user ${o.user} (own group, no home, no shell)`,
    d.copyNode && `copy this Node (${process.version}) to ${d.plan.node}, where ${o.user} can run it`,
    d.createData && `create the data folder ${o.data} (0750) for ${o.user}:${d.plan.group}`,
    o.build && `build what the service would build at start (${o.kind === 'hub' ? 'the hub bundle, ' : ''}the screens), if older than their sources`,
    `write ${unitFile}`,
  ].filter((s): s is string => typeof s === 'string');
  if (o.dryRun) {
    process.stdout.write(unit);
    console.error(`\n# dry run: nothing done. It would:\n${steps.map((s) => `#   ${s}`).join('\n')}${d.notes.map((n) => `\n# note: ${n}`).join('')}`);
    return;
  }
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && (d.createUser || d.createData || d.copyNode)) throw new Error(`installing ${name} needs root (to ${steps[0]}): run it with sudo, or --dry-run to see the unit`);

  if (d.createUser) createUser(o.user);
  const user = lookupUser(o.user);
  if (!user) throw new Error(`the user ${o.user} cannot be found after useradd`);
  if (d.copyNode) copyNode(d.plan.node);
  if (d.createData) {
    mkdirSync(o.data, { recursive: true, mode: 0o755 });
    chmodSync(o.data, 0o750);
    chownSync(o.data, user.uid, user.gid);
  }
  if (o.build) await buildForService(o.kind);
  mkdirSync(o.unitDir, { recursive: true });
  const tmp = `${unitFile}.${process.pid}.tmp`;
  writeFileSync(tmp, unit, { mode: 0o644 });
  renameSync(tmp, unitFile);

  const scheme = o.tls ? 'https' : 'http';
  const shown = !o.host || o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host;
  console.log([
    ...steps.map((s) => `done: ${s}`),
    ...d.notes.map((n) => `note: ${n}`),
    '',
    `Now, as root, load it, start it now and at every boot, and follow its log:`,
    '  systemctl daemon-reload',
    `  systemctl enable --now ${name}`,
    `  journalctl -u ${name} -f`,
    '',
    `Check it: curl ${o.tls ? '-k ' : ''}${scheme}://${shown}:${o.port}/api/health   (→ {"status":"ok",…})`,
    `Its first start prints the first account's password, once: journalctl -u ${name} | grep 'First start'`,
    `Settings that are not flags (DAWR_LOG_LEVEL${o.kind === 'central' ? ', DATABASE_URL' : ''}) go in /etc/dawr/${o.kind}.env (root-only, 0600).`,
  ].join('\n'));
}
