// What the two gates share: the sign-in page around their form, and a submit that is busy while
// it runs and turns a failure into the message shown under the form.
import { useState, type FormEvent, type ReactNode } from 'react';
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
