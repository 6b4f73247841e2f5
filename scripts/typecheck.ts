// Type-checks each layer with its own tsconfig, so a layer cannot use an API it must not have
// (shared/ has no Node and no DOM types; renderer has no Node types).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const projects = ['shared/tsconfig.json', 'electron/tsconfig.node.json', 'electron/tsconfig.main.json', 'electron/tsconfig.preload.json', 'renderer/tsconfig.json', 'test/tsconfig.json'];
const tsc = `${root}node_modules/typescript/bin/tsc`;
let failed = 0;
for (const p of projects) {
  if (!existsSync(`${root}${p}`)) continue;
  const r = spawnSync(process.execPath, [tsc, '-p', p, '--pretty'], { cwd: root, stdio: 'inherit' });
  console.log(`typecheck ${p}: ${r.status === 0 ? 'ok' : 'FAILED'}`);
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
