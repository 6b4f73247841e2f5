// startHub: opens the store, rebuilds the day, starts the HTTP server and the event stream.
// Used by the `dawr hub` command, by the Electron all-in-one station and by the tests.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { businessDay } from '../../shared/domain/business-day.ts';
import { workingDaysBetween } from '../../shared/domain/working-days.ts';
import { type Clock, systemClock } from '../../shared/domain/clock.ts';
import { newIdentityKeyPair } from '../devices/id-reader/sealed-id.ts';
import { createAuthStore } from './auth/auth-store.ts';
import { hashPassword } from '../node-common/passwords.ts';
import type { HubContext } from './context.ts';
import { DEMO_PROFILES, demoBookingRules, seedDemo } from './demo.ts';
import { createAppointments } from './appointments/appointments.ts';
import { createNotifier } from './notify/notifier.ts';
import { createHall } from './hall.ts';
import { type Logger, createLogger } from '../node-common/log.ts';
import { buildServer } from './server.ts';
import { createAuditStore } from './store/audit-store.ts';
import { createConfigStore } from './store/config-store.ts';
import { openDatabase, startCheckpointer } from './store/database.ts';
import { createTimings } from './timings.ts';
import { type WarmedUp, warmIssuePath } from './warm-up.ts';
import { createHubMetrics } from './monitoring/hub-metrics.ts';
import { readBackupStatus } from './backup/backup-status.ts';
import { createMonitoringTokens } from './monitoring/monitoring-tokens.ts';
import { createEventStore } from './store/event-store.ts';
import { createFeedbackStore } from './store/feedback-store.ts';
import { startReports } from './reports/start-reports.ts';
import { seedDemoHistory } from './reports/demo-history.ts';
import { enrol, startReplicator } from './sync/replicator.ts';
import { startDemoTraffic } from './demo-traffic.ts';
import { createSpeech } from './voice/speech.ts';
import { createVoicePacks } from './voice/voice-packs.ts';
import { createAlarms } from './ops/alarms.ts';
import { HUB_VERSION } from './version.ts';
import { createBackupSchedule } from './backup/backup-schedule.ts';
import { BUILD_SCHEMA_VERSION } from './backup/hall-backup.ts';
import { checkHallFile, damagedFileError, DB_FILE } from './store/hall-file.ts';
import { finishRestore } from './sync/recover.ts';
import type { BackupKey } from '../node-common/backup-file.ts';

export interface HubOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Listens on loopback unless told otherwise. */
  host?: string;
  demo?: boolean;
  /** Which demo hall (demo.ts DEMO_PROFILES; default the main hall). */
  demoProfile?: string;
  /** Demo only: citizens and clerks at work in real time (demo-traffic.ts). */
  demoTraffic?: boolean;
  clock?: Clock;
  rendererDir?: string;
  log?: Logger;
  /** Tickets one device or session may issue per minute (default 60). */
  issuePerMinute?: number;
  /** Suggestions and complaints one address may file per 10 minutes (default 5). */
  feedbackPer10Minutes?: number;
  /**
   * Issues decided and quoted on a throwaway copy of the hall before the hub listens, so the first
   * citizens after a start meet optimised code (warm-up.ts; `dawr hub` asks for 1,000; default none).
   */
  warmIssues?: number;
  /** Demo only: generate this many past days of history when the log has none (for Reports). */
  demoHistoryDays?: number;
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** A public route answers at most this many times its per-address limit a minute from everyone together (default 100). */
  publicCeilingFactor?: number;
  /** Reverse proxies in front of the hub (addresses or CIDRs, comma-separated) whose X-Forwarded-For is believed. */
  trustProxy?: string;
  /** Host names the hub answers to besides IP addresses and localhost (DNS-rebinding guard). */
  allowedHosts?: readonly string[];
  /** Days personal data is kept — pseudonyms of ID numbers, tracking codes, notes, comments (default 30). */
  retentionDays?: number;
  /** Central (brief §10): its URL, and a one-time enrolment code to join it with. */
  central?: { url: string; enrolCode?: string | undefined };
  /**
   * Push origins (scheme://host[:port]) the operator trusts beyond the Web Push services: a push
   * relay inside the hall, a test's local service. Exempt from the https and public-address rules.
   */
  trustedPushOrigins?: readonly string[];
  /** The key scheduled backups are encrypted with (DAWR_BACKUP_PASSPHRASE or --backup-key-file); none: no schedule. */
  backupKey?: BackupKey;
  /** How long a restored hall waits at start for central to give back this morning's events (default 10 s). */
  restoreTimeoutMs?: number;
  /** Folder of the shipped voice packs (default resources/voice; a packaged app passes its own). */
  voiceDir?: string;
  /** How often the replicator looks for new events to push (ms; default 1000), and pulls central's catalogue (default 60 s). */
  syncEveryMs?: number;
  catalogueEveryMs?: number;
  /**
   * Sign-ins from loopback (this machine: the all-in-one station) are never delayed by failed
   * sign-ins (default true). Tests turn it off to play a stranger and an owner on two loopback
   * addresses (127.0.0.2, 127.0.0.3) as if they were two machines on the hall's network.
   */
  loopbackExempt?: boolean;
  /**
   * GET /metrics answers this machine's loopback without a token (default true); elsewhere it
   * needs a monitoring credential. Tests turn it off to play a scraper on another machine.
   */
  metricsFromLoopback?: boolean;
}

