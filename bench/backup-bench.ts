// `./dawr npm run bench:backup [-- --history DAYS]`: what a backup costs the hall while it runs
// (brief §9: "a backup taken while tickets are issued…"; issue 24: no ticket refused or delayed
// beyond the usual tail). A hub process with DAYS of demo history (default 42, what ./dawr start
// gives) issues tickets one after the other from a kiosk, as fast as it answers, first with
// nothing else running, then while `./dawr backup` runs again and again; prints the issue latency
// (p50 / p99 / max) of both, the backups' time and size, and the restore time. Figures go in
// docs/benchmarks.md with their date and the machine's load.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiClient } from '../test/support/hub.ts';
import { AS_DAWR_HUB, spawnHub } from '../test/support/hub-process.ts';
import { runDawr } from '../test/support/dawr-cli.ts';

const { values } = parseArgs({ options: { history: { type: 'string', default: '42' }, issues: { type: 'string', default: '1500' } }, strict: true });
const KEY = { DAWR_BACKUP_PASSPHRASE: 'the benchmark passphrase' };
const dir = mkdtempSync(join(tmpdir(), 'dawr-backup-bench-'));
const data = join(dir, 'data');
const hub = await spawnHub([...AS_DAWR_HUB, '--demo', '--demo-history', values.history!, '--data', data, '--issue-per-minute', '1000000'], KEY);
const api = new ApiClient(hub.url);
const admin = await api.login('admin', 'dawr-admin');
const kiosk = await api.pairDevice(admin, 'kiosk', 'Bench kiosk');
const services = ['certificates', 'reception', 'fees-payments', 'building-permits'];

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const line = (label: string, xs: number[]) => `${label}: ${xs.length} issues, p50 ${pct(xs, 0.5).toFixed(2)} / p99 ${pct(xs, 0.99).toFixed(2)} / max ${Math.max(...xs).toFixed(1)} ms`;

async function issue(n: number, whileRunning?: () => boolean): Promise<{ ms: number[]; refused: number }> {
  const ms: number[] = [];
  let refused = 0;
  for (let i = 0; i < n && (whileRunning?.() ?? true); i++) {
    const t0 = performance.now();
    const r = await api.post('/api/v1/tickets', kiosk, { serviceId: services[i % services.length], lang: 'ar' });
    ms.push(performance.now() - t0);
    if (r.status !== 201) refused++;
  }
  return { ms, refused };
}

const n = Number(values.issues);
await issue(200); // warm
const quiet = await issue(n);
console.log(`hub: ${values.history} days of history, dawr.sqlite ${(statSync(join(data, 'dawr.sqlite')).size / 1_048_576).toFixed(1)} MB`);
console.log(line('issue, nothing else running', quiet.ms));

let backingUp = true;
const backups: { ms: number; bytes: number }[] = [];
const loop = (async () => {
  while (backingUp) {
    const b = await runDawr(['backup', '--data', data, '--to', join(dir, 'usb')], KEY);
    if (b.code !== 0) throw new Error(b.stderr);
    backups.push({ ms: b.ms, bytes: statSync(b.stdout.trim()).size });
  }
})();
const busy = await issue(n);
backingUp = false;
await loop;
console.log(line('issue, ./dawr backup running throughout', busy.ms));
console.log(`refused: ${quiet.refused} then ${busy.refused}`);
const b = backups.at(-1)!;
console.log(`backups: ${backups.length} written and verified while issuing, each ${(b.ms / 1000).toFixed(1)} s (process start, snapshot, scrypt, encryption, verification), ${(b.bytes / 1_048_576).toFixed(1)} MB`);

hub.child.kill('SIGTERM');
await hub.exited;
const restore = await runDawr(['restore', join(dir, 'usb', (await import('node:fs')).readdirSync(join(dir, 'usb')).sort().at(-1)!), '--data', join(dir, 'restored')], KEY);
if (restore.code !== 0) throw new Error(restore.stderr);
console.log(`restore: ${(restore.ms / 1000).toFixed(1)} s`);
rmSync(dir, { recursive: true, force: true });
