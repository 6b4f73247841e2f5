// vitest global setup of the integration project: one real PostgreSQL (the embedded npm binaries
// central uses by default) for the whole run, in a temporary folder, stopped and removed at the
// end. Tests get its URL with `inject('postgresUrl')` and make a database of their own (central.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../electron/central/embedded-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'dawr-pg-'));
  const pg = await startEmbeddedPostgres(dir);
  project.provide('postgresUrl', pg.url);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
