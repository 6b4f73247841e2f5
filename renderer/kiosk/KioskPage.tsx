// The kiosk: touch only, big targets, back to the start when left alone.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useHub, useBridge } from '../shell/app-context.tsx';
import { useHall } from '../store/hall-store.ts';
import { useSettings } from '../i18n/settings-store.ts';
import { initialKiosk, kioskReducer, type IdOk } from './kiosk-flow.ts';
import { useIdleTimeout } from './use-idle-timeout.ts';
import { LanguageStep } from './LanguageStep.tsx';
import { CategoryStep, ServiceStep } from './ServiceStep.tsx';
import { PriorityStep } from './PriorityStep.tsx';
import { IdStep } from './IdStep.tsx';
import { TicketStep } from './TicketStep.tsx';
import { AppointmentEntry, CheckInStep } from './CheckInStep.tsx';
import type { Ticket } from '../../shared/protocol/entities.ts';
import { HubError } from '../hub-client.ts';
import { KioskFeedbackButton } from '../feedback/KioskFeedbackButton.tsx';
import { useNow } from '../shell/use-now.ts';
import { openingStatus } from '../../shared/domain/opening-hours.ts';
import { businessDay } from '../../shared/domain/business-day.ts';
import { DEFAULT_KIOSK_RESET_SECONDS } from '../../shared/domain/hall-settings.ts';
import { KioskClosed } from './KioskClosed.tsx';
import { AssistProvider, AgainHint, assistProps, choice, isArmed, phrase } from './assist/assist.tsx';
import { AssistBar } from './assist/AssistBar.tsx';
import { useKioskAssist } from './assist/use-kiosk-assist.ts';
import '../styles/kiosk.css';

const IDLE_MS = 45_000;
/** With help on, a step is read aloud before anyone chooses: more time. */
const ASSIST_IDLE_MS = 90_000;
/** Back to the start after a refusal; after a ticket, the hall's `kioskResetSeconds` (default 15 s) so the next citizen never sees this one's QR. */
const ERROR_IDLE_MS = 60_000;

