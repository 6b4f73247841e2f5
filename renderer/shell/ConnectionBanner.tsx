// Says plainly when the screen has lost the hub and is catching up.
import { useTranslation } from 'react-i18next';
import { useHall } from '../store/hall-store.ts';

export function ConnectionBanner() {
  const { t } = useTranslation();
  const c = useHall((s) => s.connection);
  if (c === 'open' || c === 'idle') return null;
  return (
    <div className="conn-banner" role="status" data-testid="connection-banner" data-state={c}>
      <span className="spinner" aria-hidden="true" />
      {c === 'reconnecting' ? t('shell.reconnecting') : t('shell.connecting')}
    </div>
  );
}

export function ConnectionDot() {
  const { t } = useTranslation();
  const c = useHall((s) => s.connection);
  return (
    <span className={`conn-dot conn-${c}`} data-testid="connection-state" data-state={c} title={t(`shell.conn.${c}`)}>
      <span className="sr-only">{t(`shell.conn.${c}`)}</span>
    </span>
  );
}
