// `dawr central [--data DIR] [--port N] [--host H] [--demo [--demo-history DAYS]] [--tls-cert F --tls-key F] [--allowed-host NAME…] [--trust-proxy ADDRS]`
// runs the municipality platform until stopped. PostgreSQL: DATABASE_URL, or the embedded one
// under `<data>/pg` (default data folder: ./data/central).
import { parseArgs } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type RunningCentral, startCentral } from './central.ts';
import { CENTRAL_SCHEMA_VERSION } from './backup.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface CentralCliOptions {
  data: string;
  port: number;
  host?: string;
  demo: boolean;
  /** Demo: generated past days per demo hall (default 21). */
  demoHistoryDays: number;
  tls?: { cert: Buffer; key: Buffer };
  allowedHosts: string[];
  trustProxy?: string;
}

export function parseCentralArgs(argv: string[]): CentralCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, demo: { type: 'boolean', default: false }, 'demo-history': { type: 'string' },
      'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, 'allowed-host': { type: 'string', multiple: true }, 'trust-proxy': { type: 'string' },
    },
    strict: true,
  });
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new Error('--tls-cert and --tls-key go together: give both (PEM files) or neither');
  const port = Number(values.port ?? process.env.DAWR_CENTRAL_PORT ?? 8090);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not ${values.port}`);
  const read = (file: string, flag: string) => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new Error(`${flag}: cannot read ${file} (${(err as Error).message})`);
    }
  };
  const history = Number(values['demo-history'] ?? 21);
  if (!Number.isInteger(history) || history < 1 || history > 366) throw new Error(`--demo-history must be a whole number of days from 1 to 366, not ${values['demo-history']}`);
  return {
    data: resolve(values.data ?? `${root}data/central`),
    demoHistoryDays: history,
    port,
    ...(values.host ? { host: values.host } : {}),
    demo: values.demo ?? false,
    ...(values['tls-cert'] && values['tls-key'] ? { tls: { cert: read(values['tls-cert'], '--tls-cert'), key: read(values['tls-key'], '--tls-key') } } : {}),
    allowedHosts: [...(values['allowed-host'] ?? []), ...(process.env.DAWR_ALLOWED_HOSTS?.split(',').filter(Boolean) ?? [])],
    ...(values['trust-proxy'] ? { trustProxy: values['trust-proxy'] } : {}),
  };
}

/** First start: a platform admin with a random password, shown once. */
async function bootstrap(c: RunningCentral): Promise<string | undefined> {
  const n = await c.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if (n.rows[0]!.n > 0) return undefined;
  const password = randomBytes(9).toString('base64url');
  await c.ctx.auth.createUser({ username: 'platform', password, role: 'platform_admin', displayName: 'Platform administrator' });
  return password;
}

export async function main(argv: string[]): Promise<RunningCentral> {
  const o = parseCentralArgs(argv);
  const rendererDir = `${root}dist/renderer`;
  const central = await startCentral({
    dataDir: o.data, databaseUrl: process.env.DATABASE_URL || undefined, port: o.port, rendererDir, allowedHosts: o.allowedHosts,
    ...(o.host ? { host: o.host } : {}), ...(o.tls ? { tls: o.tls } : {}), ...(o.trustProxy ? { trustProxy: o.trustProxy } : {}),
  });
  const stops: (() => Promise<void>)[] = [];
  const lines = ['', `Dawr central ${central.ctx.version} — ${central.url}`, `  version:    ${central.ctx.version}, database schema ${CENTRAL_SCHEMA_VERSION}`, `  database:   ${central.db.where}`, `  health:     ${central.url}/api/health`, '',
    'Screens (open in a browser):', `  league table (public)  ${central.url}/league`, `  central dashboard      ${central.url}/central`, `  accounts and audit     ${central.url}/central/accounts`, `  API                    ${central.url}/api/v1/openapi.json`];
  if (o.demo) {
    const { startCentralDemo } = await import('./demo.ts');
    const demo = await startCentralDemo(central, { dataDir: o.data, historyDays: o.demoHistoryDays });
    stops.push(demo.stop);
    lines.push('', 'Demo centres (each a real hub replicating into central):');
    for (const h of demo.halls) lines.push(`  ${h.name.padEnd(44)} ${h.url}/dashboard`);
    lines.push('', 'Demo accounts (username / password):');
    for (const a of demo.accounts) lines.push(`  ${a.role.padEnd(22)} ${a.username} / ${a.password}`);
  } else {
    const password = await bootstrap(central);
    if (password) lines.push('', `First start: sign in as platform / ${password} (shown once; create the municipalities and their admins, then change it at ${central.url}/central/accounts).`);
  }
  if (!existsSync(`${rendererDir}/index.html`)) lines.push('', 'The screens are not built yet: run ./dawr npm run build.');
  console.log(lines.join('\n') + '\n');
  const wide = o.host && !['127.0.0.1', 'localhost', '::1'].includes(o.host);
  if (wide && !o.tls) console.log('Warning: central listens beyond this machine over plain HTTP: halls\' credentials and passwords cross the network in clear. Give --tls-cert and --tls-key.\n');
  const stop = async () => {
    for (const s of stops) await s().catch(() => undefined);
    await central.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return central;
}
