// Builds the screens (vite → dist/renderer): always for the browser tests, and for `./dawr start`
// only when the build is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs vite build; false when it failed (vite has printed why). */
export function buildRenderer(): boolean {
  const r = spawnSync(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--config', `${root}renderer/vite.config.ts`, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  return r.status === 0;
}

/** The newest modification time (ms) of any file under `dir`. */
export function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function buildRendererIfStale(): void {
  const built = `${root}dist/renderer/index.html`;
  const sources = Math.max(newest(`${root}renderer`), newest(`${root}shared`));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('dawr: building the screens (vite)…');
  if (!buildRenderer()) throw new Error('the screens did not build (see above)');
}

// `./dawr npm run build`: builds the screens now.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exit(buildRenderer() ? 0 : 1);
