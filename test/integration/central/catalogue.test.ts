// One catalogue: a municipality admin defines services once on central; an enrolled hall applies a
// new version through its own command (so it is in the hall's log and replicated back), keeps its
// own services, and skips a central service whose prefix a local one already uses.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningCentral, startCentral } from '../../../electron/central/central.ts';
import { type RunningHub, startHub } from '../../../electron/hub/hub.ts';
import { createLogger } from '../../../electron/node-common/log.ts';
import type { Service } from '../../../shared/protocol/entities.ts';
import { api, freshDatabase, municipalityWith, signIn, until } from '../../support/central.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const tmp = makeTempDir('dawr-catalogue-');
let db: Awaited<ReturnType<typeof freshDatabase>>;
let central: RunningCentral;
let hub: RunningHub;
const silent = () => createLogger({ level: 'silent' });

beforeAll(async () => {
  db = await freshDatabase();
  central = await startCentral({ dataDir: `${tmp.path}/central`, databaseUrl: db.url, log: silent() });
});
afterAll(async () => {
  await hub?.close();
  await central?.close();
  await db?.drop();
  tmp.remove();
});

it("a hall applies its municipality's catalogue and keeps its own services", async () => {
  await central.ctx.auth.createUser({ username: 'platform', password: 'platform-pass', role: 'platform_admin' });
  const token = await signIn(central.url, 'platform', 'platform-pass');
  const m = await municipalityWith(central.url, token, 'homs', ['north']);
  hub = await startHub({ dataDir: `${tmp.path}/hall`, port: 0, demo: true, log: silent(), central: { url: central.url, enrolCode: m.centres[0]!.code }, catalogueEveryMs: 200 });
  const local = hub.ctx.hall.state.services.get('reception')!;
  const services: Service[] = [
    // The hall's building-permits service as central defines it (a new target and name).
    { id: 'building-permits', prefix: 'A', name: { ar: 'رخص البناء والترميم', en: 'Building and renovation permits' }, category: 'permits', targetWaitMinutes: 30, active: true },
    // A new service for every centre.
    { id: 'civil-registry', prefix: 'R', name: { ar: 'السجل المدني', en: 'Civil registry' }, category: 'documents', targetWaitMinutes: 15, active: true },
    // Its prefix G is the hall's own reception: skipped, not forced.
    { id: 'complaints-desk', prefix: 'G', name: { ar: 'مكتب الشكاوى', en: 'Complaints desk' }, category: 'complaints', targetWaitMinutes: 10, active: true },
  ];
  const put = await api<{ version: number }>(central.url, '/api/v1/municipalities/homs/catalogue', { token, method: 'PUT', body: { services } });
  expect(put.status).toBe(200);
  expect(put.body.version).toBe(1);
  await until('the hall to apply the catalogue', async () => hub.ctx.hall.state.services.get('civil-registry'));
  expect(hub.ctx.hall.state.services.get('building-permits')).toMatchObject({ targetWaitMinutes: 30, name: { en: 'Building and renovation permits' } });
  expect(hub.ctx.hall.state.services.get('reception')).toEqual(local);
  expect(hub.ctx.hall.state.services.has('complaints-desk')).toBe(false);
  expect(hub.ctx.sync!.status().catalogueVersion).toBe(1);
  // The change is in the hall's own log, and so it reaches central as service.saved events.
  const { pool } = central.db;
  await until('central to receive the change', async () => {
    const r = await pool.query("SELECT count(*)::int AS n FROM events WHERE type = 'service.saved' AND body->'service'->>'id' = 'civil-registry'");
    return r.rows[0].n === 1;
  });
  // A bad catalogue is refused whole.
  const dup = await api(central.url, '/api/v1/municipalities/homs/catalogue', { token, method: 'PUT', body: { services: [services[0], { ...services[1]!, prefix: 'A' }] } });
  expect(dup.status).toBe(400);
  expect((await api<{ version: number }>(central.url, '/api/v1/municipalities/homs/catalogue', { token })).body.version).toBe(1);
});
