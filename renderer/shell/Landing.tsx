// The front page: every screen of the hall, in the chosen language.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Icon } from '../ui/Icon.tsx';

const screens = ['kiosk', 'counter', 'display', 'dashboard', 'reports', 'appointments', 'book', 'admin'] as const;
const icons: Record<(typeof screens)[number], string> = { kiosk: 'licence', counter: 'idcard', display: 'hall', dashboard: 'map', reports: 'map', appointments: 'document', book: 'phone', admin: 'info' };

export function Landing() {
  const { t } = useTranslation();
  return (
    <main className="page landing" data-testid="landing">
      <header className="landing-head">
        <div>
          <span className="brand-big" aria-hidden="true">دور</span>
          <h1>{t('landing.title')}</h1>
          <p className="muted">{t('landing.subtitle')}</p>
        </div>
        <LanguageSwitch />
      </header>
      <nav aria-label={t('landing.screens')}>
        <ul className="screen-list">
          {screens.map((s) => (
            <li key={s}>
              <Link to={`/${s}`} className="screen-card" data-testid={`landing-${s}`}>
                <span className="screen-icon"><Icon name={icons[s]} size={40} /></span>
                <span className="screen-name">{t(`screens.${s}.title`)}</span>
                <span className="muted">{t(`screens.${s}.who`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="muted small">{t('landing.trackHint')}</p>
    </main>
  );
}
