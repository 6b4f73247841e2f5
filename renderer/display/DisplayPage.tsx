// The hall screen: the latest call large and highlighted, recent calls, the clock; every call
// and recall is chimed and spoken, Arabic then English. Bilingual labels throughout.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useHall } from '../store/hall-store.ts';
import { recentCalls } from '../store/apply-event.ts';
import { useFormat } from '../i18n/use-format.ts';
import { useNow } from '../shell/use-now.ts';
import { useAnnouncements } from './use-announcements.ts';
import { Bi } from './Bi.tsx';
import { Icon } from '../ui/Icon.tsx';
import '../styles/display.css';

export function DisplayPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow(1000);
  const branch = useHall((s) => s.branch);
  const counters = useHall((s) => s.counters);
  const services = useHall((s) => s.services);
  const waiting = useHall((s) => s.tickets);
  const calls = useMemo(() => recentCalls(waiting, 9), [waiting]);
  const { current, flash, soundLocked, unlock } = useAnnouncements();
  const [latest, ...history] = calls;
  const counterOf = (id?: string) => counters.find((c) => c.id === id);
  const queue = useHall((s) => s.queue);
  const waitingBy = services
    .filter((s) => s.active)
    .map((s) => ({ s, n: queue.find((q) => q.serviceId === s.id)?.waiting ?? 0 }));

  return (
    <div className="display" data-testid="display">
      <header className="display-head">
        <span className="display-brand" aria-hidden="true">دور</span>
        {branch && (
          <div className="display-branch">
            <span lang="ar">{branch.name.ar}</span>
            <span lang="en">{branch.name.en}</span>
          </div>
        )}
        <div className="display-clock" data-testid="display-clock">
          <span className="clock-time num">{f.time(new Date(now))}</span>
          <span className="clock-date">{f.date(new Date(now))}</span>
        </div>
      </header>
      {soundLocked && (
        <button type="button" className="sound-unlock" onClick={() => void unlock()} data-testid="sound-unlock">
          {t('display.enableSound')}
        </button>
      )}
      <main className="display-main">
        <section className={`now-calling ${latest && flash?.ticketId === latest.id ? 'flash' : ''}`} key={flash?.key ?? 0} aria-labelledby="now-title" data-testid="display-latest">
          <h1 id="now-title"><Bi k="display.nowCalling" /></h1>
          {latest ? (
            <div className="call-big">
              <div className="call-part">
                <span className="call-label"><Bi k="display.ticket" /></span>
                <span className="call-ticket ticket-no" data-testid="display-latest-ticket">{latest.number}</span>
              </div>
              <span className="call-arrow"><Icon name="arrow" size={120} /></span>
              <div className="call-part">
                <span className="call-label"><Bi k="display.counter" /></span>
                <span className="call-counter num" data-testid="display-latest-counter">{counterOf(latest.counterId)?.number ?? '—'}</span>
              </div>
            </div>
          ) : (
            <p className="display-idle"><Bi k="display.welcome" /></p>
          )}
        </section>
        <section className="recent" aria-labelledby="recent-title">
          <h2 id="recent-title"><Bi k="display.recent" /></h2>
          <table className="recent-table" data-testid="display-history">
            <thead>
              <tr><th><Bi k="display.ticket" /></th><th><Bi k="display.counter" /></th></tr>
            </thead>
            <tbody>
              {history.map((c) => (
                <tr key={c.id} data-testid="display-history-row">
                  {/* The number is isolated LTR inside the cell, so the cell keeps the page's alignment. */}
                  <td><span className="ticket-no">{c.number}</span></td>
                  <td className="num">{counterOf(c.counterId)?.number ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </main>
      <footer className="display-foot" aria-label={t('display.waitingNow')}>
        {waitingBy.map(({ s, n }) => (
          <span key={s.id} className="foot-item">
            <strong>{s.prefix}</strong> {s.name.ar} · {s.name.en}: <span className="num">{n}</span>
          </span>
        ))}
      </footer>
      <div className="sr-only" aria-live="assertive" data-testid="announcement" data-id={current?.id ?? ''}>
        {current ? `${current.text.ar}. ${current.text.en}` : ''}
      </div>
    </div>
  );
}
