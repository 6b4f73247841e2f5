// `GET /api/v1/openapi.json` is generated from the zod schemas and describes every endpoint of brief §6.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHub } from '../../../electron/hub/hub.ts';
import { createLogger } from '../../../electron/node-common/log.ts';

const BRIEF = [
  'GET /api/health', 'POST /api/v1/auth/login', 'POST /api/v1/devices/pairing-codes', 'POST /api/v1/devices/pair',
  'GET /api/v1/services', 'GET /api/v1/counters', 'POST /api/v1/tickets', 'GET /api/v1/tickets/{id}', 'GET /api/v1/track/{code}',
  'GET /api/v1/queue', 'POST /api/v1/counters/{id}/open', 'POST /api/v1/counters/{id}/close', 'POST /api/v1/counters/{id}/call-next',
  ...['call', 'recall', 'start', 'complete', 'no-show', 'transfer', 'park', 'cancel'].map((v) => `POST /api/v1/tickets/{id}/${v}`),
  'GET /api/v1/stats/live',
];

describe('the OpenAPI description', () => {
  it('lists every endpoint of the brief with its request schema, generated from zod', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dawr-openapi-'));
    const hub = await startHub({ dataDir: dir, port: 0, log: createLogger({ level: 'silent' }) });
    try {
      const spec = await (await fetch(`${hub.url}/api/v1/openapi.json`)).json();
      expect(spec.openapi).toBe('3.1.0');
      const ops = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([p, o]) => Object.keys(o).map((m) => `${m.toUpperCase()} ${p}`));
      for (const op of BRIEF) expect(ops).toContain(op);
      const issue = spec.paths['/api/v1/tickets'].post;
      expect(issue.requestBody.content['application/json'].schema.properties.lang.enum).toEqual(['ar', 'en']);
      expect(issue.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
      expect(Object.keys(issue.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409', '429']));
      expect(issue.responses['201'].content['application/json'].schema.properties.number).toBeDefined();
      // The staffing planner (issue 13) is described too, with its query.
      const plan = spec.paths['/api/v1/plan'].get;
      expect(plan.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'level']));
      expect(plan.responses['200'].content['application/json'].schema.properties.hours).toBeDefined();
      // Its headline, the pooled need per hour, beside the per-service detail (issue 26).
      const hour = plan.responses['200'].content['application/json'].schema.properties.hours.items.properties;
      expect(hour.counters.description).toMatch(/as it works/);
      expect(hour.needed.description).toMatch(/Erlang C/);
      expect(hour.services).toBeDefined();
      // The staff screens: transfer to a service, a counter or a clerk; the supervisor's dashboard actions.
      const transfer = spec.paths['/api/v1/tickets/{id}/transfer'].post.requestBody.content['application/json'].schema;
      expect(Object.keys(transfer.properties)).toEqual(['serviceId', 'counterId', 'clerkId', 'note']);
      for (const op of ['POST /api/v1/dashboard/counters/{id}/open', 'POST /api/v1/dashboard/counters/{id}/close', 'POST /api/v1/dashboard/tickets/{id}/move', 'POST /api/v1/dashboard/tickets/{id}/cancel', 'GET /api/v1/staff/clerks']) expect(ops).toContain(op);
      expect(spec.paths['/api/v1/dashboard/tickets/{id}/move'].post['x-access']).toEqual(['supervisor', 'admin']);
      // The voice plan (issue 15): a call's clips, with its query.
      const voice = spec.paths['/api/v1/voice/plan'].get;
      expect(voice.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['number', 'counter', 'lang']));
      expect(voice.responses['200'].content['application/json'].schema.properties.clips).toBeDefined();
    } finally {
      await hub.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
