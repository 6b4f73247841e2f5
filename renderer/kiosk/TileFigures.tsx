// The queue on a kiosk tile: how many wait and the expected wait, or "no counter open now".
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
  const q = queueFigures(serviceIds, queue);
  if (!q) return null;
  return (
    <span className="tile-figures" data-testid={testId} data-waiting={q.waiting} data-open={q.noCounterOpen ? 'none' : 'open'}>
      <span className="tile-figure">
        <Icon name="people" size={36} />
        {t('kioskQueue.waiting', { count: q.waiting, n: f.n(q.waiting) })}
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
    </span>
  );
}
