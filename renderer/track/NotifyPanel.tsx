// "Tell me when my turn is near" on the tracking page: an SMS to a number (through the hall's
// SMS gateway), a notification on this phone (Web Push), or both. The number is kept only until
// the ticket is finished; "stop" deletes it at once.
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHub } from '../shell/app-context.tsx';
import { useSettings } from '../i18n/settings-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import { citizenErrorText } from '../book/citizen-error.ts';
import { pushSupport, subscribePush } from './web-push.ts';

type NotifyState = { sms: boolean; push: boolean; aheadThreshold: number };

export function NotifyPanel({ code }: { code: string }) {
  const { t } = useTranslation();
  const hub = useHub();
  const f = useFormat();
  const lang = useSettings((s) => s.lang);
  const [state, setState] = useState<NotifyState | null>(null);
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stopped, setStopped] = useState(false);
  const support = pushSupport();
  const path = `/api/v1/track/${encodeURIComponent(code)}/notify`;

  useEffect(() => {
    hub.publicRequest<NotifyState>('GET', path).then(setState, () => undefined);
  }, [hub, path]);

  const ask = async (body: object) => {
    setBusy(true);
    setError(null);
    try {
      setState(await hub.publicRequest<NotifyState>('POST', path, { lang, ...body }));
      setStopped(false);
    } catch (err) {
      setError(err instanceof Error && err.message === 'denied' ? t('notify.pushDenied') : citizenErrorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const sms = (e: FormEvent) => {
    e.preventDefault();
    void ask({ phone: phone.trim() });
  };
  const push = async () => {
    try {
      const key = await hub.publicRequest<{ publicKey: string }>('GET', '/api/v1/public/push-key');
      const sub = await subscribePush(key.publicKey);
      await ask({ push: sub });
    } catch (err) {
      setError(err instanceof Error && err.message === 'denied' ? t('notify.pushDenied') : citizenErrorText(t, err));
    }
  };
  const stop = async () => {
    setBusy(true);
    try {
      await hub.publicRequest('DELETE', path);
      setState((s) => (s ? { ...s, sms: false, push: false } : s));
      setStopped(true);
    } catch (err) {
      setError(citizenErrorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  if (!state) return null;
  const on = [state.sms && t('notify.how.sms'), state.push && t('notify.how.push')].filter(Boolean).join(' + ');
  return (
    <section className="track-card notify" aria-labelledby="notify-title" data-testid="track-notify">
      <h2 id="notify-title">{t('notify.title')}</h2>
      <p className="muted">{t('notify.help', { n: f.n(state.aheadThreshold) })}</p>
      {on && <p className="badge ok" role="status" data-testid="track-notify-on">{t('notify.on', { how: on })}</p>}
      {stopped && <p role="status">{t('notify.stopped')}</p>}
      {!state.sms && (
        <form className="form" onSubmit={sms}>
          <label>
            {t('notify.phone')}
            <input type="tel" inputMode="tel" dir="ltr" autoComplete="tel" maxLength={24} required value={phone} onChange={(e) => setPhone(e.target.value)} data-testid="track-notify-phone" />
          </label>
          <button type="submit" className="btn-primary" disabled={busy} data-testid="track-notify-sms">{busy ? t('notify.saving') : t('notify.sms')}</button>
        </form>
      )}
      {!state.push && support === 'ok' && <button type="button" className="btn" disabled={busy} onClick={() => void push()} data-testid="track-notify-push">{t('notify.push')}</button>}
      {!state.push && support === 'insecure' && <p className="muted small">{t('notify.pushUnavailable')}</p>}
      {!state.push && support === 'denied' && <p className="muted small">{t('notify.pushDenied')}</p>}
      {error && <p className="error" role="alert" data-testid="track-notify-error">{error}</p>}
      {(state.sms || state.push) && <button type="button" className="btn-quiet" disabled={busy} onClick={() => void stop()} data-testid="track-notify-stop">{t('notify.stop')}</button>}
    </section>
  );
}
