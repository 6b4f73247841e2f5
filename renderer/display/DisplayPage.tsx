// The hall screen: the call at a counter now large and highlighted, recent calls, the clock; every
// call and recall is chimed and spoken, Arabic then English. Bilingual labels throughout; the
// foot's ticker alternates the two languages, large. Nothing is ever drawn over the content: the
// connection banner and the sound controls take their own place in the layout.
import { useMemo, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useHall } from '../store/hall-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import { useNow } from '../shell/use-now.ts';
import { useAnnouncements, type SoundState } from './use-announcements.ts';
import { displayCalls } from './now-calling.ts';
import { DisplayTicker } from './DisplayTicker.tsx';
import { Bi } from './Bi.tsx';
import { Icon } from '../ui/Icon.tsx';
import '../styles/display.css';

export function DisplayPage() {
  const f = useFormat();
  const now = useNow(1000);
  const branch = useHall((s) => s.branch);
  const counters = useHall((s) => s.counters);
  const tickets = useHall((s) => s.tickets);
  const { latest, history } = useMemo(() => displayCalls(tickets, 8), [tickets]);
  const { current, flash, sound, enable, keepSilent, volume, quiet } = useAnnouncements();
  const counterOf = (id?: string) => counters.find((c) => c.id === id);
  /** A counter's number in the screen's digits (a ticket number keeps its printed digits). */
  const counterNo = (id?: string) => {
    const c = counterOf(id);
    return c ? f.n(c.number) : '—';
  };
  // While the browser blocks sound, any touch on the screen brings it back (the gesture is all it needs).
  const onPointerDown = (e: PointerEvent) => {
    if (sound === 'locked' && !(e.target as Element).closest('.sound-controls')) void enable();
  };

  return (
    <div className="display" data-testid="display" data-sound={sound} data-volume={volume} data-quiet={quiet ? 'yes' : 'no'} onPointerDown={onPointerDown}>
      <header className="display-head">
        <span className="display-brand" aria-hidden="true">دور</span>
        {branch && (
          <div className="display-branch">
            <span lang="ar">{branch.name.ar}</span>
            <span lang="en">{branch.name.en}</span>
          </div>
        )}
        <SoundControls sound={sound} onEnable={() => void enable()} onKeepSilent={keepSilent} />
        {quiet && sound !== 'off' && (
          <div className="sound-controls" data-testid="display-quiet-hours">
            <span className="sound-quiet"><Icon name="mute" size={32} /><Bi k="displaySound.quietHours" /></span>
          </div>
        )}
        <div className="display-clock" data-testid="display-clock">
          <span className="clock-time num">{f.time(new Date(now))}</span>
          <span className="clock-date">{f.date(new Date(now))}</span>
        </div>
      </header>
      <DisplayConnection />
      <main className="display-main">
        <section className={`now-calling ${latest && flash?.ticketId === latest.id ? 'flash' : ''}`} key={flash?.key ?? 0} aria-labelledby="now-title" data-testid="display-latest" data-ticket={latest?.number ?? ''}>
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
                <span className="call-counter num" data-testid="display-latest-counter">{counterNo(latest.counterId)}</span>
              </div>
            </div>
          ) : (
            <p className="display-idle" data-testid="display-idle"><Bi k="display.welcome" /></p>
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
                  <td className="num">{counterNo(c.counterId)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </main>
      <DisplayTicker />
      <div className="sr-only" aria-live="assertive" data-testid="announcement" data-id={current?.id ?? ''}>
        {current && (
          <>
            <span lang="ar">{current.text.ar}.</span> <span lang="en">{current.text.en}</span>
          </>
        )}
      </div>
    </div>
  );
}

/** In the header, beside the clock: asks for the tap a browser needs before it plays sound, or says the screen is silent. */
function SoundControls({ sound, onEnable, onKeepSilent }: { sound: SoundState; onEnable: () => void; onKeepSilent: () => void }) {
  const { t } = useTranslation();
  if (sound === 'locked') {
    return (
      <div className="sound-controls" role="group" aria-label={t('displaySound.enable')}>
        <button type="button" className="sound-unlock" onClick={onEnable} data-testid="sound-unlock">
          <Icon name="sound" size={36} />
          <Bi k="displaySound.enable" />
        </button>
        <button type="button" className="sound-quiet" onClick={onKeepSilent} data-testid="sound-keep-silent">
          <Bi k="displaySound.keepSilent" />
        </button>
      </div>
    );
  }
  if (sound === 'off') {
    return (
      <div className="sound-controls">
        <button type="button" className="sound-quiet" onClick={onEnable} data-testid="sound-turn-on">
          <Icon name="mute" size={32} />
          <Bi k="displaySound.turnOn" />
        </button>
      </div>
    );
  }
  return null;
}

/** Lost the hub: said in both languages, in a row of its own under the header (never over the clock or a call). */
function DisplayConnection() {
  const c = useHall((s) => s.connection);
  if (c === 'open' || c === 'idle') return null;
  return (
    <div className="display-conn" role="status" data-testid="connection-banner" data-state={c}>
      <span className="spinner" aria-hidden="true" />
      <Bi k={c === 'reconnecting' ? 'shell.reconnecting' : 'shell.connecting'} />
    </div>
  );
}
