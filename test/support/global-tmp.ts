// vitest global setup: every test run gets one temporary folder, set as TMPDIR before the test
// workers start (so os.tmpdir() in tests, hubs and simulators points into it), and removed when
// the run ends — whatever a test forgot to clean up goes with it. Others
// may enter it (0711, no listing): as root, the run's PostgreSQL runs as `postgres`, its cluster inside.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'dawr-vitest-'));
  chmodSync(dir, 0o711);
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
