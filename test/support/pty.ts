// Pseudo-terminal pairs for serial-device tests (socat). Where socat is missing the serial suites
// are skipped — and say why — instead of passing without running.
import { openPtyPair, socatMissing, type PtyPair } from '../../electron/devices/serial/pty-pair.ts';
import { makeTempDir } from './temp-dir.ts';

export const socatSkipReason = socatMissing();
if (socatSkipReason) console.warn(`SKIPPED serial device tests: ${socatSkipReason}`);

export interface TestPty extends PtyPair {
  /** Kills socat: the device disappears as if unplugged. */
  unplug(): Promise<void>;
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
    async replug() {
      pair = await openPtyPair(dir.path, name);
    },
    async dispose() {
      await pair.close();
      dir.remove();
    },
  };
}
