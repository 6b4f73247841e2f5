// A backup made off the hub's event loop: this worker thread opens its own read-only connection
// (VACUUM INTO), encrypts, verifies and prunes (hall-backup.ts), then says how it went. Started by
// the schedule (backup-schedule.ts) for each backup, never on its own.
import { parentPort, workerData } from 'node:worker_threads';
import type { BackupKey } from '../../node-common/backup-file.ts';
import { backupHall, pruneBackups } from './hall-backup.ts';

const o = workerData as { dataDir: string; toDir: string; key: BackupKey; version: string; keep: number };
try {
  const b = await backupHall({ dataDir: o.dataDir, toDir: o.toDir, key: o.key.kind === 'key-file' ? { ...o.key, bytes: Buffer.from(o.key.bytes) } : o.key, version: o.version });
  const pruned = pruneBackups(o.toDir, o.keep);
  parentPort?.postMessage({ ok: true, path: b.path, size: b.size, lastSeq: b.header.lastSeq, verifiedAt: b.verifiedAt, pruned });
} catch (err) {
  parentPort?.postMessage({ ok: false, error: (err as Error).message });
}
