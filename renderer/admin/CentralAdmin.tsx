// Joining central from the hall (issue 12 §3): central's address and the one-time enrolment code
// its admin made for this centre, posted to the hub (POST /api/v1/admin/central), which exchanges
// it for the hall's own credential — the same as `./dawr hub --central URL --enrol CODE`.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../shared/protocol/sync.ts';
import type { I18nText } from '../../shared/protocol/entities.ts';
import { useHub } from '../shell/app-context.tsx';
import { HubError } from '../hub-client.ts';
import { useFormat } from '../i18n/use-format.ts';

type Joined = { branchId: string; municipalityId: string; name: I18nText };

export function CentralAdmin() {
  const { t } = useTranslation();
  const f = useFormat();
  const hub = useHub();
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const reload = useCallback(() => {
    hub.get<SyncStatus>('/api/v1/sync/status').then(setStatus, () => setStatus(null));
  }, [hub]);
  useEffect(reload, [reload]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMsg(null);
    try {
      const r = await hub.post<Joined>('/api/v1/admin/central', { url: url.trim(), code: code.trim() });
      setMsg({ ok: true, text: t('centralAdmin.joined', { name: f.name(r.name) }) });
      setCode('');
      reload();
    } catch (err) {
      // The hub's message is the remote's English: the admin gets it worded from the code.
      const c = err instanceof HubError ? err.code : 'network';
      const key = c === 'forbidden' ? 'forbidden' : c === 'rate_limited' ? 'rateLimited' : c === 'network' ? 'network' : 'invalid';
      setMsg({ ok: false, text: t(`centralAdmin.${key}`) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="admin-section" data-testid="admin-central">
      <form className="card form admin-form central-join" onSubmit={(e) => void submit(e)}>
        <h3>{t('centralAdmin.title')}</h3>
        <p className="muted">{t('centralAdmin.help')}</p>
        {status?.enrolled && status.central && <p data-testid="central-linked">{t('centralAdmin.current')} <bdi className="ltr" data-ident>{status.central}</bdi></p>}
        <label>{t('centralAdmin.url')}
          <input type="url" dir="ltr" required minLength={8} maxLength={300} placeholder="https://central.example.gov" value={url} onChange={(e) => setUrl(e.target.value)} data-testid="central-url" data-ident />
        </label>
        <label>{t('centralAdmin.code')}
          <input dir="ltr" required minLength={4} maxLength={32} autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} data-testid="central-code" data-ident />
        </label>
        <button type="submit" className="btn-primary" disabled={busy} data-testid="central-join">{t('centralAdmin.submit')}</button>
        {msg && <p className={msg.ok ? '' : 'error'} role={msg.ok ? 'status' : 'alert'} data-testid="central-join-result">{msg.text}</p>}
      </form>
    </div>
  );
}
