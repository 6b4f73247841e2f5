// The hub's own health on the dashboard (GET /api/v1/system/status, every 10 s): its alarms (none
// shown while there are none) and, beside the devices, the hall computer — the last verified
// backup (time and size) or why it needs attention (none yet, the last failed, older than 26 h),
// and the disk's free space.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../shared/protocol/system.ts';
import { useHub } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';

const EVERY_MS = 10_000;

export function useSystemStatus(): SystemStatus | null {
  const hub = useHub();
  const [status, setStatus] = useState<SystemStatus | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => hub.get<SystemStatus>('/api/v1/system/status').then((s) => live && setStatus(s), () => undefined);
    void load();
    const id = setInterval(() => void load(), EVERY_MS);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [hub]);
  return status;
}

export function SystemAlarms({ status }: { status: SystemStatus | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!status?.alarms.length) return null;
  return (
    <section className="card dash-alerts" role="alert" aria-labelledby="system-alarms-title" data-testid="system-alarms">
      <h2 id="system-alarms-title">{t('system.title')}</h2>
      {status.alarms.map((a) => (
        <p key={`${a.kind} ${a.subject}`} className="error" data-testid={`system-alarm-${a.kind}`}>
          {t(`system.${a.kind}`, { subject: a.subject, time: f.time(a.at), count: a.count, n: f.n(a.count) })}
        </p>
      ))}
    </section>
  );
}

/** Megabytes in the hall's digits, one decimal under 10. */
const mb = (bytes: number, n: (x: number, frac?: number) => string) => n(bytes / 1_048_576, bytes < 10_485_760 ? 1 : 0);

export function HallComputer({ status }: { status: SystemStatus | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!status) return null;
  const b = status.backup;
  const problem = b.problem;
  return (
    <section className="card hall-computer" aria-labelledby="hall-computer-title" data-testid="hall-computer" data-backup-problem={problem ?? ''}>
      <h2 id="hall-computer-title">{t('system.computer')}</h2>
      <dl className="sync-figures">
        <div>
          <dt>{t('system.lastBackup')}</dt>
          <dd data-testid="backup-last">
            {b.lastVerifiedAt ? t('system.backupOf', { date: f.date(b.lastVerifiedAt), time: f.time(b.lastVerifiedAt), size: mb(b.lastSizeBytes ?? 0, f.n) }) : t('system.noBackup')}
          </dd>
        </div>
        {status.disk && (
          <div>
            <dt>{t('system.disk')}</dt>
            <dd data-testid="disk-free" className={status.disk.low ? 'error' : undefined}>{t('system.diskFree', { free: mb(status.disk.freeBytes, f.n), total: mb(status.disk.totalBytes, f.n) })}</dd>
          </div>
        )}
      </dl>
      {problem && (
        <p className="error" role="alert" data-testid="backup-alert">
          {problem === 'failed' ? t('system.backupFailed', { date: f.date(b.lastFailedAt!), time: f.time(b.lastFailedAt!) }) : problem === 'old' ? t('system.backupOld') : b.scheduled ? t('system.backupNoneYet') : t('system.backupNotSet')}
        </p>
      )}
      {problem === 'failed' && b.lastError && (
        <details className="small">
          <summary>{t('sync.details')}</summary>
          <p lang="en" dir="ltr" className="ltr">{b.lastError}</p>
        </details>
      )}
    </section>
  );
}
