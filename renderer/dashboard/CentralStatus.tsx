// The hall's link to central, small, on its dashboard (issue 12 §3): last synced, the backlog
// not yet sent, and whether the last attempt failed. The hall never waits for central; this only
// says how far behind central is. GET /api/v1/sync/status, refreshed every 10 s.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../shared/protocol/sync.ts';
import { useHub } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';

const EVERY_MS = 10_000;

export function CentralStatus() {
  const { t } = useTranslation();
  const f = useFormat();
  const hub = useHub();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const load = () =>
      hub.get<SyncStatus>('/api/v1/sync/status').then(
        (s) => live && (setStatus(s), setFailed(false)),
        () => live && setFailed(true),
      );
    void load();
    const id = setInterval(() => void load(), EVERY_MS);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [hub]);

  return (
    <section className="card central-status" aria-labelledby="central-status-title" data-testid="central-status" data-enrolled={status?.enrolled ?? ''}>
      <h2 id="central-status-title">{t('sync.title')}</h2>
      {failed && !status && <p className="muted">{t('sync.unavailable')}</p>}
      {status && !status.enrolled && (
        <>
          <span className="badge">{t('sync.notLinked')}</span>
          <p className="muted small">{t('sync.notLinkedHelp')}</p>
        </>
      )}
      {status?.enrolled && (
        <>
          <span className={`badge ${status.lastError ? 'bad' : 'ok'}`}>{t('sync.linked')}</span>
          <dl className="sync-figures">
            <div><dt>{t('sync.lastSynced')}</dt><dd data-testid="sync-last">{status.lastSyncedAt ? f.time(status.lastSyncedAt, true) : t('sync.never')}</dd></div>
            <div><dt>{t('sync.backlog')}</dt><dd data-testid="sync-backlog">{t('sync.events', { count: status.backlog, n: f.n(status.backlog) })}</dd></div>
          </dl>
          {status.central && <bdi className="muted small ltr" data-ident>{status.central}</bdi>}
          {status.lastError && (
            <div className="sync-error" role="alert" data-testid="sync-error">
              <p className="error">{t('sync.failing')}</p>
              {/* The replicator's own words, for whoever fixes the link; marked as English text. */}
              <details className="small">
                <summary>{t('sync.details')}</summary>
                <p lang="en" dir="ltr" className="ltr">{status.lastError}</p>
              </details>
            </div>
          )}
        </>
      )}
    </section>
  );
}
