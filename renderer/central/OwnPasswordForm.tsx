// One's own password, for every central account: the current one and the new one twice. Central
// ends every session of the account (a screen left open elsewhere must sign in again) and gives
// this one a new token, which replaces the stored one: this screen stays signed in.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCentral } from '../shell/app-context.tsx';
import { useCentralSession } from '../store/central-session-store.ts';
import { accountErrorText } from './error-text.ts';
import { useRefused } from './use-central-data.ts';

const blank = { current: '', next: '', again: '' };

export function OwnPasswordForm() {
  const { t } = useTranslation();
  const central = useCentral();
  const renew = useCentralSession((s) => s.renew);
  const refused = useRefused();
  const [form, setForm] = useState(blank);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (form.next !== form.again) {
      setMessage({ ok: false, text: t('centralAccounts.own.differ') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      renew(await central.changeOwnPassword(form.current, form.next));
      setForm(blank);
      setMessage({ ok: true, text: t('centralAccounts.own.changed') });
    } catch (err) {
      if (!refused(err)) setMessage({ ok: false, text: accountErrorText(t, 'ownPassword', err) });
    } finally {
      setBusy(false);
    }
  };
  const field = (key: keyof typeof blank, label: string, autoComplete: string, testId: string) => (
    <label>{label}
      <input type="password" value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} required minLength={key === 'current' ? 1 : 8} maxLength={256}
        autoComplete={autoComplete} dir="ltr" data-testid={testId} />
    </label>
  );
  return (
    <form className="card form admin-form own-password" onSubmit={(e) => void submit(e)} aria-labelledby="own-password-title" data-testid="own-password">
      <h2 id="own-password-title">{t('centralAccounts.own.title')}</h2>
      <p className="muted">{t('centralAccounts.own.hint')}</p>
      <div className="form-grid">
        {field('current', t('centralAccounts.own.current'), 'current-password', 'own-current')}
        {field('next', t('staffAdmin.newPassword'), 'new-password', 'own-new')}
        {field('again', t('centralAccounts.own.again'), 'new-password', 'own-again')}
      </div>
      {message && <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'admin-status' : 'error'} data-testid="own-password-result">{message.text}</p>}
      <div className="row"><button type="submit" className="btn-primary" disabled={busy} data-testid="own-submit">{t('centralAccounts.own.submit')}</button></div>
    </form>
  );
}
