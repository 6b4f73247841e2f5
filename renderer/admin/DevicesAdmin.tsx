// Paired devices (revocable) and one-time pairing codes for new kiosks, displays and counters.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHub } from '../shell/app-context.tsx';
import type { DeviceRole } from '../../shared/protocol/entities.ts';
import { useAdminList, errorText } from './use-admin-list.ts';
import { useFormat } from '../i18n/use-format.ts';
import { useConfirm } from '../ui/ConfirmDialog.tsx';
import { DisplaySoundDialog } from './DisplaySoundDialog.tsx';

type DeviceRow = { id: string; name?: string; role?: DeviceRole; revoked?: boolean; revokedAt?: string; pairedAt?: string; createdAt?: string; lastSeenAt?: string };
const deviceRoles: DeviceRole[] = ['kiosk', 'display', 'counter'];

export function DevicesAdmin() {
  const { t } = useTranslation();
  const hub = useHub();
  const f = useFormat();
  const { items, error, reload } = useAdminList<DeviceRow>('/api/v1/admin/devices');
  const [role, setRole] = useState<DeviceRole>('kiosk');
  const [code, setCode] = useState<{ code: string; expiresAt: string; role: DeviceRole } | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [confirmDialog, ask] = useConfirm();
  const [soundOf, setSoundOf] = useState<{ id: string; name: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const newCode = async () => {
    try {
      const r = await hub.post<{ code: string; expiresAt: string }>('/api/v1/devices/pairing-codes', { role });
      setCode({ ...r, role });
      setMsg(null);
    } catch (err) {
      setMsg(errorText(err));
    }
  };
  const revoke = async (d: DeviceRow) => {
    const role = d.role ? t(`roles.${d.role}`) : '';
    if (!(await ask({ text: t('adminConfirm.revoke', { role, name: d.name ?? d.id }), confirm: t('admin.revoke') }))) return;
    const id = d.id;
    try {
      await hub.post(`/api/v1/admin/devices/${encodeURIComponent(id)}/revoke`);
      reload();
    } catch (err) {
      setMsg(errorText(err));
    }
  };
  return (
    <div className="admin-section" data-testid="admin-devices">
      {confirmDialog}
      <DisplaySoundDialog display={soundOf} onClose={() => setSoundOf(null)} onSaved={(name) => { setSoundOf(null); setStatus(t('displaySoundAdmin.saved', { name })); }} />
      {status && <p role="status" className="admin-status" data-testid="devices-status">{status}</p>}
      <section className="card form admin-form">
        <h3>{t('admin.pairingTitle')}</h3>
        <div className="row">
          <label className="row">{t('admin.role')}
            <select className="field" value={role} onChange={(e) => setRole(e.target.value as DeviceRole)} data-testid="pairing-role">
              {deviceRoles.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
            </select>
          </label>
          <button type="button" className="btn-primary" onClick={() => void newCode()} data-testid="pairing-new">{t('admin.newCode')}</button>
        </div>
        {code && (
          <p className="pairing-code" role="status">
            {t(`roles.${code.role}`)}: <strong className="ltr" data-testid="pairing-code" data-ident>{code.code}</strong> · {t('admin.expires', { time: f.time(code.expiresAt) })}
          </p>
        )}
        {msg && <p className="error" role="alert">{msg}</p>}
      </section>
      {error && <p className="error" role="alert">{error}</p>}
      <table className="data">
        <thead><tr><th>{t('admin.device')}</th><th>{t('admin.role')}</th><th>{t('admin.paired')}</th><th>{t('admin.lastSeen')}</th><th>{t('admin.state')}</th><th><span className="sr-only">{t('admin.revoke')}</span></th></tr></thead>
        <tbody>
          {(items ?? []).map((d) => {
            const revoked = d.revoked || Boolean(d.revokedAt);
            const paired = d.pairedAt ?? d.createdAt;
            return (
              <tr key={d.id} data-testid="device-row">
                <td>{d.name ?? d.id}</td>
                <td>{d.role ? t(`roles.${d.role}`) : ''}</td>
                <td>{paired ? `${f.date(paired)} ${f.time(paired)}` : ''}</td>
                <td data-testid="device-last-seen">{d.lastSeenAt ? `${f.date(d.lastSeenAt)} ${f.time(d.lastSeenAt)}` : t('admin.notSeen')}</td>
                <td><span className={`badge ${revoked ? 'bad' : 'ok'}`}>{revoked ? t('admin.revoked') : t('admin.activeDevice')}</span></td>
                <td className="row-actions">
                  {!revoked && d.role === 'display' && <button type="button" className="btn" onClick={() => setSoundOf({ id: d.id, name: d.name ?? d.id })} aria-label={`${t('displaySoundAdmin.open')} ${d.name ?? d.id}`} data-testid="device-sound">{t('displaySoundAdmin.open')}</button>}
                  {!revoked && <button type="button" className="btn-danger" onClick={() => void revoke(d)} aria-label={`${t('admin.revoke')} ${d.name ?? d.id}`} data-testid="device-revoke">{t('admin.revoke')}</button>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
