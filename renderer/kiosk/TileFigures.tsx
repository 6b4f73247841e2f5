// The queue on a kiosk tile: how many a new ticket would have ahead and the expected wait, or "no
// counter open now" — and, when nobody waits for the service yet a new ticket would, why.
import { useTranslation } from 'react-i18next';
import { useHall } from '../store/hall-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import { Icon } from '../ui/Icon.tsx';
import { queueFigures } from './queue-figures.ts';
import { waitText } from '../../shared/ticket/ticket-labels.ts';
import type { ExpectedWait } from '../../shared/protocol/entities.ts';

/** The expected wait in words, the same words as on the printed ticket (correct Arabic plurals: ٥ دقائق، دقيقتان، ١١ دقيقة). */
export function useWaitWords(): (w: ExpectedWait) => string {
  const f = useFormat();
  return (w) => waitText(w.minMinutes, w.maxMinutes, f.lang === 'ar' ? f.digits : 'latn')[f.lang];
}

export function TileFigures({ serviceIds, testId }: { serviceIds: string[]; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const words = useWaitWords();
  const queue = useHall((s) => s.queue);
  const services = useHall((s) => s.services);
  const q = queueFigures(serviceIds, queue);
  if (!q) return null;
  const busyWith = q.reason?.kind === 'busy' && q.reason.serviceId && q.reason.serviceId !== serviceIds[0] ? services.find((s) => s.id === q.reason!.serviceId) : undefined;
  return (
    <span className="tile-figures" data-testid={testId} data-waiting={q.waiting} data-ahead={q.ahead} data-open={q.noCounterOpen ? 'none' : 'open'}>
      <span className="tile-figure">
        <Icon name="people" size={36} />
        {q.ahead === q.aheadMost
          ? t('kioskQueue.ahead', { count: q.ahead, n: f.n(q.ahead) })
          : t('kioskQueue.aheadRange', { count: q.aheadMost, from: f.n(q.ahead), to: f.n(q.aheadMost) })}
      </span>
      {q.noCounterOpen ? (
        <span className="tile-figure closed">
          <Icon name="closed" size={36} />
          {t('kioskQueue.noCounterOpen')}
        </span>
      ) : (
        q.wait && (
          <span className="tile-figure">
            <Icon name="clock" size={36} />
            {t('kioskQueue.wait', { wait: words(q.wait) })}
          </span>
        )
      )}
      {q.reason && !q.noCounterOpen && (
        <span className="tile-figure" data-testid={`${testId}-reason`} data-reason={q.reason.kind}>
          <Icon name="info" size={36} />
          {q.reason.kind === 'break'
            ? t('kioskQueue.onBreak', { count: q.reason.counters })
            : busyWith
              ? t('kioskQueue.busyWith', { count: q.reason.counters, service: f.name(busyWith.name) })
              : t('kioskQueue.busy', { count: q.reason.counters })}
        </span>
      )}
    </span>
  );
}
