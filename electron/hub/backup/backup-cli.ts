// `./dawr backup [--data DIR] --to DIR [--key-file F]` and `./dawr restore FILE --data DIR [--force] [--key-file F]`.
// The key: `--key-file FILE` (at least 32 random bytes) or `DAWR_BACKUP_PASSPHRASE`.
import { setPriority } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { backupKeyFrom } from '../../node-common/backup-file.ts';
import { openDatabase } from '../store/database.ts';
import { type ConfigStore, createConfigStore } from '../store/config-store.ts';
import { createEventStore, type EventStore } from '../store/event-store.ts';
import { HUB_VERSION } from '../version.ts';
import { recordBackupFailure, recordBackupSuccess } from './backup-status.ts';
import { BUILD_SCHEMA_VERSION, DB_FILE, backupHall, describeDatabase, restoreHall } from './hall-backup.ts';
import { RESTORE_KEY, type RestoreMark, recoverFromCentral } from '../sync/recover.ts';
import type { Link } from '../sync/replicator.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const defaultData = () => resolve(process.env.DAWR_DATA ?? `${root}data`);

export async function backupMain(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' }, to: { type: 'string' }, 'key-file': { type: 'string' } }, strict: true });
  if (!values.to) throw new Error('--to DIR: the folder to write the backup into (a USB disk, a mounted share)');
  const dataDir = resolve(values.data ?? defaultData());
  const key = backupKeyFrom({ keyFile: values['key-file'] });
  // The hall comes first: a backup beside a working hub runs at a low priority (nice 10).
  try {
    setPriority(0, 10);
  } catch { /* not allowed here: it runs at the usual priority */ }
  const started = Date.now();
  try {
    const b = await backupHall({ dataDir, toDir: resolve(values.to), key, version: HUB_VERSION });
    recordBackupSuccess(dataDir, { path: b.path, size: b.size, lastSeq: b.header.lastSeq, verifiedAt: b.verifiedAt });
    console.error(`dawr backup: written and verified in ${((Date.now() - started) / 1000).toFixed(1)} s — ${(b.size / 1_048_576).toFixed(1)} MB, the log up to seq ${b.header.lastSeq}, schema ${b.header.schemaVersion}`);
    console.log(b.path);
  } catch (err) {
    recordBackupFailure(dataDir, (err as Error).message, new Date().toISOString());
    throw err;
  }
}

export async function restoreMain(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: { data: { type: 'string' }, force: { type: 'boolean', default: false }, 'key-file': { type: 'string' } }, allowPositionals: true, strict: true });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error('give one backup file: ./dawr restore FILE --data DIR');
  if (!values.data) throw new Error('--data DIR: the hall\'s data folder to restore into (the hub must not be running on it)');
  const dataDir = resolve(values.data);
  const key = backupKeyFrom({ keyFile: values['key-file'] });
  const header = await restoreHall({ file: resolve(file), dataDir, key, force: values.force ?? false });
  console.log(`dawr restore: the hall ${header.branchId ?? ''} of ${header.createdAt} (Dawr ${header.version}, schema ${header.schemaVersion}, the log up to seq ${header.lastSeq}) is in ${dataDir}`);

  // Opened once here: an older schema is migrated now, and this morning's events come back from central.
  const db = openDatabase(resolve(dataDir, DB_FILE));
  try {
    const config = createConfigStore(db);
    const events = createEventStore(db);
    if (header.schemaVersion < BUILD_SCHEMA_VERSION) console.log(`  its database was migrated from schema ${header.schemaVersion} to ${BUILD_SCHEMA_VERSION}`);
    const mark: RestoreMark = { backupCreatedAt: header.createdAt, backupLastSeq: header.lastSeq, restoredAt: new Date().toISOString(), pending: true };
    config.set(RESTORE_KEY, mark);
    const link = config.get<Link>('central');
    if (!link) {
      config.set(RESTORE_KEY, { ...mark, pending: false } satisfies RestoreMark);
      console.log('  this hall is not enrolled with central: what happened after the backup is not recoverable.');
    } else await takeBack(config, events, link, mark);
  } finally {
    db.close();
  }
  const about = describeDatabase(resolve(dataDir, DB_FILE));
  console.log(`  integrity ${about.integrity}; the log now ends at seq ${about.lastSeq}. Start the hub: ./dawr hub --data ${dataDir}`);
}

/** This morning's events back from central, or why not (the hub tries again when it starts). */
async function takeBack(config: ConfigStore, events: EventStore, link: Link, mark: RestoreMark): Promise<void> {
  const giveUp = new AbortController();
  const timer = setTimeout(() => giveUp.abort(), 30_000);
  try {
    const r = await recoverFromCentral({ config, events, signal: giveUp.signal });
    config.set(RESTORE_KEY, { ...mark, pending: false, recovered: r.recovered, recoveredTo: r.to } satisfies RestoreMark);
    console.log(r.recovered
      ? `  took back ${r.recovered} events from central (seq ${r.from + 1}–${r.to}): the tickets, calls and numbering after the backup are back; their tracking codes, clerks' notes and phone numbers never left the hall and are not recoverable.`
      : `  central (${link.url}) holds nothing after the backup: the hall is complete.`);
  } catch (err) {
    console.log(`  central (${link.url}) could not give back the events after the backup (${(err as Error).message}). The hub tries again when it starts; start it when central can be reached, or it carries on from the backup.`);
  } finally {
    clearTimeout(timer);
  }
}
