// Type-checks each layer with its own tsconfig, so a layer cannot use an API it must not have
// (shared/ has no Node and no DOM types; renderer has no Node types). Two at a time (one per
// core); each one's output is printed whole when it ends, in the list's order.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const projects = ['shared/tsconfig.json', 'electron/tsconfig.node.json', 'electron/tsconfig.main.json', 'electron/tsconfig.preload.json', 'renderer/tsconfig.json', 'test/tsconfig.json'].filter((p) => existsSync(`${root}${p}`));
const tsc = `${root}node_modules/typescript/bin/tsc`;

function check(p: string): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', p, '--pretty'], { cwd: root });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ ok: code === 0, out }));
  });
}

const results: Promise<{ ok: boolean; out: string }>[] = [];
let next = 0;
const lanes = Array.from({ length: 2 }, async () => {
  while (next < projects.length) {
    const i = next++;
    results[i] = check(projects[i]!);
    await results[i];
  }
});
await Promise.all(lanes);
let failed = 0;
for (const [i, p] of projects.entries()) {
  const r = await results[i]!;
  if (r.out) process.stdout.write(r.out);
  console.log(`typecheck ${p}: ${r.ok ? 'ok' : 'FAILED'}`);
  if (!r.ok) failed++;
}
process.exit(failed ? 1 : 0);
