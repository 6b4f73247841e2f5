// Pseudo-terminal pairs for serial-device tests (socat). Where socat is missing the serial suites
// are skipped — and say why — instead of passing without running.
import { readFileSync } from 'node:fs';
import { openPtyPair, socatMissing, type PtyPair } from '../../electron/devices/serial/pty-pair.ts';
import { makeTempDir } from './temp-dir.ts';

export const socatSkipReason = socatMissing();
if (socatSkipReason) console.warn(`SKIPPED serial device tests: ${socatSkipReason}`);

export interface TestPty extends PtyPair {
  /** Kills socat: the device disappears as if unplugged. */
  unplug(): Promise<void>;
  /**
   * Kills socat and returns only once it has exited (its pseudo-terminals closed), without giving
   * the event loop a turn: for unplugging from inside a data listener, while a read is in flight.
   */
  unplugNow(): void;
  /** A new socat pair on the same paths: the device is back. */
  replug(): Promise<void>;
  /** Stops socat and removes the folder. */
  dispose(): Promise<void>;
}

export async function testPty(name = 'ttyDAWR'): Promise<TestPty> {
  const dir = makeTempDir('dawr-pty-');
  let pair = await openPtyPair(dir.path, name);
  return {
    get devicePath() {
      return pair.devicePath;
    },
    get simulatorPath() {
      return pair.simulatorPath;
    },
    get pid() {
      return pair.pid;
    },
    close: () => pair.close(),
    unplug: () => pair.close(),
    unplugNow() {
      const pid = pair.pid;
      process.kill(pid, 'SIGTERM');
      // Until the kernel has made socat a zombie (state Z: every file closed) or reaped it.
      const tick = new Int32Array(new SharedArrayBuffer(4));
      for (;;) {
        let stat: string;
        try {
          stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
        } catch {
          return;
        }
        if (/^\d+ \(.*\) [ZX] /s.test(stat)) return;
        Atomics.wait(tick, 0, 0, 2);
      }
    },
    async replug() {
      pair = await openPtyPair(dir.path, name);
    },
    async dispose() {
      await pair.close();
      dir.remove();
    },
  };
}
