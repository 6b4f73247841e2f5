// Test support: the hub as its own OS process, started as `./dawr hub` starts it (the bundle of
// scripts/build-hub.ts with its Node flags, built first if a source is newer), so a test can kill
// it with SIGKILL mid-write and start it again on the same data folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { hubCommand } from '../../scripts/build-hub.ts';
import { WARM_ISSUES } from '../../electron/hub/warm-up.ts';

export interface HubProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * How long a hub may take to listen before the start counts as failed: 30 s, and 1.5 s more per
 * day of `--demo-history`. Those days are generated through the domain before the hub listens
 * (every ticket issued, quoted, called): 45 days took 18–34 s to listen on this 2-core machine
 * at load averages of 8–12, past a flat 30 s — a spec's beforeAll then failed and its first test
 * with it (plan.spec.ts "failed at 0 ms", and passed on its retry).
 */
export function startBoundMs(args: readonly string[]): number {
  const i = args.indexOf('--demo-history');
  const days = i >= 0 ? Number(args[i + 1]) || 0 : 0;
  return 30_000 + days * 1_500;
}

/**
 * What makes a spawned hub start as `dawr hub` does: the benchmarks pass it. A test's hub skips
 * the warm-up of its issue path (warm-up.ts: half a second a start, and a test's hub is started
 * for one test), unless the test gives `--warm-issues` itself.
 */
export const AS_DAWR_HUB: readonly string[] = ['--warm-issues', String(WARM_ISSUES)];

/** Starts `dawr hub` with `args` (on a free port unless `--port` is given); resolves once it listens. */
export async function spawnHub(args: string[], env: Record<string, string> = {}): Promise<HubProcess> {
  const warm = args.includes('--warm-issues') ? args : ['--warm-issues', '0', ...args];
  const argv = warm.includes('--port') ? warm : ['--port', '0', ...warm];
  const bound = startBoundMs(argv);
  const child = spawn(process.execPath, [...(await hubCommand()), ...argv], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DAWR_LOG_LEVEL: 'warn', ...env } });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`hub did not start in ${bound / 1000} s:\n${out}`)), bound);
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
