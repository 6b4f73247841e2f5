// Staff accounts and their roles.
import { useTranslation } from 'react-i18next';
import type { StaffRole, User } from '../../shared/protocol/entities.ts';
import { useAdminForm, useAdminList } from './use-admin-list.ts';

const roles: StaffRole[] = ['clerk', 'supervisor', 'manager', 'admin'];
const blank = { username: '', password: '', role: 'clerk' as StaffRole, displayName: '' };

export function StaffAdmin() {
  const { t } = useTranslation();
  const { items, error, reload } = useAdminList<User>('/api/v1/admin/staff');
  const { form, setForm, msg, save } = useAdminForm('/api/v1/admin/staff', blank, (form) => (
    { username: form.username, password: form.password, role: form.role, ...(form.displayName ? { displayName: form.displayName } : {}) }
  ), reload);
  return (
    <div className="admin-section" data-testid="admin-staff">
      {error && <p className="error" role="alert">{error}</p>}
      <table className="data">
        <thead><tr><th>{t('login.username')}</th><th>{t('admin.displayName')}</th><th>{t('admin.role')}</th></tr></thead>
        <tbody>
          {(items ?? []).map((u) => (
            <tr key={u.id}><td dir="ltr">{u.username}</td><td>{u.displayName ?? ''}</td><td>{t(`roles.${u.role}`)}</td></tr>
          ))}
        </tbody>
      </table>
      <form className="card form admin-form" onSubmit={save}>
        <h3>{t('admin.newStaff')}</h3>
        <div className="form-grid">
          <label>{t('login.username')}<input value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required minLength={3} pattern="[a-z0-9._\-]+" dir="ltr" autoComplete="off" /></label>
          <label>{t('admin.displayName')}<input value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} dir="auto" /></label>
          <label>{t('login.password')}<input type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required minLength={8} autoComplete="new-password" dir="ltr" /></label>
          <label>{t('admin.role')}
            <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as StaffRole })}>
              {roles.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
            </select>
          </label>
        </div>
        {msg && <p role="status">{msg}</p>}
        <button type="submit" className="btn-primary">{t('admin.save')}</button>
      </form>
    </div>
  );
}
