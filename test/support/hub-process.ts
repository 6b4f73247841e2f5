// Test support: the hub as its own OS process (`node electron/hub/cli.ts`), so a test can kill
// it with SIGKILL mid-write and start it again on the same data folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../electron/hub/cli.ts', import.meta.url));

export interface HubProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

export function spawnHub(args: string[]): Promise<HubProcess> {
  const child = spawn(process.execPath, [cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DAWR_LOG_LEVEL: 'warn' } });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Dawr hub \S+ — (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child, exited });
    });
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    void exited.then((code) => reject(new Error(`hub exited (${code}) before listening: ${err || out}`)));
  });
}
