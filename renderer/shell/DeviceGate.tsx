// Kiosk and hall display: paired devices. A token arrives by pairing code, or (demo/dev) as
// `?token=` in the URL, which is stored and stripped from the address.
import { useEffect, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useHub, useStation } from './app-context.tsx';
import { deviceToken, forgetDeviceToken, saveDeviceToken } from '../store/session-store.ts';
import type { DeviceRole } from '../../shared/protocol/entities.ts';
import type { PairResponse } from '../../shared/protocol/http.ts';
import { HubError } from '../hub-client.ts';
import { GatePage, useGateSubmit } from './GatePage.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';

export function DeviceGate({ role, children }: { role: DeviceRole; children: ReactNode }) {
  const hub = useHub();
  const station = useStation();
  const location = useLocation();
  const navigate = useNavigate();
  const [token, setToken] = useState<string | null>(() => {
    const fromUrl = new URLSearchParams(location.search).get('token');
    if (fromUrl) saveDeviceToken(role, fromUrl);
    return station?.deviceToken ?? fromUrl ?? deviceToken(role);
  });

  useEffect(() => {
    const q = new URLSearchParams(location.search);
    if (!q.has('token')) return;
    q.delete('token');
    const rest = q.toString();
    navigate({ pathname: location.pathname, search: rest ? `?${rest}` : '' }, { replace: true });
  }, [location, navigate]);

  // Set during render: the screen's own effects (its first requests) run before this gate's.
  if (token) hub.setToken(token);
  useEffect(() => {
    if (!token) return;
    hub.connect();
    // A revoked or unknown token: forget it and ask for a pairing code again.
    hub.get('/api/v1/services').catch((err: unknown) => {
      if (err instanceof HubError && (err.status === 401 || err.status === 403)) {
        forgetDeviceToken(role);
        setToken(null);
      }
    });
    return () => hub.disconnect();
  }, [hub, token, role]);

  if (!token) return <PairForm role={role} onPaired={setToken} />;
  return (
    <>
      {/* The hall display places its own banner in its layout, clear of the clock. */}
      {role !== 'display' && <ConnectionBanner />}
      {children}
    </>
  );
}

function PairForm({ role, onPaired }: { role: DeviceRole; onPaired: (token: string) => void }) {
  const { t } = useTranslation();
  const hub = useHub();
  const [code, setCode] = useState('');
  const [name, setName] = useState(`${role}-1`);
  const { submit, busy, error } = useGateSubmit(async () => {
    const r = await hub.publicRequest<PairResponse>('POST', '/api/v1/devices/pair', { code: code.trim(), name: name.trim() });
    if (r.role !== role) return t('pair.wrongRole', { role: t(`roles.${r.role}`) });
    saveDeviceToken(role, r.token);
    onPaired(r.token);
  }, (err) => (err instanceof HubError && err.status > 0 ? t('pair.badCode') : t('errors.network')));

  return (
    <GatePage testId="pair" title={t('pair.title', { role: t(`roles.${role}`) })}>
      <p className="muted">{t('pair.help')}</p>
      <form onSubmit={submit} className="card form">
        <label>
          {t('pair.code')}
          <input data-testid="pair-code" data-ident value={code} onChange={(e) => setCode(e.target.value)} required minLength={4} maxLength={32} autoFocus dir="ltr" autoComplete="off" />
        </label>
        <label>
          {t('pair.name')}
          <input data-testid="pair-name" data-ident value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} dir="auto" />
        </label>
        {error && <p className="error" role="alert" data-testid="pair-error">{error}</p>}
        <button type="submit" className="btn-primary" data-testid="pair-submit" disabled={busy}>{t('pair.submit')}</button>
      </form>
    </GatePage>
  );
}
