// A real hub as its own process (`dawr hub --demo`) on a free port with its own temp data folder.
// It can be stopped and started again on the same port and folder (the reconnect test).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnHub } from '../support/hub-process.ts';

export type HubProcess = {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
};

async function launch(dir: string, port: number, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; port: number }> {
  const { child, url } = await spawnHub(['--demo', '--port', String(port), '--host', '127.0.0.1', '--data', dir], env);
  return { child, url, port: Number(new URL(url).port) };
}

/**
 * A free port below the kernel's ephemeral range (32768–60999 here): a port that `bind(0)` never
 * hands out, so while this hub restarts on it (the reconnect test), a hub or browser of the other
 * Playwright worker cannot take it.
 */
async function freeFixedPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** `env`: the hub's environment beyond this process's (a backup passphrase…). */
export async function startHubProcess(env: Record<string, string> = {}): Promise<HubProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'dawr-e2e-'));
  let running: Awaited<ReturnType<typeof launch>> | undefined;
  // Two workers may pick the same port at the same moment: the loser tries another.
  for (let tries = 0; !running; tries++) {
    const port = await freeFixedPort();
    running = await launch(dir, port, env).catch((err: Error) => {
      if (tries >= 4) throw err;
      return undefined;
    });
  }
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
      running = await launch(dir, port, env);
      child = running.child;
    },
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