export function KioskPage() {
  const { t } = useTranslation();
  const hub = useHub();
  const bridge = useBridge();
  const setLang = useSettings((s) => s.setLang);
  // A service no counter serves is not offered: nobody could call its tickets.
  const counters = useHall((s) => s.counters);
  const services = useHall((s) => s.services).filter((s) => s.active && counters.some((c) => c.serviceIds.includes(s.id)));
  const ready = useHall((s) => s.ready);
  const [st, dispatch] = useReducer(kioskReducer, { ...initialKiosk, lang: useSettings.getState().lang });
  const issuing = useRef(false);

  const reset = useCallback(() => dispatch({ type: 'reset' }), []);
  const onIdDone = useCallback((id: IdOk | null) => dispatch({ type: 'id', id }), []);
  const onBack = useCallback(() => dispatch({ type: 'back' }), []);
  const branch = useHall((s) => s.branch);
  const ticketIdleMs = (branch?.kioskResetSeconds ?? DEFAULT_KIOSK_RESET_SECONDS) * 1000;
  const touch = useIdleTimeout(st.step === 'lang' && !st.assist ? null : st.step === 'ticket' ? ticketIdleMs : st.step === 'error' ? ERROR_IDLE_MS : st.assist ? ASSIST_IDLE_MS : IDLE_MS, reset);
  const { assist, caption, start: startAssist, repeat } = useKioskAssist(hub, st, services);
  const now = useNow(30_000);
  const opening = branch ? openingStatus(branch.hours, branch.timeZone, now) : ({ open: true } as const);

  useEffect(() => {
    setLang(st.lang);
  }, [st.lang, setLang]);

  // The station's scanner: a booking QR scanned on any step goes to check-in.
  useEffect(() => bridge.onScan((scan) => dispatch({ type: 'checkin', scanned: { code: scan.code } })), [bridge]);
  const onCheckedIn = useCallback((ticket: Ticket) => dispatch({ type: 'checkedIn', ticket }), []);
  const onWalkIn = useCallback(() => dispatch({ type: 'walkIn' }), []);

  // Issue exactly once per visit: the step moves to 'issuing' on the first tap, and a ref guards
  // against a second tap landing before React re-renders.
  useEffect(() => {
    if (st.step !== 'issuing' || issuing.current || !st.serviceId) return;
    issuing.current = true;
    hub
      .post<Ticket>('/api/v1/tickets', {
        serviceId: st.serviceId,
        lang: st.lang,
        ...(st.priority !== 'none' ? { priority: st.priority } : {}),
        ...(st.id?.idSealed ? { idSealed: st.id.idSealed } : {}),
      })
      .then((ticket) => dispatch({ type: 'issued', ticket }))
      .catch((err: unknown) =>
        dispatch({ type: 'failed', error: err instanceof HubError && err.status === 429 ? t('kiosk.errorBusy') : err instanceof HubError && err.code === 'hall_closed' ? t('kiosk.errorClosed') : t('kiosk.errorIssue') }),
      )
      .finally(() => {
        issuing.current = false;
      });
  }, [st.step, st.serviceId, st.lang, st.priority, st.id, hub, t]);

  const service = services.find((s) => s.id === st.serviceId);
  // Closed: the start screen says when the hall opens (a citizen mid-visit finishes; the hub refuses a kiosk's ticket when closed).
  if (!opening.open && branch && (st.step === 'lang' || st.step === 'category')) {
    return (
      <div className="kiosk" data-testid="kiosk" data-step="closed">
        <KioskClosed branch={branch} status={opening} today={businessDay(now, branch.timeZone)} />
      </div>
    );
  }
  return (
    <AssistProvider value={assist}>
    <div className={st.assist ? 'kiosk assist' : 'kiosk'} data-testid="kiosk" data-step={st.step} data-assist={st.assist ? 'on' : 'off'} onPointerDownCapture={touch} onKeyDownCapture={touch}>
      {st.assist && <AssistBar caption={caption} lang={st.lang} onRepeat={repeat} onOff={() => dispatch({ type: 'assist', on: false })} />}
      {st.step === 'lang' && (
        <LanguageStep
          onPick={(lang) => dispatch({ type: 'lang', lang })}
          onAssist={() => {
            startAssist();
            dispatch({ type: 'assist', on: true });
          }}
        />
      )}
      {st.step === 'lang' && <AppointmentEntry bilingual onClick={() => dispatch({ type: 'checkin' })} />}
      {st.step === 'checkin' && <CheckInStep scanned={st.scanned} onTicket={onCheckedIn} onWalkIn={onWalkIn} onBack={onBack} />}
      {st.step === 'lang' && !st.assist && <KioskFeedbackButton />}
      {st.step === 'category' && (
        <CategoryStep
          services={services}
          ready={ready}
          onPick={(category, single) => dispatch({ type: 'category', category, single })}
          onBack={() => dispatch({ type: 'back' })}
        />
      )}
      {st.step === 'category' && <AppointmentEntry onClick={() => dispatch({ type: 'checkin' })} />}
      {st.step === 'service' && st.category && (
        <ServiceStep
          services={services.filter((s) => s.category === st.category)}
          category={st.category}
          onPick={(serviceId) => dispatch({ type: 'service', serviceId })}
          onBack={() => dispatch({ type: 'back' })}
        />
      )}
      {st.step === 'priority' && service && (
        <PriorityStep service={service} onPick={(priority) => dispatch({ type: 'priority', priority, idStep: bridge.available })} onBack={() => dispatch({ type: 'back' })} />
      )}
      {st.step === 'id' && <IdStep onDone={onIdDone} onBack={onBack} />}
      {st.step === 'issuing' && (
        <section className="kiosk-step kiosk-center" data-testid="kiosk-issuing" aria-live="polite">
          <span className="spinner big" aria-hidden="true" />
          <h1>{t('kiosk.issuing')}</h1>
        </section>
      )}
      {st.step === 'ticket' && st.ticket && service && <TicketStep ticket={st.ticket} service={service} priority={st.priority} onDone={reset} />}
      {st.step === 'error' && (
        <section className="kiosk-step kiosk-center" data-testid="kiosk-error" role="alert">
          <h1>{st.error}</h1>
          <button type="button" className="kiosk-btn primary" {...assistProps(assist, 'restart', choice(st.lang, phrase(st.lang, 'guide-start-over')), reset)} data-testid="kiosk-restart">
            {t('kiosk.startOver')}
            <AgainHint show={isArmed(assist, 'restart')} />
          </button>
        </section>
      )}
    </div>
    </AssistProvider>
  );
}
