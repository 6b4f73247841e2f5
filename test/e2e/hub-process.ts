// A real hub as its own process (`dawr hub --demo`) on a free port with its own temp data folder.
// It can be stopped and started again on the same port and folder (the reconnect test).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export type HubProcess = {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
};

function launch(dir: string, port: number): Promise<{ child: ChildProcess; url: string; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts/dawr.ts'), 'hub', '--demo', '--port', String(port), '--host', '127.0.0.1', '--data', dir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`hub did not start in 30 s:\n${out}`)), 30_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /Dawr hub \S+ — (http:\/\/[\d.]+:(\d+))/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child, url: m[1]!, port: Number(m[2]) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited (${code}) before it was ready:\n${out}`));
    });
  });
}

export async function startHubProcess(): Promise<HubProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'dawr-e2e-'));
  let running = await launch(dir, 0);
  const port = running.port;
  let child: ChildProcess | null = running.child;
  const stop = () =>
    new Promise<void>((resolve) => {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  return {
    url: running.url,
    port,
    dir,
    stop,
    async start() {
      running = await launch(dir, port);
      child = running.child;
    },
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
