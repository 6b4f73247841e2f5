// The hub's metrics for `GET /metrics` (brief §12; the route is routes/monitoring.ts). Two
// histograms are fed as things happen: a ticket's issue (HTTP request → committed answer) and
// each commit of the event log (append + fsync). Everything else is read from memory when
// Prometheus asks — the hall's state, the event stream's clients, the replicator's status, the
// backup record — so a scrape costs a pass over today's tickets and no timer runs between scrapes.
// Labels stay few: a service id or a state, never a ticket, a device or a person.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { HallState } from '../../../shared/domain/hall-state.ts';
import type { SyncStatus } from '../../../shared/protocol/sync.ts';
import { LATENCY_BUCKETS } from '../../node-common/http/metrics.ts';
import type { MonitoringTokens } from './monitoring-tokens.ts';

import type { BackupStatus } from '../backup/backup-status.ts';

/** What the hub knows of its last backups: the backup record (backup-status.json). */
export type { BackupStatus };

export interface HubMetricSources {
  hall: { readonly state: HallState; now(): number };
  /** Open event-stream sockets (screens, kiosks, dashboards). */
  clients(): number;
  /** The link to central; absent: no replication metrics. */
  sync?: (() => SyncStatus) | undefined;
  backup?: (() => BackupStatus | undefined) | undefined;
}

/** Device states in which a device does its job (paper low still prints). */
const READY = new Set(['connected', 'paper_low']);

const seconds = (iso: string | undefined | null): number | undefined => {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? ms / 1000 : undefined;
};

/** Sets an unlabelled gauge, or leaves it without a sample (absent in Prometheus) when unknown. */
function setOrAbsent(g: Gauge, value: number | undefined): void {
  if (value === undefined) g.remove();
  else g.set(value);
}

