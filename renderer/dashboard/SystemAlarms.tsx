// The hub's own alarms on the dashboard (GET /api/v1/system/status, every 10 s): nothing shows
// while there are none; each says what happened, when, and how often today.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '../../shared/protocol/system.ts';
import { useHub } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';

const EVERY_MS = 10_000;

export function SystemAlarms() {
  const { t } = useTranslation();
  const f = useFormat();
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
