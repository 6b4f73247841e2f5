// Test support: the hub as its own OS process, started as `./dawr hub` starts it (the bundle of
// scripts/build-hub.ts with its Node flags, built first if a source is newer), so a test can kill
// it with SIGKILL mid-write and start it again on the same data folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { hubCommand } from '../../scripts/build-hub.ts';

export interface HubProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Starts `dawr hub` with `args` (on a free port unless `--port` is given); resolves once it listens. */
export async function spawnHub(args: string[], env: Record<string, string> = {}): Promise<HubProcess> {
  const argv = args.includes('--port') ? args : ['--port', '0', ...args];
  const child = spawn(process.execPath, [...(await hubCommand()), ...argv], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DAWR_LOG_LEVEL: 'warn', ...env } });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`hub did not start in 30 s:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Dawr hub \S+ — (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      // Listening: keep draining the pipes without keeping what they say.
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      child.stdout!.resume();
      child.stderr!.resume();
      resolve({ url: m[1]!, child, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited (${code}) before listening: ${out}`));
    });
  });
}
