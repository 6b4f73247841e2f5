// Every counter action as a button with its shortcut; illegal ones are disabled.
import { useTranslation } from 'react-i18next';
import { shortcuts, type CounterAction } from './legal-actions.ts';

const order: CounterAction[] = ['callNext', 'recall', 'start', 'complete', 'noShow', 'transfer', 'park'];

export function ActionBar({ legal, busy, run }: { legal: Set<CounterAction>; busy: boolean; run: (a: CounterAction) => void }) {
  const { t } = useTranslation();
  return (
    <div className="action-bar" role="toolbar" aria-label={t('counter.actions')}>
      {order.map((a) => {
        const key = shortcuts[a]?.[0];
        return (
          <button
            key={a}
            type="button"
            className={a === 'callNext' ? 'btn-primary action big' : a === 'noShow' ? 'btn-danger action' : 'btn action'}
            data-testid={`action-${a}`}
            disabled={busy || !legal.has(a)}
            aria-keyshortcuts={key}
            onClick={() => run(a)}
          >
            <span>{t(`counter.act.${a}`)}</span>
            {key && <kbd className="ltr">{key}</kbd>}
          </button>
        );
      })}
    </div>
  );
}
