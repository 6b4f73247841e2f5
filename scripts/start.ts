// `./dawr start`: the hall on this machine. With an Electron binary, the all-in-one station;
// without one (as on a server or this build machine), the hub with the demo hall in the
// browser — building the screens first when they are missing or older than their sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main as hubMain } from '../electron/hub/cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function buildRendererIfStale(): void {
  const config = `${root}renderer/vite.config.ts`;
  if (!existsSync(config)) return;
  const built = `${root}dist/renderer/index.html`;
  const sources = Math.max(newest(`${root}renderer`), newest(`${root}shared`));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('dawr: building the screens (vite)…');
  const r = spawnSync(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--config', config, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the screens did not build (see above)');
}

function electronBinary(): string | undefined {
  try {
    const p = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8' });
    return p.status === 0 && p.stdout && existsSync(p.stdout) ? p.stdout : undefined;
  } catch {
    return undefined;
  }
}

export async function start(argv: string[]): Promise<void> {
  const electron = electronBinary();
  if (electron && existsSync(`${root}dist/electron/main/index.js`) && !argv.includes('--browser')) {
    const r = spawnSync(electron, [root, '--role=all-in-one'], { stdio: 'inherit' });
    process.exit(r.status ?? 0);
  }
  console.log(electron ? 'dawr: starting in the browser (--browser)' : 'dawr: no Electron binary on this machine — starting the hub with the demo hall; open the screens in a browser.');
  buildRendererIfStale();
  await hubMain(['--demo', ...argv.filter((a) => a !== '--browser')]);
}
