// `dawr hub [--data DIR] [--port N] [--host H] [--demo [--demo-history DAYS]] [--tls-cert F --tls-key F] [--allowed-host NAME…] [--central URL [--enrol CODE]] [--trust-proxy ADDRS] [--allow-push-origin ORIGIN…] [--warm-issues N]`: runs the hub until stopped.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNTS } from './demo.ts';
import { type RunningHub, startHub } from './hub.ts';
import { WARM_ISSUES } from './warm-up.ts';
import { centralUrl } from './sync/replicator.ts';
import { pushOrigin } from './notify/push-endpoint.ts';
import { backupKeyFrom, type BackupKey } from '../node-common/backup-file.ts';
import { BUILD_SCHEMA_VERSION } from './backup/hall-backup.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface HubCliOptions {
  data: string;
  port: number;
  host?: string;
  demo: boolean;
  issuePerMinute?: number;
  tls?: { cert: Buffer; key: Buffer };
  allowedHosts: string[];
  demoHistoryDays?: number;
  central?: { url: string; enrolCode?: string };
  demoProfile?: string;
  demoTraffic?: boolean;
  trustProxy?: string;
  trustedPushOrigins: string[];
  backupKey?: BackupKey;
  /** Issues run on a copy of the hall before listening (warm-up.ts; default WARM_ISSUES, 0: none). */
  warmIssues: number;
}

function positive(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0, not ${v}`);
  return n;
}

export function parseHubArgs(argv: string[]): HubCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, demo: { type: 'boolean', default: false }, 'issue-per-minute': { type: 'string' },
      'demo-history': { type: 'string' }, 'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, 'allowed-host': { type: 'string', multiple: true },
      central: { type: 'string' }, enrol: { type: 'string' }, 'demo-profile': { type: 'string' }, 'demo-traffic': { type: 'boolean', default: false },
      'trust-proxy': { type: 'string' }, 'allow-push-origin': { type: 'string', multiple: true }, 'backup-key-file': { type: 'string' },
      'warm-issues': { type: 'string' },
    },
    strict: true,
  });
  if (values.enrol && !values.central) throw new Error('--enrol CODE goes with --central URL (the central server to join)');
  if (values.central) centralUrl(values.central);
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new Error('--tls-cert and --tls-key go together: give both (PEM files) or neither');
  const read = (file: string, flag: string) => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new Error(`${flag}: cannot read ${file} (${(err as Error).message})`);
    }
  };
  const warmIssues = Number(values['warm-issues'] ?? WARM_ISSUES);
  if (!Number.isInteger(warmIssues) || warmIssues < 0 || warmIssues > 100_000) throw new Error(`--warm-issues must be a whole number from 0 to 100000, not ${values['warm-issues']}`);
  const port = Number(values.port ?? process.env.DAWR_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not ${values.port}`);
  return {
    data: resolve(values.data ?? process.env.DAWR_DATA ?? `${root}data`),
    port,
    ...(values.host ? { host: values.host } : {}),
    demo: values.demo ?? false,
    warmIssues,
    ...(values['issue-per-minute'] ? { issuePerMinute: positive(values['issue-per-minute'], '--issue-per-minute') } : {}),
    ...(values['tls-cert'] && values['tls-key'] ? { tls: { cert: read(values['tls-cert'], '--tls-cert'), key: read(values['tls-key'], '--tls-key') } } : {}),
    allowedHosts: [...(values['allowed-host'] ?? []), ...(process.env.DAWR_ALLOWED_HOSTS?.split(',').filter(Boolean) ?? [])],
    ...(values['demo-history'] ? { demoHistoryDays: positive(values['demo-history'], '--demo-history') } : {}),
    ...(values['demo-profile'] ? { demoProfile: values['demo-profile'] } : {}),
    ...(values['demo-traffic'] ? { demoTraffic: true } : {}),
    ...(values.central ? { central: { url: values.central, ...(values.enrol ? { enrolCode: values.enrol } : {}) } } : {}),
    ...(values['trust-proxy'] ? { trustProxy: values['trust-proxy'] } : {}),
    // The key scheduled backups are made with; none given: backups can still be made by hand (./dawr backup).
    ...(values['backup-key-file'] || process.env.DAWR_BACKUP_PASSPHRASE ? { backupKey: backupKeyFrom({ keyFile: values['backup-key-file'] }) } : {}),
    trustedPushOrigins: (values['allow-push-origin'] ?? []).map((o) => {
      try {
        return pushOrigin(o);
      } catch (err) {
        throw new Error(`--allow-push-origin: ${(err as Error).message}`);
      }
    }),
  };
}

