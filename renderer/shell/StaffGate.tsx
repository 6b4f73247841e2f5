// Staff screens: sign in first (POST /auth/login), then the stream opens with the staff token.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useHub } from './app-context.tsx';
import { useSession } from '../store/session-store.ts';
import type { StaffRole } from '../../shared/protocol/entities.ts';
import type { LoginResponse } from '../../shared/protocol/http.ts';
import { HubError } from '../hub-client.ts';
import { hubErrorText } from '../i18n/error-text.ts';
import { GatePage, SignInForm, useGateSubmit } from './GatePage.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';

export function StaffGate({ roles, screen, children }: { roles: StaffRole[]; screen: string; children: ReactNode }) {
  const hub = useHub();
  const staff = useSession((s) => s.staff);
  const allowed = staff !== null && roles.includes(staff.user.role);
  // Set during render: the screen's own effects (its first requests) run before this gate's.
  if (allowed) hub.setToken(staff.token);
  useEffect(() => {
    if (!allowed || !staff) return;
    hub.connect();
    return () => hub.disconnect();
  }, [hub, allowed, staff]);
  if (!allowed) return <LoginForm screen={screen} roles={roles} wrongRole={staff ? { roles, mine: staff.user.role } : null} />;
  return (
    <>
      <ConnectionBanner />
      {children}
    </>
  );
}

function LoginForm({ screen, roles, wrongRole }: { screen: string; roles: StaffRole[]; wrongRole: { roles: StaffRole[]; mine: StaffRole } | null }) {
  const { t } = useTranslation();
  const hub = useHub();
  const signIn = useSession((s) => s.signIn);
  const signOut = useSession((s) => s.signOut);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const whomFor = (mine: StaffRole) => t('login.wrongRole', { roles: roles.map((r) => t(`roles.${r}`)).join(t('login.or')), mine: t(`roles.${mine}`) });
  const { submit, busy, error } = useGateSubmit(async () => {
    const r = await hub.publicRequest<LoginResponse>('POST', '/api/v1/auth/login', { username, password });
    signOut();
    signIn({ token: r.token, user: r.user, expiresAt: r.expiresAt });
    // Signed in, but this screen is not for that role: say so every time (the form stays, the session is kept for the screens it opens).
    if (!roles.includes(r.user.role)) return whomFor(r.user.role);
  }, (err) => (err instanceof HubError && err.status === 401 ? t('login.badCredentials') : hubErrorText(err)), wrongRole ? whomFor(wrongRole.mine) : null);

  return (
    <GatePage testId="login" title={t('login.title', { screen: t(`screens.${screen}.title`) })}>
      <SignInForm {...{ username, setUsername, password, setPassword, submit, busy, error }} />
    </GatePage>
  );
}
