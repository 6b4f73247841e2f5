// Builds the Electron station's main and preload code for packaging (electron-builder.yml):
//   electron/main/index.ts          → dist/electron/main/index.js        ESM, Node, dependencies external
//   electron/preload/index.ts       → dist/electron/preload/index.cjs    CommonJS, everything bundled but `electron`
//   electron/preload/station-pages.ts → dist/electron/preload/station-pages.cjs
//   electron/hub/start-hub.ts       → dist/electron/hub/start-hub.js     (all-in-one loads it on demand)
//   electron/hub/store/checkpointer.ts → dist/electron/hub/store/checkpointer.js (the hub's worker)
//   electron/devices/device-manager.ts → dist/electron/devices/device-manager.js
//   electron/main/{first-run,maintenance}/ → dist/electron/pages/…       (the station's own pages)
// The bundler is rolldown, which Vite 8 ships (the project has no esbuild).
// A sandboxed preload can `require` nothing but `electron`: the build fails if it would.
//   ./dawr node scripts/build-electron.ts
import { builtinModules } from 'node:module';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { sourceUrls } from './source-urls.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (rel: string) => `${root}${rel}`;
const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8')) as { dependencies?: Record<string, string> };

// Runtime dependencies ship in the app's node_modules (native ones unpacked from the asar), so
// main-side bundles keep them external: native bindings and pino's worker files stay loadable.
const dependencies = Object.keys(pkg.dependencies ?? {});
const nodeExternal = (id: string) =>
  id === 'electron' || id.startsWith('node:') || builtinModules.includes(id) ||
  dependencies.some((d) => id === d || id.startsWith(`${d}/`));

type Entry = { input: string; file: string; kind: 'node' | 'preload'; optional?: boolean };
const entries: Entry[] = [
  { input: 'electron/main/index.ts', file: 'electron/main/index.js', kind: 'node' },
  { input: 'electron/preload/index.ts', file: 'electron/preload/index.cjs', kind: 'preload' },
  { input: 'electron/preload/station-pages.ts', file: 'electron/preload/station-pages.cjs', kind: 'preload' },
  { input: 'electron/hub/start-hub.ts', file: 'electron/hub/start-hub.js', kind: 'node', optional: true },
  // The hub's WAL checkpointer runs as a worker beside it (electron/hub/store/database.ts).
  { input: 'electron/hub/store/checkpointer.ts', file: 'electron/hub/store/checkpointer.js', kind: 'node', optional: true },
  { input: 'electron/devices/device-manager.ts', file: 'electron/devices/device-manager.js', kind: 'node', optional: true },
];

/** Builds into `<outDir>/electron/…` (dist/ by default; tests pass a temporary folder). Returns the files written. */
export async function buildElectron(outDir = at('dist')): Promise<string[]> {
  const built: string[] = [];
  const out = (rel: string) => `${outDir}/${rel}`;
  rmSync(out('electron'), { recursive: true, force: true });
  for (const entry of entries) {
    if (!existsSync(at(entry.input))) {
      if (entry.optional) {
        console.log(`build-electron: ${entry.input} not written yet; skipped (the station reports it missing at run time)`);
        continue;
      }
      throw new Error(`${entry.input} is missing`);
    }
    const preload = entry.kind === 'preload';
    await build({
      input: at(entry.input),
      platform: preload ? 'browser' : 'node',
      external: preload ? ['electron'] : nodeExternal,
      logLevel: 'warn',
      // The hub's modules find package.json beside their sources, as when run from them; the store's worker stays beside the bundle.
      ...(preload ? {} : { plugins: [sourceUrls(dirname(out(entry.file)), ['electron/hub/store/database.ts'])] }),
      output: { file: out(entry.file), format: preload ? 'cjs' : 'esm', sourcemap: true },
    });
    if (preload) assertSandboxSafe(out(entry.file));
    built.push(out(entry.file));
  }
  for (const page of ['first-run', 'maintenance']) {
    const dir = out(`electron/pages/${page}`);
    mkdirSync(dir, { recursive: true });
    cpSync(at(`electron/main/${page}`), dir, { recursive: true });
    copyFileSync(at('electron/main/station-page.css'), `${dir}/station-page.css`);
    built.push(`${dir}/`);
  }
  return built;
}

/** A sandboxed preload has a `require` that knows only a few modules; ours may need `electron` alone. */
function assertSandboxSafe(file: string): void {
  const code = readFileSync(file, 'utf8');
  const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  const extra = required.filter((id) => id !== 'electron');
  if (extra.length) throw new Error(`${file} requires ${extra.join(', ')}: a sandboxed preload may only require electron`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildElectron();
  for (const f of built) console.log(`built ${f}`);
}
