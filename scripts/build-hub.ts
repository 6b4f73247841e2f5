// Builds the hub as plain JavaScript, the way `./dawr hub` runs it:
//   electron/hub/main.ts              → dist/hub/hub.mjs                 ESM, one file, dependencies external
//   electron/hub/store/checkpointer.ts → dist/hub/store/checkpointer.js  (the hub's workers, beside it)
//   electron/hub/backup/backup-worker.ts → dist/hub/backup/backup-worker.js
// Why: a hub started from the TypeScript sources strips types as it loads (Node's stripper costs
// ~18 MB in the hub and again in its worker) and loads ~200 modules; the bundle is one module and
// no stripper, which keeps the hub inside its memory budget (README, *Benchmark*). The hub is
// also started with a small young generation (HUB_NODE_FLAGS): V8's default keeps tens of MB of
// semi-space the hub's short-lived objects do not need; and with an old generation that grows by a
// fifth over what survived its last full collection (V8's default lets it reach up to four times:
// a year's reports left 59 MB reserved for 30 MB held).
// Paths a module finds beside itself (`new URL('../../resources/…', import.meta.url)`) keep
// meaning the same (source-urls.ts). The modules that start workers are left alone: they find
// their workers beside the bundle (store/checkpointer.js, backup/backup-worker.js).
//   ./dawr node scripts/build-hub.ts              builds
//   ./dawr node scripts/build-hub.ts --if-stale   builds only if a source is newer than the bundle; prints the Node flags
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { newest } from './build-renderer.ts';
import { sourceUrls } from './source-urls.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (rel: string) => `${root}${rel}`;

/** Node's flags for the hub process (`./dawr hub`, the tests' and benchmark's hub processes). */
export const HUB_NODE_FLAGS: string[] = ['--max-semi-space-size=2', '--heap-growing-percent=20'];
export const HUB_BUNDLE = at('dist/hub/hub.mjs');
const CHECKPOINTER = at('dist/hub/store/checkpointer.js');
const BACKUP_WORKER = at('dist/hub/backup/backup-worker.js');
/** Modules that find their worker beside the bundle: they keep the bundle's own import.meta.url. */
const FIND_WORKERS = ['electron/hub/store/database.ts', 'electron/hub/backup/backup-schedule.ts'];

const external = (id: string) => id.startsWith('node:') || builtinModules.includes(id) || !(id.startsWith('.') || id.startsWith('/'));

async function bundle(input: string, file: string, except: string[] = []): Promise<void> {
  // Written beside, then renamed over the old one: a hub starting meanwhile reads a whole file.
  const tmp = `${file}.${process.pid}.tmp.mjs`;
  mkdirSync(dirname(file), { recursive: true });
  await build({
    input: at(input),
    platform: 'node',
    external,
    logLevel: 'warn',
    plugins: [sourceUrls(dirname(file), except)],
    output: { file: tmp, format: 'esm', codeSplitting: false },
  });
  renameSync(tmp, file);
}

export async function buildHub(): Promise<void> {
  await bundle('electron/hub/main.ts', HUB_BUNDLE, FIND_WORKERS);
  await bundle('electron/hub/store/checkpointer.ts', CHECKPOINTER);
  await bundle('electron/hub/backup/backup-worker.ts', BACKUP_WORKER);
}

/** Whether the bundle is missing or older than a source it is built from. */
export function hubBundleStale(): boolean {
  const outputs = [HUB_BUNDLE, CHECKPOINTER, BACKUP_WORKER];
  if (!outputs.every((f) => existsSync(f))) return true;
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  return Math.max(newest(at('electron')), newest(at('shared')), ...['package.json', 'scripts/build-hub.ts', 'scripts/source-urls.ts'].map((f) => statSync(at(f)).mtimeMs)) > built;
}

/** Builds the hub if it is stale; returns the command line that runs it. */
export async function hubCommand(): Promise<string[]> {
  if (hubBundleStale()) {
    console.error('dawr: building the hub (scripts/build-hub.ts)');
    await buildHub();
  }
  return [...HUB_NODE_FLAGS, HUB_BUNDLE];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--if-stale')) {
    await hubCommand();
    console.log(HUB_NODE_FLAGS.join(' '));
  } else {
    await buildHub();
    console.log(`built ${HUB_BUNDLE} and ${CHECKPOINTER}`);
  }
}
