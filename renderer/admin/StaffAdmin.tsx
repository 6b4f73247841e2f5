// Staff accounts: create, edit (name, role), disable or enable, reset a password, let someone held back by failed sign-ins try again, end sessions.
// Disabling, a reset and ending sessions cut that person's open screens at once (the hub's rule);
// the destructive ones ask first.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRole, User } from '../../shared/protocol/entities.ts';
import { useHub } from '../shell/app-context.tsx';
import { useSession } from '../store/session-store.ts';
import { AccountActions, PasswordDialog, useAccountActions } from '../ui/account-admin.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { errorText, useAdminForm, useAdminList } from './use-admin-list.ts';

type StaffRow = User & { active: boolean };
const roles: StaffRole[] = ['clerk', 'supervisor', 'manager', 'admin'];
const blank = { id: '', username: '', password: '', role: 'clerk' as StaffRole, displayName: '' };

export function StaffAdmin() {
  const { t } = useTranslation();
  const hub = useHub();
  const f = useFormat();
  const me = useSession((s) => s.staff?.user.id);
  const { items, error, reload } = useAdminList<StaffRow>('/api/v1/admin/staff');
  const [resetFor, setResetFor] = useState<StaffRow | null>(null);
  const { form, setForm, msg, save } = useAdminForm(
    '/api/v1/admin/staff',
    blank,
    (form) => ({ username: form.username, password: form.password, role: form.role, ...(form.displayName ? { displayName: form.displayName } : {}) }),
    reload,
  );
  // A display name in the hall's digits; a username is an identifier and keeps its own.
  const name = (u: StaffRow) => (u.displayName ? f.text(u.displayName) : u.username);
  const path = (u: { id: string }, action = '') => `/api/v1/admin/staff/${encodeURIComponent(u.id)}${action}`;
  const { confirmDialog, status, setStatus, run, setActive, endSessions, unlock } = useAccountActions<StaffRow>({
    name,
    setActive: (u, active) => hub.post(path(u), { active }),
    endSessions: async (u) => (await hub.post<{ ended: number }>(path(u, '/end-sessions'))).ended,
    unlock: async (u) => (await hub.post<{ cleared: number }>(path(u, '/unlock'))).cleared,
    errorText,
    changed: reload,
  });
  const edit = (u: StaffRow) => setForm({ id: u.id, username: u.username, password: '', role: u.role, displayName: u.displayName ?? '' });
  const submit = (e: FormEvent) => {
    // A new account is created by the form; an existing one is edited (name and role; the
    // username stays) at its own path.
    if (form.id) {
      e.preventDefault();
      void run(async () => {
        await hub.post(path(form), { role: form.role, displayName: form.displayName });
        reload();
        return t('admin.saved');
      }).then(() => setForm(blank));
      return;
    }
    void save(e);
  };
  return (
    <div className="admin-section" data-testid="admin-staff">
      {confirmDialog}
      <PasswordDialog
        open={resetFor !== null} name={resetFor ? name(resetFor) : ''} errorText={errorText} onClose={() => setResetFor(null)}
        save={async (password) => { await hub.post(path(resetFor!, '/password'), { password }); }}
        onDone={() => { setStatus(t('staffAdmin.reset', { name: name(resetFor!) })); setResetFor(null); }}
      />
      {error && <p className="error" role="alert">{error}</p>}
      {status && <p role="status" className="admin-status" data-testid="staff-status">{status}</p>}
      <table className="data">
        <thead><tr><th>{t('login.username')}</th><th>{t('admin.displayName')}</th><th>{t('admin.role')}</th><th>{t('admin.state')}</th><th><span className="sr-only">{t('staffAdmin.actions')}</span></th></tr></thead>
        <tbody>
          {(items ?? []).map((u) => (
            <tr key={u.id} data-testid={`staff-row-${u.username}`}>
              <td dir="ltr" data-ident>{u.username}</td>
              <td>{u.displayName ? f.text(u.displayName) : ''}</td>
              <td>{t(`roles.${u.role}`)}</td>
              <td><span className={`badge ${u.active ? 'ok' : 'bad'}`}>{u.active ? t('staffAdmin.active') : t('staffAdmin.inactive')}</span></td>
              <td className="row-actions">
                <AccountActions
                  name={name(u)} username={u.username} active={u.active} self={u.id === me} testId="staff"
                  onEdit={() => edit(u)} onPassword={() => setResetFor(u)} onUnlock={() => void unlock(u)} onEndSessions={() => void endSessions(u)} onSetActive={(active) => void setActive(u, active)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card form admin-form" onSubmit={submit} data-testid="staff-form">
        <h3>{form.id ? t('staffAdmin.editTitle', { username: form.username }) : t('admin.newStaff')}</h3>
        <div className="form-grid">
          {!form.id && <label>{t('login.username')}<input value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required minLength={3} pattern="[a-z0-9._\-]+" dir="ltr" autoComplete="off" /></label>}
          <label>{t('admin.displayName')}<input value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} dir="auto" data-testid="staff-display-name" /></label>
          {!form.id && <label>{t('login.password')}<input type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required minLength={8} autoComplete="new-password" dir="ltr" /></label>}
          <label>{t('admin.role')}
            <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as StaffRole })} disabled={form.id === me} data-testid="staff-role">
              {roles.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
            </select>
          </label>
        </div>
        {msg && <p role="status">{msg}</p>}
        <div className="row">
          <button type="submit" className="btn-primary" data-testid="staff-save">{t('admin.save')}</button>
          {form.id && <button type="button" className="btn" onClick={() => setForm(blank)}>{t('common.cancel')}</button>}
        </div>
      </form>
    </div>
  );
}
