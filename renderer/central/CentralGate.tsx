// Central's dashboard: its own sign-in (central's accounts, POST /api/v1/auth/login on central),
// then the screen with central's token.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCentral } from '../shell/app-context.tsx';
import { GatePage, SignInForm, useGateSubmit } from '../shell/GatePage.tsx';
import { useCentralSession } from '../store/central-session-store.ts';
import { CentralError } from '../central-client.ts';
import { centralErrorText } from './error-text.ts';
import '../styles/central.css';

export function CentralGate({ children }: { children: ReactNode }) {
  const central = useCentral();
  const session = useCentralSession((s) => s.session);
  // Set during render: the screen's first requests run in its own effects, before any of ours.
  central.setToken(session?.token ?? null);
  if (!session) return <CentralLogin />;
  return <>{children}</>;
}

function CentralLogin() {
  const { t } = useTranslation();
  const central = useCentral();
  const signIn = useCentralSession((s) => s.signIn);
  const ended = useCentralSession((s) => s.ended);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { submit, busy, error } = useGateSubmit(
    async () => {
      central.setToken(null);
      signIn(await central.signIn(username, password));
    },
    (err) => (err instanceof CentralError && err.status === 401 ? t('central.badCredentials') : centralErrorText(t, err)),
    ended ? t('central.errors.unauthorized') : null,
  );
  return (
    <GatePage testId="central-login" title={t('central.loginTitle')}>
      <SignInForm {...{ username, setUsername, password, setPassword, submit, busy, error }} />
      <p><Link to="/league">{t('central.toLeague')}</Link></p>
    </GatePage>
  );
}
