// Tickets parked at this counter, to call back when the citizen returns.
import { useTranslation } from 'react-i18next';
import type { HallTicket } from '../store/apply-event.ts';
import { useFormat } from '../i18n/use-format.ts';

export function ParkedPanel({ parked, canCall, onCall }: { parked: HallTicket[]; canCall: boolean; onCall: (id: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section className="card" aria-labelledby="parked-title" data-testid="parked-panel">
      <h2 id="parked-title">{t('counter.parked')}</h2>
      {parked.length === 0 ? (
        <p className="muted">{t('counter.parkedEmpty')}</p>
      ) : (
        <ul className="parked-list">
          {parked.map((p) => (
            <li key={p.id} className="row">
              <span className="ticket-no grow">{f.ticket(p.number)}</span>
              <button type="button" className="btn" disabled={!canCall} onClick={() => onCall(p.id)} data-testid={`call-parked-${p.number}`}>
                {t('counter.callBack')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
