// Scheduled backups (Admin → Hall): once a day at the hall's chosen time, into the chosen folder,
// keeping the newest N — each made in a child process at a low priority (backup-worker.ts) so the
// hall's event loop and its share of the CPU never wait for it, verified, and recorded in
// backup-status.json. The key is the hub's own
// (`DAWR_BACKUP_PASSPHRASE` or `--backup-key-file` when it starts): without one, nothing is
// scheduled and the admin screen says why. "Back up now" runs the same way at once.
import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type ChildProcess, fork } from 'node:child_process';
import { businessDay, minuteOfDay } from '../../../shared/domain/business-day.ts';
import { BackupSchedule, type BackupHealth, DEFAULT_BACKUP_SCHEDULE } from '../../../shared/protocol/backup.ts';
import type { BackupKey } from '../../node-common/backup-file.ts';
import type { Logger } from '../../node-common/log.ts';
import type { ConfigStore } from '../store/config-store.ts';
import { backupProblem, readBackupStatus, recordBackupFailure, recordBackupSuccess } from './backup-status.ts';
import { backupsIn } from './hall-backup.ts';

export type BackupRun = { ok: true; path: string; size: number; lastSeq: number; verifiedAt: string; pruned: string[] } | { ok: false; error: string; /** Not attempted: the hub lacks a key or a folder (the caller can set it and ask again). */ notSet?: true };

/** The worker's file: beside this module in the sources, in backup/ beside the hub's bundle. */
function workerFile(): string {
  const here = import.meta.url;
  return fileURLToPath(here.endsWith('.ts') ? new URL('./backup-worker.ts', here) : new URL('./backup/backup-worker.js', here));
}

export function createBackupSchedule(o: { dataDir: string; config: ConfigStore; key: BackupKey | undefined; version: string; timeZone: () => string; now: () => number; log: Logger; checkEveryMs?: number }) {
  let running: Promise<BackupRun> | undefined;
  let worker: ChildProcess | undefined;
  let stopped = false;

  const schedule = (): BackupSchedule => {
    const s = BackupSchedule.safeParse(o.config.get('backupSchedule'));
    return s.success ? s.data : DEFAULT_BACKUP_SCHEDULE;
  };
  const scheduled = () => {
    const s = schedule();
    return s.enabled && s.folder !== '' && o.key !== undefined;
  };

  function run(folder = schedule().folder, keep = schedule().keep): Promise<BackupRun> {
    if (running) return running;
    if (!o.key) return Promise.resolve({ ok: false, notSet: true, error: 'the hub has no backup key: start it with DAWR_BACKUP_PASSPHRASE or --backup-key-file FILE' });
    if (!folder) return Promise.resolve({ ok: false, notSet: true, error: 'no backup folder is set (Administration → Hall → Backups)' });
    const file = workerFile();
    if (!existsSync(file)) return Promise.resolve({ ok: false, error: `the backup worker is missing (${file}): rebuild the hub` });
    const started = o.now();
    running = new Promise<BackupRun>((resolve) => {
      // The bundle's worker is plain JavaScript; from the sources, Node strips the types itself.
      const w = fork(file, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
      worker = w;
      let answer: BackupRun | undefined;
      let stderr = '';
      w.stderr?.on('data', (d: Buffer) => { if (stderr.length < 2000) stderr += d.toString(); });
      w.on('message', (m: BackupRun) => { answer = m; });
      w.on('error', (err) => { answer ??= { ok: false, error: err.message }; });
      w.on('exit', (code) => resolve(answer ?? { ok: false, error: stopped ? 'the hub stopped during the backup' : `the backup process ended (${code}) without a word${stderr ? `: ${stderr.trim().split('\n').at(-1)}` : ''}` }));
      // The hall's own clock names the file and stamps its header.
      w.send({ dataDir: o.dataDir, toDir: folder, key: o.key, version: o.version, keep, now: started });
    }).then((r) => {
      worker = undefined;
      running = undefined;
      const at = new Date(o.now()).toISOString();
      if (r.ok) {
        recordBackupSuccess(o.dataDir, r);
        o.log.info({ file: r.path, bytes: r.size, lastSeq: r.lastSeq, ms: o.now() - started, pruned: r.pruned.length }, 'backup written and verified');
      } else {
        recordBackupFailure(o.dataDir, r.error, at);
        o.log.error({ error: r.error }, 'backup failed');
      }
      return r;
    });
    return running;
  }

  // Due once a day: at or after the set time, unless today's has been tried already.
  const tick = () => {
    if (stopped || running || !scheduled()) return;
    const s = schedule();
    const now = o.now();
    const tz = o.timeZone();
    const today = businessDay(now, tz);
    const [h, m] = s.time.split(':').map(Number) as [number, number];
    if (minuteOfDay(now, tz) < h * 60 + m) return;
    if (o.config.get<string>('backupTriedDay') === today) return;
    o.config.set('backupTriedDay', today);
    void run();
  };
  // A backup cut short by a stop or a crash leaves its plain snapshot beside the database: gone now.
  for (const f of readdirSync(o.dataDir)) if (f.startsWith('.backup-')) rmSync(join(o.dataDir, f), { recursive: true, force: true });
  const timer = setInterval(tick, o.checkEveryMs ?? 30_000);
  timer.unref();
  tick();

  return {
    schedule,
    save(s: BackupSchedule): void {
      o.config.set('backupSchedule', s);
      tick();
    },
    keyKind: (): 'passphrase' | 'key-file' | 'none' => o.key?.kind ?? 'none',
    health(): BackupHealth {
      const st = readBackupStatus(o.dataDir);
      const problem = backupProblem(st, o.now());
      return {
        ...(st.lastVerifiedAt ? { lastVerifiedAt: st.lastVerifiedAt } : {}), ...(st.lastSizeBytes !== undefined ? { lastSizeBytes: st.lastSizeBytes } : {}),
        ...(st.lastSeq !== undefined ? { lastSeq: st.lastSeq } : {}), ...(st.lastFailedAt ? { lastFailedAt: st.lastFailedAt } : {}), ...(st.lastError ? { lastError: st.lastError } : {}),
        ...(problem ? { problem } : {}), scheduled: scheduled(),
      };
    },
    files: () => backupsIn(schedule().folder).map((b) => ({ name: b.name, sizeBytes: b.size, at: new Date(b.mtimeMs).toISOString() })),
    running: () => running !== undefined,
    /** Makes a backup now (the scheduled folder and count unless given); resolves with how it went. */
    run,
    /** Looks whether the day's backup is due now (the timer does it every 30 s). */
    tick,
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      worker?.kill('SIGTERM');
      await running;
    },
  };
}

export type BackupScheduleService = ReturnType<typeof createBackupSchedule>;
