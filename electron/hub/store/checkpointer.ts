// The WAL checkpointer: a worker thread with its own connection to the hall's file that copies
// the write-ahead log back into the database (PRAGMA wal_checkpoint(PASSIVE)) every second.
// SQLite's automatic checkpoint runs inside whichever commit crosses 1,000 pages, so one ticket
// in a few hundred paid for copying and fsyncing 4 MB: a tail of tens of milliseconds. A PASSIVE
// checkpoint never blocks the writer. It writes no rows: the hub's one writer stays the only one.
// Run as a worker of the hub (startCheckpointer in event-store's database), never on its own.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { file, everyMs } = workerData as { file: string; everyMs: number };
const db = new Database(file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    parentPort?.postMessage({ kind: 'checkpoint', ...r });
  } catch (err) {
    parentPort?.postMessage({ kind: 'error', message: (err as Error).message });
  }
}, everyMs);
parentPort?.on('message', (m: { kind?: string }) => {
  if (m.kind !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
