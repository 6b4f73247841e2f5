// The foot of the hall screen: people in the queue per service — as many as a ticket taken now would
// have ahead of it, the count the kiosk and the ticket give — read from the back of the hall: large,
// one language at a time, Arabic then English in turn (both at once halves the size of each).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHall } from '../store/hall-store.ts';
import { formatNumber, textDigits } from '../../shared/i18n/format.ts';
import type { Lang } from '../../shared/protocol/entities.ts';

/** How long each language stays on the ticker. */
export const TICKER_LANG_MS = 7000;

export function DisplayTicker() {
  const { i18n } = useTranslation();
  const [lang, setLang] = useState<Lang>('ar');
  useEffect(() => {
    const id = setInterval(() => setLang((l) => (l === 'ar' ? 'en' : 'ar')), TICKER_LANG_MS);
    return () => clearInterval(id);
  }, []);
  const services = useHall((s) => s.services);
  const queue = useHall((s) => s.queue);
  const digits = useHall((s) => s.branch?.digits) ?? 'arab';
  const t = i18n.getFixedT(lang);
  const items = services.filter((s) => s.active).map((s) => {
    const q = queue.find((x) => x.serviceId === s.id);
    return { s, n: q?.ahead ?? q?.waiting ?? 0 };
  });
  return (
    <footer className="display-foot" lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'} data-testid="display-ticker" data-lang={lang} aria-label={t('displayTicker.title')}>
      <span className="foot-title">{t('displayTicker.title')}</span>
      <ul className="foot-items">
        {items.map(({ s, n }) => (
          <li key={s.id} className="foot-item" data-testid={`display-ticker-${s.id}`}>
            <span className="foot-prefix ltr">{s.prefix}</span>
            <span className="foot-name">{textDigits(s.name[lang], { lang, digits })}</span>
            <span className="foot-count">{t('displayTicker.waiting', { count: n, n: formatNumber(n, { lang, digits }) })}</span>
          </li>
        ))}
      </ul>
    </footer>
  );
}
