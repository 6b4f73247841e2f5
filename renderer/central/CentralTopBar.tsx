// The bar above central's screens: the title, central's screens (the dashboard; the accounts for
// the admins, one's own password for everyone else), the language, who is signed in.
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.ts';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { useCentral } from '../shell/app-context.tsx';
import { administersAccounts, useCentralSession } from '../store/central-session-store.ts';

export function CentralTopBar({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const central = useCentral();
  const session = useCentralSession((s) => s.session);
  const forget = useCentralSession((s) => s.signOut);
  // Ends the session on central too (its token stops working), then forgets it here.
  const signOut = () => void central.signOut().finally(() => forget());
  const here = useLocation().pathname;
  const link = (to: string, words: string, testId: string) => (
    <Link to={to} className="btn-quiet" aria-current={here === to ? 'page' : undefined} data-testid={testId}>{words}</Link>
  );
  return (
    <header className="topbar central-bar">
      <Link to="/league" className="brand">
        <span lang="ar">دور</span>
        <span className="sr-only"> — {t('central.toLeague')}</span>
      </Link>
      <div className="topbar-title">
        <h1>{title}</h1>
      </div>
      <div className="topbar-tools">
        {session && (
          <nav className="central-nav" aria-label={t('centralAccounts.nav')}>
            {link('/central', t('central.title'), 'central-nav-dashboard')}
            {link('/central/accounts', t(administersAccounts(session.user.role) ? 'centralAccounts.title' : 'centralAccounts.myTitle'), 'central-nav-accounts')}
          </nav>
        )}
        {children}
        <LanguageSwitch />
        {session && (
          <>
            <span className="who" data-testid="signed-in-user">{session.user.displayName ? f.text(session.user.displayName) : <span data-ident="">{session.user.username}</span>}</span>
            <button type="button" className="btn-quiet" data-testid="sign-out" onClick={signOut}>{t('shell.signOut')}</button>
          </>
        )}
      </div>
    </header>
  );
}
