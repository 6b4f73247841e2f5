// A scheduled backup, made in a child process of the hub at a low priority (nice 10): it opens
// its own read-only connection (VACUUM INTO), encrypts, verifies and prunes (hall-backup.ts), then
// says how it went — so neither the hub's event loop nor its share of the CPU waits for it. Its
// orders (and the key) come over the IPC channel, never on the command line. Started by the
// schedule (backup-schedule.ts) for each backup, never on its own.
import { setPriority } from 'node:os';
import type { BackupKey } from '../../node-common/backup-file.ts';
import { backupHall, pruneBackups } from './hall-backup.ts';

type Order = { dataDir: string; toDir: string; key: BackupKey; version: string; keep: number; now: number };

try {
  setPriority(0, 10);
} catch { /* not allowed: the usual priority */ }

process.once('message', (o: Order) => {
  void (async () => {
    try {
      // A key file's bytes arrive as a Uint8Array (the channel's structured clone).
      const key: BackupKey = o.key.kind === 'key-file' ? { ...o.key, bytes: Buffer.from(o.key.bytes) } : o.key;
      const b = await backupHall({ dataDir: o.dataDir, toDir: o.toDir, key, version: o.version, now: new Date(o.now) });
      const pruned = pruneBackups(o.toDir, o.keep);
      process.send?.({ ok: true, path: b.path, size: b.size, lastSeq: b.header.lastSeq, verifiedAt: b.verifiedAt, pruned });
    } catch (err) {
      process.send?.({ ok: false, error: (err as Error).message });
    } finally {
      process.disconnect?.();
    }
  })();
});
