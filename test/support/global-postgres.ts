// vitest global setup of the integration projects: one real PostgreSQL (the embedded npm binaries
// central uses by default) for the whole run, in a temporary folder, stopped and removed at the
// end. Tests get its URL with `inject('postgresUrl')` and make a database of their own (central.ts).
// When PostgreSQL cannot start, the run goes on: the reason is printed once here, every test that
// asks for a database fails with it (freshDatabase), and the other tests run and are reported.
// With DAWR_TEST_PG=<major> (e.g. 15) the run's PostgreSQL is instead a throwaway cluster of the
// system's own server of that version (Debian's package: system-postgres.ts), as a municipality's
// existing server would be; scripts/test.ts runs central's tests that way too.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../electron/central/embedded-postgres.ts';
import { startSystemPostgres } from './system-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Empty when PostgreSQL could not start (postgresError says why). */
    postgresUrl: string;
    postgresError: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'dawr-pg-'));
  chmodSync(dir, 0o711); // this run's own folder: `postgres` (as root) enters it to reach the cluster
  try {
    const major = process.env.DAWR_TEST_PG;
    if (major) {
      const sys = await startSystemPostgres(major);
      console.log(`\n[global-postgres] the tests' PostgreSQL: ${sys.version} (the system's own, DAWR_TEST_PG=${major})\n`);
      project.provide('postgresUrl', sys.url);
      project.provide('postgresError', '');
      return async () => {
        await sys.stop();
        rmSync(dir, { recursive: true, force: true });
      };
    }
    const pg = await startEmbeddedPostgres(dir);
    project.provide('postgresUrl', pg.url);
    project.provide('postgresError', '');
    return async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  } catch (err) {
    const why = (err as Error).message;
    console.error(`\n[global-postgres] the tests' PostgreSQL did not start; tests that need a database will fail with this:\n${why}\n`);
    project.provide('postgresUrl', '');
    project.provide('postgresError', why);
    return async () => rmSync(dir, { recursive: true, force: true });
  }
}