/** The backups in one line: when and where they are made, the last verified one, or why none are made. */
function backupLine(hub: RunningHub): string {
  const b = hub.ctx.backups;
  if (!b) return 'none';
  const s = b.schedule();
  const h = b.health();
  const last = h.lastVerifiedAt ? `; last verified ${h.lastVerifiedAt}` : '; none made yet';
  if (b.keyKind() === 'none') return `not scheduled: start the hub with DAWR_BACKUP_PASSPHRASE or --backup-key-file FILE, then set them in Administration → Hall${last}`;
  return s.enabled && s.folder ? `daily at ${s.time} to ${s.folder}, keeping ${s.keep}${last}` : `not scheduled yet (Administration → Hall → Backups)${last}`;
}

export function printWelcome(hub: RunningHub, demo: boolean, extra: Record<string, string> = {}): void {
  const lines = [
    '',
    `Dawr hub ${hub.ctx.version} — ${hub.url}`,
    `  version:    ${hub.ctx.version}, database schema ${BUILD_SCHEMA_VERSION}`,
    `  branch:     ${hub.ctx.hall.state.branch.name.en} (business day ${hub.ctx.hall.state.day})`,
    `  data:       ${hub.dataDir}`,
    `  health:     ${hub.url}/api/health`,
    `  backups:    ${backupLine(hub)}`,
    '',
    'Screens (open in a browser):',
    `  kiosk        ${hub.url}/kiosk`,
    `  counter      ${hub.url}/counter`,
    `  hall display ${hub.url}/display`,
    `  dashboard    ${hub.url}/dashboard`,
    `  reports      ${hub.url}/reports`,
    `  plan         ${hub.url}/plan`,
    `  appointments ${hub.url}/appointments`,
    `  complaints   ${hub.url}/feedback-inbox`,
    `  admin        ${hub.url}/admin`,
    `  booking      ${hub.url}/book          (citizens' phones)`,
    `  feedback     ${hub.url}/feedback      (citizens' phones)`,
    `  API          ${hub.url}/api/v1/openapi.json`,
    ...(hub.ctx.sync?.status().enrolled ? [`  central      ${hub.ctx.sync.status().central} (branch ${hub.ctx.sync.status().branchId})`] : []),
    ...Object.entries(extra).map(([k, v]) => `  ${k.padEnd(12)} ${v}`),
  ];
  if (hub.demoDevices) {
    lines.push('', 'Demo devices, already paired (tokens are new at each start):');
    lines.push(`  kiosk        ${hub.url}/kiosk?token=${hub.demoDevices.kiosk}`);
    lines.push(`  hall display ${hub.url}/display?token=${hub.demoDevices.display}`);
  }
  if (demo) {
    lines.push('', 'Demo accounts (username / password):');
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.role.padEnd(10)} ${a.username} / ${a.password}`);
  }
  if (hub.bootstrapAdminPassword) lines.push('', `First start: sign in as admin / ${hub.bootstrapAdminPassword} (shown once; create your own accounts, then change it).`);
  if (!existsSync(`${root}dist/renderer/index.html`)) lines.push('', 'The screens are not built yet: run ./dawr npm run build (or ./dawr start, which builds them when needed).');
  console.log(lines.join('\n') + '\n');
}

/** Runs the hub until SIGINT/SIGTERM; `beforeExit` stops what the caller started alongside it. */
export async function main(argv: string[], beforeExit?: () => Promise<void>): Promise<RunningHub> {
  const o = parseHubArgs(argv);
  const hub = await startHub({
    dataDir: o.data, port: o.port, demo: o.demo, rendererDir: `${root}dist/renderer`, allowedHosts: o.allowedHosts,
    ...(o.host ? { host: o.host } : {}), ...(o.issuePerMinute ? { issuePerMinute: o.issuePerMinute } : {}), ...(o.tls ? { tls: o.tls } : {}), ...(o.demoHistoryDays ? { demoHistoryDays: o.demoHistoryDays } : {}),
    ...(o.central ? { central: o.central } : {}),
    ...(o.demoProfile ? { demoProfile: o.demoProfile } : {}),
    ...(o.demoTraffic ? { demoTraffic: true } : {}),
    ...(o.trustProxy ? { trustProxy: o.trustProxy } : {}),
    trustedPushOrigins: o.trustedPushOrigins,
    ...(o.backupKey ? { backupKey: o.backupKey } : {}),
    // The first citizens after a start are quoted by optimised code (warm-up.ts).
    warmIssues: o.warmIssues,
  });
  printWelcome(hub, o.demo);
  const wide = o.host && !['127.0.0.1', 'localhost', '::1'].includes(o.host);
  if (wide && !o.tls) console.log('Warning: the hub listens beyond this machine over plain HTTP: passwords and device tokens cross the hall network in clear. Give --tls-cert and --tls-key (see the README).\n');
  const stop = async () => {
    await beforeExit?.().catch(() => undefined);
    await hub.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return hub;
}

/** Runs the hub from the command line: a failure to start is one line and exit code 1. */
export function run(argv: string[]): void {
  main(argv).catch((err: Error) => {
    console.error(`dawr hub: ${err.message}`);
    process.exit(1);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) run(process.argv.slice(2));
