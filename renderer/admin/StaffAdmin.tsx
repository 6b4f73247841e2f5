// Staff accounts: create, edit (name, role), disable or enable, reset a password, let someone held back by failed sign-ins try again, end sessions.
// Disabling, a reset and ending sessions cut that person's open screens at once (the hub's rule);
// the destructive ones ask first.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRole, User } from '../../shared/protocol/entities.ts';
import { useHub } from '../shell/app-context.tsx';
import { useSession } from '../store/session-store.ts';
import { useConfirm } from '../ui/ConfirmDialog.tsx';
import { FormDialog } from '../ui/FormDialog.tsx';
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
  const [status, setStatus] = useState<string | null>(null);
  const [resetFor, setResetFor] = useState<StaffRow | null>(null);
  const [confirmDialog, ask] = useConfirm();
  const { form, setForm, msg, save } = useAdminForm(
    '/api/v1/admin/staff',
    blank,
    (form) => ({ username: form.username, password: form.password, role: form.role, ...(form.displayName ? { displayName: form.displayName } : {}) }),
    reload,
  );
  // A display name in the hall's digits; a username is an identifier and keeps its own.
  const name = (u: StaffRow) => (u.displayName ? f.text(u.displayName) : u.username);
  const act = async (path: string, body: unknown, done: string) => {
    try {
      await hub.post(path, body);
      setStatus(done);
      reload();
    } catch (err) {
      setStatus(errorText(err));
    }
  };
  const setActive = async (u: StaffRow, active: boolean) => {
    if (!active && !(await ask({ text: t('staffAdmin.confirmDisable', { name: name(u) }), confirm: t('staffAdmin.disable') }))) return;
    await act(`/api/v1/admin/staff/${encodeURIComponent(u.id)}`, { active }, t(active ? 'staffAdmin.enabled' : 'staffAdmin.disabled', { name: name(u) }));
  };
  const endSessions = async (u: StaffRow) => {
    if (!(await ask({ text: t('staffAdmin.confirmEnd', { name: name(u) }), confirm: t('staffAdmin.endSessions') }))) return;
    try {
      const r = await hub.post<{ ended: number }>(`/api/v1/admin/staff/${encodeURIComponent(u.id)}/end-sessions`);
      setStatus(t('staffAdmin.ended', { name: name(u), count: r.ended, n: f.n(r.ended) }));
    } catch (err) {
      setStatus(errorText(err));
    }
  };
  // After failed sign-ins an address waits longer and longer before it may try again (not the account):
  // the administrator lets the person try again at once from everywhere.
  const unlock = async (u: StaffRow) => {
    try {
      const r = await hub.post<{ cleared: number }>(`/api/v1/admin/staff/${encodeURIComponent(u.id)}/unlock`);
      setStatus(t(r.cleared ? 'staffAdmin.unlocked' : 'staffAdmin.notHeld', { name: name(u) }));
    } catch (err) {
      setStatus(errorText(err));
    }
  };
  const edit = (u: StaffRow) => setForm({ id: u.id, username: u.username, password: '', role: u.role, displayName: u.displayName ?? '' });
  const submit = (e: FormEvent) => {
    // A new account is created by the form; an existing one is edited (name and role; the
    // username stays) at its own path.
    if (form.id) {
      e.preventDefault();
      void act(`/api/v1/admin/staff/${encodeURIComponent(form.id)}`, { role: form.role, displayName: form.displayName }, t('admin.saved')).then(() => setForm(blank));
      return;
    }
    void save(e);
  };
  return (
    <div className="admin-section" data-testid="admin-staff">
      {confirmDialog}
      <ResetPasswordDialog user={resetFor} onClose={() => setResetFor(null)} onDone={(u) => { setResetFor(null); setStatus(t('staffAdmin.reset', { name: name(u) })); }} />
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
                <button type="button" className="btn" onClick={() => edit(u)} aria-label={`${t('admin.edit')} ${name(u)}`}>{t('admin.edit')}</button>
                <button type="button" className="btn" onClick={() => setResetFor(u)} aria-label={`${t('staffAdmin.resetPassword')} ${name(u)}`} data-testid={`staff-reset-${u.username}`}>{t('staffAdmin.resetPassword')}</button>
                {u.active && <button type="button" className="btn" onClick={() => void unlock(u)} aria-label={`${t('staffAdmin.unlock')} ${name(u)}`} data-testid={`staff-unlock-${u.username}`}>{t('staffAdmin.unlock')}</button>}
                {u.active && <button type="button" className="btn" onClick={() => void endSessions(u)} aria-label={`${t('staffAdmin.endSessions')} ${name(u)}`} data-testid={`staff-end-${u.username}`}>{t('staffAdmin.endSessions')}</button>}
                {u.id !== me && (u.active
                  ? <button type="button" className="btn-danger" onClick={() => void setActive(u, false)} aria-label={`${t('staffAdmin.disable')} ${name(u)}`} data-testid={`staff-disable-${u.username}`}>{t('staffAdmin.disable')}</button>
                  : <button type="button" className="btn" onClick={() => void setActive(u, true)} aria-label={`${t('staffAdmin.enable')} ${name(u)}`} data-testid={`staff-enable-${u.username}`}>{t('staffAdmin.enable')}</button>)}
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

/** A new password for someone who forgot theirs: it ends their sessions; tell them in person. */
function ResetPasswordDialog({ user, onClose, onDone }: { user: StaffRow | null; onClose: () => void; onDone: (u: StaffRow) => void }) {
  const { t } = useTranslation();
  const hub = useHub();
  const [password, setPassword] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const submit = async () => {
    if (!user) return;
    try {
      await hub.post(`/api/v1/admin/staff/${encodeURIComponent(user.id)}/password`, { password });
      onDone(user);
    } catch (error) {
      setErr(errorText(error));
    }
  };
  return (
    <FormDialog
      open={user !== null} id="reset" title={user ? t('staffAdmin.resetTitle', { name: user.displayName || user.username }) : ''} submitLabel={t('staffAdmin.resetPassword')}
      onOpen={() => { setPassword(''); setErr(null); }} onClose={onClose} onSubmit={() => void submit()}
    >
      <p className="muted">{t('staffAdmin.resetHint')}</p>
      <label>{t('staffAdmin.newPassword')}
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={8} maxLength={256} autoComplete="new-password" dir="ltr" data-testid="reset-password" />
      </label>
      {err && <p className="error" role="alert">{err}</p>}
    </FormDialog>
  );
}