export function createHubMetrics(o: { version: string }) {
  const registry = new Registry();
  const registers = [registry];
  const commit = new Histogram({
    name: 'dawr_store_commit_seconds', help: "Appending one batch of events to the hall's SQLite log, fsync included (one transaction)",
    buckets: LATENCY_BUCKETS, registers,
  });
  const committedEvents = new Counter({ name: 'dawr_store_committed_events_total', help: 'Events appended to the log since the hub started', registers });
  const issue = new Histogram({
    name: 'dawr_ticket_issue_seconds', help: 'POST /api/v1/tickets from the request to the answer with the committed ticket (issued tickets only)',
    buckets: LATENCY_BUCKETS, registers,
  });
  new Gauge({ name: 'dawr_hub_info', help: 'The running hub; its version is the label', labelNames: ['version'], registers }).set({ version: o.version }, 1);
  let watching = false;

  return {
    registry,
    /** One commit of the event log took `secs` and appended `events` events. */
    committed(secs: number, events: number): void {
      commit.observe(secs);
      committedEvents.inc(events);
    },
    /** One ticket was issued, `secs` after its request arrived. */
    issued(secs: number): void {
      issue.observe(secs);
    },
    /** Reads the hall and its links at each scrape (once per hub). */
    watch(s: HubMetricSources): void {
      if (watching) throw new Error('hub metrics are already watching a hall');
      watching = true;
      const state = () => s.hall.state;

      const waiting = () => {
        const by = new Map<string, { n: number; oldest: number }>();
        for (const t of state().tickets.values()) {
          if (t.status !== 'waiting') continue;
          const w = by.get(t.serviceId) ?? { n: 0, oldest: Infinity };
          w.n++;
          w.oldest = Math.min(w.oldest, t.waitingSince);
          by.set(t.serviceId, w);
        }
        return by;
      };
      new Gauge({
        name: 'dawr_tickets_waiting', help: 'Tickets waiting now, per service', labelNames: ['service'], registers,
        collect() {
          this.reset();
          const by = waiting();
          for (const id of state().services.keys()) this.set({ service: id }, by.get(id)?.n ?? 0);
        },
      });
      new Gauge({
        name: 'dawr_queue_longest_wait_seconds', help: 'How long the longest-waiting ticket has waited, per service (0 when none waits)', labelNames: ['service'], registers,
        collect() {
          this.reset();
          const by = waiting();
          const now = s.hall.now();
          for (const id of state().services.keys()) {
            const w = by.get(id);
            this.set({ service: id }, w ? Math.max(0, (now - w.oldest) / 1000) : 0);
          }
        },
      });
      new Gauge({
        name: 'dawr_service_target_wait_seconds', help: "Each service's target wait (compare with dawr_queue_longest_wait_seconds)", labelNames: ['service'], registers,
        collect() {
          this.reset();
          for (const sv of state().services.values()) this.set({ service: sv.id }, sv.targetWaitMinutes * 60);
        },
      });
      new Gauge({
        name: 'dawr_counters', help: 'Counters by state (open, break, closed)', labelNames: ['state'], registers,
        collect() {
          const n = { open: 0, break: 0, closed: 0 };
          for (const c of state().counters.values()) n[c.state]++;
          for (const [k, v] of Object.entries(n)) this.set({ state: k }, v);
        },
      });
      new Gauge({
        name: 'dawr_event_stream_clients', help: 'Open event-stream connections (hall screens, kiosks, counters, dashboards)', registers,
        collect() {
          this.set(s.clients());
        },
      });
      new Gauge({
        name: 'dawr_devices', help: 'Devices by the state they last reported', labelNames: ['state'], registers,
        collect() {
          this.reset();
          const by = new Map<string, number>();
          for (const d of state().devices.values()) by.set(d.state, (by.get(d.state) ?? 0) + 1);
          for (const [k, v] of by) this.set({ state: k }, v);
        },
      });
      new Gauge({
        name: 'dawr_devices_not_ready', help: 'Devices whose last report is not connected (paper low counts as ready): disconnected, paper out, cover open, error', registers,
        collect() {
          let n = 0;
          for (const d of state().devices.values()) if (!READY.has(d.state)) n++;
          this.set(n);
        },
      });

      const sync = s.sync;
      if (sync) {
        new Gauge({ name: 'dawr_replication_enrolled', help: 'Whether this hall has joined central (1) or not (0)', registers, collect() { this.set(sync().enrolled ? 1 : 0); } });
        new Gauge({ name: 'dawr_replication_backlog_events', help: 'Events of the hall not yet acknowledged by central', registers, collect() { this.set(sync().backlog); } });
        new Gauge({
          name: 'dawr_replication_last_success_timestamp_seconds', help: 'When the hall last spoke with central successfully (absent until it has since the hub started)', registers,
          collect() { setOrAbsent(this, seconds(sync().lastSyncedAt)); },
        });
        new Gauge({ name: 'dawr_replication_failing', help: 'Whether the last attempt to reach central failed (1) or not (0)', registers, collect() { this.set(sync().lastError ? 1 : 0); } });
      }

      const backup = () => s.backup?.() ?? {};
      new Gauge({
        name: 'dawr_backup_last_success_timestamp_seconds', help: 'When the last backup was written and verified (absent: none known)', registers,
        collect() { setOrAbsent(this, seconds(backup().lastVerifiedAt)); },
      });
      new Gauge({ name: 'dawr_backup_last_size_bytes', help: 'Size of the last verified backup', registers, collect() { setOrAbsent(this, backup().lastSizeBytes); } });
      new Gauge({
        name: 'dawr_backup_last_failure_timestamp_seconds', help: 'When a backup last failed (absent: none since the last success)', registers,
        collect() { setOrAbsent(this, seconds(backup().lastFailedAt)); },
      });
      new Gauge({
        name: 'dawr_backup_last_attempt_failed', help: 'Whether the last backup attempt failed (1) or not (0)', registers,
        collect() {
          const b = backup();
          const failed = seconds(b.lastFailedAt);
          const ok = seconds(b.lastVerifiedAt);
          this.set(failed !== undefined && (ok === undefined || failed >= ok) ? 1 : 0);
        },
      });
    },
  };
}

export type HubMetrics = ReturnType<typeof createHubMetrics>;

/** What `GET /metrics` needs (routes/monitoring.ts). */
export interface HubMonitoring {
  metrics: HubMetrics;
  tokens: MonitoringTokens;
  /** Loopback reads /metrics without a token (default on). */
  openToLoopback: boolean;
}
