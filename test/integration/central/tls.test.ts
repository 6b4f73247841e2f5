// Across a WAN a hall joins central over HTTPS with central's certificate verified: a hall that
// does not trust the certificate refuses to enrol (and sends nothing); one given the CA
// (NODE_EXTRA_CA_CERTS) enrols and replicates; plain HTTP to another machine is refused outright.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningCentral, startCentral } from '../../../electron/central/central.ts';
import { parseHubArgs } from '../../../electron/hub/cli.ts';
import { createLogger } from '../../../electron/node-common/log.ts';
import { freshDatabase, until } from '../../support/central.ts';
import { spawnHub } from '../../support/hub-process.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { hashToken } from '../../../electron/node-common/tokens.ts';

const tmp = makeTempDir('dawr-central-tls-');
let db: Awaited<ReturnType<typeof freshDatabase>>;
let central: RunningCentral;

beforeAll(async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(tmp.path, 'key.pem'), '-out', join(tmp.path, 'cert.pem')], { stdio: 'ignore' });
  db = await freshDatabase();
  central = await startCentral({
    dataDir: join(tmp.path, 'central'), databaseUrl: db.url, log: createLogger({ level: 'silent' }),
    tls: { cert: readFileSync(join(tmp.path, 'cert.pem')), key: readFileSync(join(tmp.path, 'key.pem')) },
  });
});
afterAll(async () => {
  await central?.close();
  await db?.drop();
  tmp.remove();
});

it('a hall enrols over HTTPS only when it trusts central\'s certificate', async () => {
  expect(central.url).toMatch(/^https:/);
  const { centres } = await municipalityWithInProcess(['north', 'south']);

  // Without the CA: the certificate is not trusted, enrolment fails with a clear message, the hub does not start.
  mkdirSync(join(tmp.path, 'untrusting'), { recursive: true });
  await expect(spawnHub(['--demo', '--data', join(tmp.path, 'untrusting'), '--central', central.url, '--enrol', centres[0]!.code]))
    .rejects.toThrow(/enrolment with central failed: cannot reach central at https:\/\/127\.0\.0\.1:\d+: .*certificate/);

  // With central's CA: it enrols and its log arrives.
  const prev = process.env.NODE_EXTRA_CA_CERTS;
  process.env.NODE_EXTRA_CA_CERTS = join(tmp.path, 'cert.pem');
  const hub = await spawnHub(['--demo', '--data', join(tmp.path, 'trusting'), '--central', central.url, '--enrol', centres[1]!.code]).finally(() => {
    if (prev === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = prev;
  });
  try {
    await until('the hall\'s log to arrive', async () => {
      const r = await central.db.pool.query('SELECT acked_seq FROM branches WHERE id = $1', [centres[1]!.id]);
      return Number(r.rows[0].acked_seq) > 10;
    });
  } finally {
    hub.child.kill('SIGTERM');
    await hub.exited;
  }

  // Plain HTTP to another machine is refused before anything is sent.
  expect(() => parseHubArgs(['--central', 'http://central.example.org', '--enrol', 'ABCDEFGH'])).toThrow(/plain HTTP carries the hall's credential in clear/);
});

/** A municipality and its centres with enrolment codes, written in process (this test process does not trust the self-signed certificate). */
async function municipalityWithInProcess(names: string[]) {
  const { pool } = central.db;
  await pool.query("INSERT INTO municipalities (id, name_ar, name_en) VALUES ('homs', 'حمص', 'Homs')");
  const centres = [];
  for (const n of names) {
    const code = `CODE${n.toUpperCase()}`.slice(0, 12);
    await pool.query("INSERT INTO branches (id, municipality_id, name_ar, name_en, enrol_code_hash, enrol_expires_at) VALUES ($1, 'homs', $1, $1, $2, now() + interval '1 hour')", [`br-${n}`, hashToken(code)]);
    centres.push({ id: `br-${n}`, code });
  }
  return { centres };
}
