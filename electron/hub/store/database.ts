// Opens the hall's SQLite file with the durability the brief asks for: WAL, synchronous=FULL
// (a committed ticket survives a power cut), foreign keys, and a busy timeout.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { migrate } from './migrations.ts';

export type Db = Database.Database;

export const PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'busy_timeout = 5000'] as const;

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  for (const p of PRAGMAS) db.pragma(p);
  migrate(db);
  return db;
}

/** The checkpointer worker's file: beside this module in the sources, in store/ beside the bundle. */
function checkpointerFile(): string | undefined {
  const here = import.meta.url;
  const file = fileURLToPath(here.endsWith('.ts') ? new URL('./checkpointer.ts', here) : new URL('./store/checkpointer.js', here));
  return existsSync(file) ? file : undefined;
}

/**
 * Moves WAL checkpoints off the commit path (see checkpointer.ts): SQLite's own automatic
 * checkpoint stays on as a safety net, but only at 10,000 pages. Where the worker cannot run
 * (its file missing), nothing changes. Returns the stop function.
 */
export function startCheckpointer(db: Db, file: string, everyMs = 1_000): () => Promise<void> {
  const worker = file === ':memory:' ? undefined : checkpointerFile();
  if (!worker) return async () => {};
  const w = new Worker(worker, { workerData: { file, everyMs } });
  w.unref();
  db.pragma('wal_autocheckpoint = 10000');
  let exited = false;
  const gone = new Promise<void>((resolve) => w.once('exit', () => { exited = true; resolve(); }));
  // A worker that fails leaves the automatic checkpoint in charge again.
  w.once('error', () => db.pragma('wal_autocheckpoint = 1000'));
  return async () => {
    if (exited) return;
    // Held until it has stopped: an unref'd worker would let the process end mid-close.
    w.ref();
    w.postMessage({ kind: 'stop' });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([gone, new Promise((r) => (timer = setTimeout(r, 2_000)))]);
    clearTimeout(timer);
    if (!exited) await w.terminate();
  };
}