export interface RunningHub {
  url: string;
  /** The folder holding dawr.sqlite. */
  dataDir: string;
  port: number;
  ctx: HubContext;
  /** Printed once at first start when no account exists (not in demo mode). */
  bootstrapAdminPassword?: string;
  /** Demo mode: device tokens for a ready-paired kiosk and hall display (new at each start). */
  demoDevices?: { kiosk: string; display: string };
  /** The issue path run before listening (warm-up.ts): how many issues, in how long (ms). */
  warmedUp: WarmedUp;
  close(): Promise<void>;
}

export { HUB_VERSION };

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const log = options.log ?? createLogger();
  const clock = options.clock ?? systemClock;
  const timings = createTimings();
  const alarms = createAlarms({ log, now: () => clock.now() });
  const dbFile = join(options.dataDir, DB_FILE);
  checkHallFile(options.dataDir);
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(dbFile);
  } catch (err) {
    throw damagedFileError(options.dataDir, err) ?? err;
  }
  const stopCheckpointer = startCheckpointer(db, dbFile);
  const config = createConfigStore(db);
  // Which Dawr last wrote the schema: an older Dawr that meets it names the version to run.
  config.set('writtenBy', { version: HUB_VERSION, schemaVersion: BUILD_SCHEMA_VERSION });
  const metrics = createHubMetrics({ version: HUB_VERSION });
  const events = createEventStore(db, timings, metrics.committed);
  // A restore whose events central could not give back yet: once more, before the hall takes a command.
  const restore = await finishRestore({ config, events, timeoutMs: options.restoreTimeoutMs ?? 10_000, now: () => clock.now() });
  if (restore?.ok) log.warn({ events: restore.recovered }, 'restored hall: took back the events central held after the backup (their tracking codes, notes and phone numbers are not recoverable)');
  if (restore && !restore.ok) alarms.raise('restore_forked', 'central', `This hall was restored from a backup and could not take back the events central holds after it (${restore.error}): it carries on from the backup; central keeps its copy of what followed.`);
  const auth = createAuthStore(db, { loopbackExempt: options.loopbackExempt ?? true });
  const audit = createAuditStore(db);
  // Overdue: still waiting for its answer more working days after it was filed than the hall allows.
  const feedback = createFeedbackStore(db, (createdAt, status) => {
    if (status !== 'open' && status !== 'in_progress') return false;
    const { branch, config: c } = hall.state;
    return workingDaysBetween(businessDay(Date.parse(createdAt), branch.timeZone), businessDay(clock.now(), branch.timeZone), branch.hours) > c.feedbackDeadlineDays;
  });
  if (!config.get<string>('installationSecret')) config.set('installationSecret', randomBytes(32).toString('hex'));
  const installationSecret = config.get<string>('installationSecret')!;
  if (!config.get('identityKey')) config.set('identityKey', newIdentityKeyPair());
  const identityKey = config.get<{ publicKey: string; privateKey: string }>('identityKey')!;

  const hall = createHall({ events, config, clock, timings });
  let bootstrapAdminPassword: string | undefined;
  const profile = DEMO_PROFILES[options.demoProfile ?? 'centre'];
  if (!profile) throw new Error(`no demo profile ${options.demoProfile}: one of ${Object.keys(DEMO_PROFILES).join(', ')}`);
  if (options.demo) {
    await seedDemo(hall, auth, profile);
    if (!config.get('bookingRules')) config.set('bookingRules', demoBookingRules(profile));
    // The demo confirms no phone number by SMS (the simulator only records messages): a booking is made at once.
    if (!config.get('bookingSettings')) config.set('bookingSettings', { confirmPhone: false, perPhonePerDay: 3 });
  }
  else if (auth.users().length === 0) {
    bootstrapAdminPassword = randomBytes(9).toString('base64url');
    auth.createUser({ username: 'admin', role: 'admin', displayName: 'Administrator', passwordHash: await hashPassword(bootstrapAdminPassword) });
  }

  // The hub's own address, known once it listens: the links in SMS when no public address is set.
  let hubUrl: string | undefined;
  const notifier = createNotifier({ db, config, hall, log, trustedPushOrigins: options.trustedPushOrigins ?? [], hubUrl: () => hubUrl });
  const appointments = createAppointments({ db, config, hall, notifier, log });
  const citizenTimer = setInterval(() => appointments.tick(), 60_000);
  citizenTimer.unref();
  const purge = () => {
    // Read at each purge: the hall settings may change it without a restart.
    const retentionDays = options.retentionDays ?? hall.state.config.retentionDays;
    const cutoff = new Date(clock.now() - retentionDays * 86_400_000).toISOString();
    const beforeDay = businessDay(clock.now() - retentionDays * 86_400_000, hall.state.branch.timeZone);
    const n = events.purgeIdentities(cutoff);
    const p = events.purgePersonal(beforeDay);
    // Names and phone numbers of past appointments, the message log, leftover notification requests.
    const unusedMs = clock.now() - hall.state.config.unusedAppointmentDays * 86_400_000;
    const unused = { cutoff: new Date(unusedMs).toISOString(), beforeDay: businessDay(unusedMs, hall.state.branch.timeZone) };
    const c = appointments.purge(beforeDay, unused) + notifier.purge(beforeDay) + notifier.endDay(businessDay(clock.now(), hall.state.branch.timeZone));
    const fb = feedback.purge(cutoff, new Date(clock.now()).toISOString());
    if (n || p || c || fb) log.info({ pseudonyms: n, personalFields: p, citizenRecords: c, feedback: fb }, 'purged personal data past retention');
  };
  purge();
  const purgeTimer = setInterval(purge, 3_600_000);
  purgeTimer.unref();

  if (options.demo && options.demoHistoryDays) {
    const n = seedDemoHistory({ db, events, hall, auth }, options.demoHistoryDays, profile);
    if (n) {
      hall.refreshUsual(); // the usual day (breaks, times at the counter) of the days just written
      log.info({ tickets: n, days: options.demoHistoryDays }, 'demo: generated past days for Reports');
    }
  }
  if (options.central?.enrolCode) {
    const joined = await enrol(config, options.central.url, options.central.enrolCode, hall.state.branch.timeZone, HUB_VERSION).catch((err: Error) => {
      db.close();
      throw new Error(`enrolment with central failed: ${err.message}`);
    });
    log.info({ branch: joined.branchId }, 'enrolled with central');
  } else if (options.central && !config.get('central')) {
    db.close();
    throw new Error('this hall has not joined central yet: give --enrol CODE (an enrolment code from central\'s admin)');
  }
  const traffic = options.demo && options.demoTraffic
    ? startDemoTraffic(hall, new Map([...hall.state.counters.values()].map((c) => [c.id, auth.userByName(`clerk${c.number}`)?.id ?? `clerk${c.number}`])), { ticketsPerHour: (profile.ticketsPerDay / 7) * 4, serviceSeconds: 90, seed: profile.seed })
    : undefined;
  const sync = startReplicator({ config, events, hall, log, ...(options.syncEveryMs ? { everyMs: options.syncEveryMs } : {}), ...(options.catalogueEveryMs ? { catalogueEveryMs: options.catalogueEveryMs } : {}) });
  const reports = startReports({ db, hall, auth, log });
  const backups = createBackupSchedule({ dataDir: options.dataDir, config, key: options.backupKey, version: HUB_VERSION, timeZone: () => hall.state.branch.timeZone, now: () => clock.now(), log });
  const ctx: HubContext = {
    citizen: { appointments, notifier },
    voice: createVoicePacks({ dataDir: options.dataDir, config, log, ...(options.voiceDir ? { builtinDir: options.voiceDir } : {}) }),
    speech: createSpeech({ dataDir: options.dataDir, log }),
    feedback, hall, auth, audit, log, alarms, backups, dataDir: options.dataDir, version: HUB_VERSION, installationSecret, identityKey, issuePerMinute: options.issuePerMinute ?? 60, feedbackPer10Minutes: options.feedbackPer10Minutes ?? 5, reports: reports.service, reportMarks: reports.addMark,
    monitoring: { metrics, tokens: createMonitoringTokens(db), openToLoopback: options.metricsFromLoopback ?? true },
    backupStatus: () => readBackupStatus(options.dataDir),
    sync: {
      status: () => sync.status(),
      async enrol(url: string, code: string) {
        const out = await enrol(config, url, code, hall.state.branch.timeZone, HUB_VERSION);
        sync.relink();
        return out;
      },
    },
  };
  const { app, streams } = await buildServer(ctx, {
    timings,
    ...(options.rendererDir ? { rendererDir: options.rendererDir } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    ...(options.publicCeilingFactor ? { publicCeilingFactor: options.publicCeilingFactor } : {}),
  });
  // The issue path, run on a copy of the hall before the first kiosk can ask (warm-up.ts).
  const warmedUp = warmIssuePath(hall.state, options.warmIssues ?? 0);
  if (warmedUp.issues > 0) log.info({ issues: warmedUp.issues, ms: Math.round(warmedUp.ms) }, 'warmed up the issue path');
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  hubUrl = `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`;

  const demoDevices = options.demo
    ? { kiosk: auth.ownDevice('Demo kiosk', 'kiosk', clock.now()), display: auth.ownDevice('Demo hall display', 'display', clock.now()) }
    : undefined;

  let closed = false;
  return {
    ...(demoDevices ? { demoDevices } : {}),
    url: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    dataDir: options.dataDir,
    port,
    ctx,
    warmedUp,
    ...(bootstrapAdminPassword ? { bootstrapAdminPassword } : {}),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(purgeTimer);
      clearInterval(citizenTimer);
      await notifier.stop();
      traffic?.stop();
      await sync.stop();
      await backups.stop();
      reports.stop();
      await streams.close();
      await app.close();
      await stopCheckpointer();
      db.close();
      timings.stop();
    },
  };
}
