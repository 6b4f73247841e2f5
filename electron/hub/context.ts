// What every route needs, built once by the server.
import type { Command } from '../../shared/domain/commands.ts';
import type { BackupStatus, HubMonitoring } from './monitoring/hub-metrics.ts';
import type { SequencedEvent } from '../../shared/protocol/events.ts';
import type { AuthStore, Principal } from './auth/auth-store.ts';
import type { Hall } from './hall.ts';
import { fromDomain } from '../node-common/http/errors.ts';
import type { Logger } from '../node-common/log.ts';
import type { AuditStore } from './store/audit-store.ts';
import type { ReportService } from './reports/report-service.ts';
import type { EnrolResponse, SyncStatus } from '../../shared/protocol/sync.ts';
import type { AuditAction } from '../../shared/protocol/audit.ts';
import type { Speech } from './voice/speech.ts';
import type { VoicePacks } from './voice/voice-packs.ts';
import type { Appointments } from './appointments/appointments.ts';
import type { Notifier } from './notify/notifier.ts';
import type { FeedbackStore } from './store/feedback-store.ts';
import type { Alarms } from './ops/alarms.ts';
import type { BackupScheduleService } from './backup/backup-schedule.ts';

export interface HubContext {
  hall: Hall;
  auth: AuthStore;
  audit: AuditStore;
  log: Logger;
  version: string;
  /** Key of the HMAC pseudonyms of ID numbers (brief §8), one per hall; it never leaves the hub. */
  installationSecret: string;
  /** The hub's identity key pair (PEM): stations seal ID readings to the public half (sealed-id.ts). */
  identityKey: { publicKey: string; privateKey: string };
  /** Tickets a device or session may issue per minute. */
  issuePerMinute: number;
  /** Suggestions and complaints one address may file per 10 minutes. */
  feedbackPer10Minutes?: number;
  /** Reports over the event log (absent: no report routes). */
  reports?: ReportService;
  /** Adds a manager's mark on the trends. */
  reportMarks?: (m: { day: string; label: string; serviceId?: string; counterId?: string; by: string }) => void;
  /** The link to central (absent: none). */
  sync?: { status(): SyncStatus; enrol(url: string, code: string): Promise<EnrolResponse> };
  /** GET /metrics and the monitoring credentials (absent: no such routes). */
  monitoring?: HubMonitoring;
  /** The record of the last backups, read at each scrape (absent: none kept). */
  backupStatus?: () => BackupStatus | undefined;
  /** The voice packs that speak calls (absent: no voice routes). */
  voice?: VoicePacks;
  /** The hub's speech synthesis for the kiosk's voice guide (absent: no voice routes). */
  speech?: Speech;
  /** The citizen's side: appointments and notifications (absent: no such routes). */
  citizen?: { appointments: Appointments; notifier: Notifier };
  /** Citizens' suggestions and complaints (absent: no feedback routes). */
  feedback?: FeedbackStore;
  /** Alarms about the hub itself, for the dashboard. */
  alarms: Alarms;
  /** The hall's data folder (its disk's free space is on the dashboard). */
  dataDir?: string;
  /** Scheduled backups and their record (absent: no backup routes). */
  backups?: BackupScheduleService;
}

/** Runs a command for a principal; a refusal becomes the matching API error and changes nothing. */
export async function run(ctx: HubContext, cmd: Command, principal: Principal, idToken?: string): Promise<SequencedEvent[]> {
  const out = await ctx.hall.execute(cmd, { id: principal.id, role: principal.role }, idToken);
  if (!out.ok) throw fromDomain(out.error);
  return out.events;
}

export function audit(ctx: HubContext, principal: Principal, action: AuditAction, target?: string, detail?: string): void {
  ctx.audit.record({ at: new Date(ctx.hall.now()).toISOString(), actor: `${principal.kind}:${principal.name}`, action, ...(target ? { target } : {}), ...(detail ? { detail } : {}) });
}
