// A pseudo-terminal pair made by socat: the station opens `devicePath` as if it were a USB serial
// device, a simulator drives `simulatorPath`. Killing socat is "unplugging": both links vanish and
// the station's port reports a disconnect; opening a pair again with the same name "plugs it back".
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface PtyPair {
  readonly devicePath: string;
  readonly simulatorPath: string;
  readonly pid: number;
  /** Stops socat (both paths disappear). */
  close(): Promise<void>;
}

/** Why pseudo-terminal devices cannot run here, or undefined when socat is available. */
export function socatMissing(): string | undefined {
  const r = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return r.error || r.status !== 0 ? 'socat is not installed (apt-get install socat): serial devices cannot be simulated' : undefined;
}

export function openPtyPair(dir: string, name: string): Promise<PtyPair> {
  const devicePath = join(dir, name);
  const simulatorPath = join(dir, `${name}-sim`);
  const child: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${simulatorPath}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (d: Buffer) => {
      log += d.toString();
      // socat creates both links before it says this.
      if (!log.includes('starting data transfer loop')) return;
      child.stderr?.off('data', onData);
      child.stderr?.resume();
      resolve({
        devicePath,
        simulatorPath,
        pid: child.pid!,
        close: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`socat exited (${code}) before the pair was ready: ${log.trim().split('\n').at(-1) ?? ''}`)));
  });
}
