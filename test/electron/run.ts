// The Electron end-to-end suite's runner (scripts/test.ts runs it and reads the tally file named
// by DAWR_TALLY). Where no Electron binary exists — its download comes from GitHub, outside the
// npm registry — every test is counted as skipped, and the runner says so.
//   ./dawr node test/electron/run.ts
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.ts';
import { suite } from './station.suite.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
type Tally = { passed: number; failed: number; skipped: number };

function finish(tally: Tally): never {
  if (process.env.DAWR_TALLY) writeFileSync(process.env.DAWR_TALLY, JSON.stringify(tally));
  console.log(`electron e2e: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
  process.exit(tally.failed ? 1 : 0);
}

function skip(reason: string): never {
  console.log(`electron e2e: skipped — ${reason}`);
  if (process.env.DAWR_TALLY) writeFileSync(process.env.DAWR_TALLY, JSON.stringify({ passed: 0, failed: 0, skipped: suite.length }));
  process.exit(0);
}

const binary = findElectronBinary(root);
if (!binary) skip('no Electron binary on this machine (its download comes from outside the npm registry)');
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) skip('no display to open windows on (run under xvfb-run)');

// The app under test is what gets packaged: the bundled main and preloads, and the renderer build.
const { buildElectron } = await import('../../scripts/build-electron.ts');
await buildElectron();
if (!existsSync(`${root}dist/renderer/index.html`)) {
  const vite = spawnSync(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--config', 'renderer/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  if (vite.status !== 0) finish({ passed: 0, failed: suite.length, skipped: 0 });
}

const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
for (const test of suite) {
  const started = Date.now();
  try {
    await test.run({ root, binary });
    tally.passed++;
    console.log(`  ok     ${test.name} (${Date.now() - started} ms)`);
  } catch (error) {
    tally.failed++;
    console.log(`  FAILED ${test.name}\n         ${(error as Error).stack ?? String(error)}`);
  }
}
finish(tally);
