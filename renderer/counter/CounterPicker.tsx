// Choose the counter to work at (GET /counters) and open it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHub } from '../shell/app-context.tsx';
import { useHall } from '../store/hall-store.ts';
import { useSession } from '../store/session-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import type { Counter } from '../../shared/protocol/entities.ts';
import { hubErrorText } from '../i18n/error-text.ts';
import { counterLabel } from './counter-label.ts';

export function CounterPicker({ onChosen }: { onChosen: (id: string) => void }) {
  const { t } = useTranslation();
  const hub = useHub();
  const f = useFormat();
  const me = useSession((s) => s.staff?.user.id);
  const services = useHall((s) => s.services);
  const live = useHall((s) => s.counters);
  const [fetched, setFetched] = useState<Counter[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    hub.get<Counter[]>('/api/v1/counters').then(setFetched).catch(() => setError(t('errors.network')));
  }, [hub, t]);
  const counters = live.length ? live : (fetched ?? []);

  const open = async (c: Counter) => {
    setError(null);
    try {
      if (!(c.state === 'open' && c.clerkId === me)) await hub.post(`/api/v1/counters/${c.id}/open`);
      onChosen(c.id);
    } catch (err) {
      setError(hubErrorText(err));
    }
  };

  return (
    <main className="page" data-testid="counter-picker">
      <h2>{t('counter.pick')}</h2>
      {error && <p className="error" role="alert">{error}</p>}
      <ul className="picker-list">
        {[...counters].sort((a, b) => a.number - b.number).map((c) => {
          const busy = c.state !== 'closed' && c.clerkId !== undefined && c.clerkId !== me;
          return (
            <li key={c.id} className="card picker-item">
              <div className="grow">
                <h3>{counterLabel(t, f, c)}</h3>
                <p className="muted small">{c.serviceIds.map((id) => services.find((s) => s.id === id)).filter(Boolean).map((s) => f.name(s!.name)).join('، ')}</p>
              </div>
              <span className={`badge ${c.state === 'open' ? 'ok' : c.state === 'break' ? 'warn' : ''}`}>{t(`counterState.${c.state}`)}</span>
              <button type="button" className="btn-primary" data-testid={`open-counter-${c.number}`} disabled={busy} onClick={() => void open(c)}>
                {c.state === 'open' && c.clerkId === me ? t('counter.resumeWork') : t('counter.open')}
              </button>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
