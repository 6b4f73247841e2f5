// What the two gates share: the sign-in page around their form, and a submit that is busy while
// it runs and turns a failure into the message shown under the form.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function GatePage({ testId, title, children }: { testId: string; title: string; children: ReactNode }) {
  return (
    <main className="page narrow login" data-testid={testId}>
      <div className="login-head">
        <span className="brand-big" aria-hidden="true">دور</span>
        <LanguageSwitch digits={false} />
      </div>
      <h1>{title}</h1>
      {children}
    </main>
  );
}

/** `action` returns a message to show when it is refused, or throws; `failure` words the throw. */
export function useGateSubmit(action: () => Promise<string | void>, failure: (err: unknown) => string, initialError: string | null = null) {
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const refused = await action();
      if (refused) setError(refused);
    } catch (err) {
      setError(failure(err));
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy, error };
}

/** The sign-in form of a gate (the hall's staff screens, central's dashboard): username, password, the refusal, submit. */
export function SignInForm(p: {
  username: string; setUsername: (v: string) => void; password: string; setPassword: (v: string) => void;
  submit: (e: FormEvent) => void; busy: boolean; error: string | null;
}) {
  const { t } = useTranslation();
  return (
    <form onSubmit={p.submit} className="card form">
      <label>
        {t('login.username')}
        <input data-testid="login-username" autoComplete="username" value={p.username} onChange={(e) => p.setUsername(e.target.value)} required autoFocus dir="ltr" />
      </label>
      <label>
        {t('login.password')}
        <input data-testid="login-password" type="password" autoComplete="current-password" value={p.password} onChange={(e) => p.setPassword(e.target.value)} required dir="ltr" />
      </label>
      {p.error && <p className="error" role="alert" data-testid="login-error">{p.error}</p>}
      <button type="submit" className="btn-primary" data-testid="login-submit" disabled={p.busy}>{t('login.submit')}</button>
    </form>
  );
}
