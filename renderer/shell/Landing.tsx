// The front page: every screen of the hall, in the chosen language.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Icon } from '../ui/Icon.tsx';

/** Every screen of the hall: its address, its name in the i18n files, its icon. */
const screens = [
  { path: 'kiosk', key: 'kiosk', icon: 'licence' }, { path: 'counter', key: 'counter', icon: 'idcard' }, { path: 'display', key: 'display', icon: 'hall' },
  { path: 'dashboard', key: 'dashboard', icon: 'map' }, { path: 'reports', key: 'reports', icon: 'document' }, { path: 'plan', key: 'plan', icon: 'people' },
  { path: 'appointments', key: 'appointments', icon: 'clock' }, { path: 'feedback-inbox', key: 'feedbackInbox', icon: 'search' },
  { path: 'book', key: 'book', icon: 'phone' }, { path: 'feedback', key: 'feedback', icon: 'star' }, { path: 'admin', key: 'admin', icon: 'info' },
] as const;

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
            <li key={s.path}>
              <Link to={`/${s.path}`} className="screen-card" data-testid={`landing-${s.path}`}>
                <span className="screen-icon"><Icon name={s.icon} size={40} /></span>
                <span className="screen-name">{t(`screens.${s.key}.title`)}</span>
                <span className="muted">{t(`screens.${s.key}.who`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="muted small">{t('landing.trackHint')}</p>
    </main>
  );
}
