// The bar above staff screens: where you are, the connection, language, who is signed in.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { ConnectionDot } from './ConnectionBanner.tsx';
import { useSession } from '../store/session-store.ts';
import { useHall } from '../store/hall-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import type { ReactNode } from 'react';
import { useHub } from './app-context.tsx';

export function TopBar({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const staff = useSession((s) => s.staff);
  const forget = useSession((s) => s.signOut);
  const hub = useHub();
  // Ends the session on the hub too (its token stops working, its streams close), then forgets it here.
  const signOut = () => {
    void hub.post('/api/v1/auth/logout').catch(() => undefined).finally(forget);
  };
  const branch = useHall((s) => s.branch);
  const f = useFormat();
  return (
    <header className="topbar">
      <Link to="/" className="brand">
        <span lang="ar">دور</span>
        <span className="sr-only"> — {t('shell.home')}</span>
      </Link>
      <div className="topbar-title">
        <h1>{title}</h1>
        {branch && <span className="muted">{f.name(branch.name)}</span>}
      </div>
      <div className="topbar-tools">
        {children}
        <ConnectionDot />
        <LanguageSwitch />
        {staff && (
          <>
            <span className="who" data-testid="signed-in-user">{staff.user.displayName ? f.text(staff.user.displayName) : <span data-ident="">{staff.user.username}</span>}</span>
            <button type="button" className="btn-quiet" data-testid="sign-out" onClick={signOut}>{t('shell.signOut')}</button>
          </>
        )}
      </div>
    </header>
  );
}
