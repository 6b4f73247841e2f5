// Central's accounts (`/central/accounts`): for a platform admin every account, for a municipality
// admin those of their municipality (central decides: electron/central/routes/accounts.ts) — add
// one, edit its role, name and centre, disable or enable it, set a new password, end its sessions,
// let it sign in again after failed attempts; the audit log of those and every other change. Every
// signed-in account, a manager too, changes its own password here.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CentralAccount, CentralRole, Centre } from '../../shared/protocol/central.ts';
import { businessDay } from '../../shared/domain/business-day.ts';
import { useCentral } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { administersAccounts, useCentralSession } from '../store/central-session-store.ts';
import { AccountActions, PasswordDialog, useAccountActions } from '../ui/account-admin.tsx';
import { FormDialog } from '../ui/FormDialog.tsx';
import { AuditLog } from './AuditLog.tsx';
import { CentralTopBar } from './CentralTopBar.tsx';
import { OwnPasswordForm } from './OwnPasswordForm.tsx';
import { accountErrorText, type AccountAction } from './error-text.ts';
import { useCentralData, useRefused } from './use-central-data.ts';
import { type Places, usePlaces } from './use-places.ts';
import '../styles/admin.css';
import '../styles/central.css';

const ROLES: readonly CentralRole[] = ['platform_admin', 'municipality_admin', 'municipality_manager', 'centre_manager'];

export function AccountsPage() {
  const { t } = useTranslation();
  const role = useCentralSession((s) => s.session?.user.role);
  const admin = administersAccounts(role);
  const places = usePlaces(admin);
  // Each change to an account is in the audit log: it reads again after one.
  const [changes, setChanges] = useState(0);
  return (
    <div data-testid="central-accounts">
      <CentralTopBar title={t(admin ? 'centralAccounts.title' : 'centralAccounts.myTitle')}>
        <Link to="/league" className="btn-quiet">{t('central.toLeague')}</Link>
      </CentralTopBar>
      <main className="page central accounts-page">
        {admin && <Accounts places={places} onChange={() => setChanges((n) => n + 1)} />}
        <OwnPasswordForm />
        {admin && <AuditLog places={places} changes={changes} />}
      </main>
    </div>
  );
}

function Accounts({ places, onChange }: { places: Places; onChange: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const central = useCentral();
  const me = useCentralSession((s) => s.session?.user);
  const refused = useRefused();
  const list = useCentralData(() => central.accounts());
  const [editing, setEditing] = useState<CentralAccount | null>(null);
  const [resetFor, setResetFor] = useState<CentralAccount | null>(null);
  const words = (action: AccountAction) => (err: unknown) => (refused(err) ? '' : accountErrorText(t, action, err));
  const changed = () => {
    list.reload();
    onChange();
  };
  // A display name in the screen's digits; a username is an identifier and keeps its own.
  const name = (u: CentralAccount) => (u.displayName ? f.text(u.displayName) : u.username);
  const { confirmDialog, status, setStatus, setActive, endSessions, unlock } = useAccountActions<CentralAccount>({
    name,
    setActive: (u, active) => central.updateAccount(u.id, { active }),
    endSessions: async (u) => {
      const n = await central.endSessions(u.id);
      onChange();
      return n;
    },
    unlock: async (u) => {
      const n = await central.unlock(u.id);
      onChange();
      return n;
    },
    errorText: words('edit'),
    changed,
  });
  const where = (u: CentralAccount) => {
    if (u.role === 'platform_admin') return t('centralAccounts.wholePlatform');
    const m = places.municipality(u.municipalityId);
    const c = places.centre(u.branchId);
    // A municipality admin reads only their own municipality's accounts: its name says nothing new.
    const mName = me?.role === 'platform_admin' && m ? f.name(m.name) : null;
    if (u.role === 'centre_manager') return [c ? f.name(c.name) : u.branchId, mName].filter(Boolean).join(' · ');
    return mName ?? t('centralAccounts.wholeMunicipality');
  };
  const created = (iso: string) => f.day(businessDay(Date.parse(iso), f.timeZone));
  return (
    <>
      {confirmDialog}
      <PasswordDialog
        open={resetFor !== null} name={resetFor ? name(resetFor) : ''} errorText={words('password')} onClose={() => setResetFor(null)}
        save={(password) => central.setPassword(resetFor!.id, password)}
        onDone={() => { setStatus(t('staffAdmin.reset', { name: name(resetFor!) })); setResetFor(null); onChange(); }}
      />
      <EditDialog
        account={editing} places={places} onClose={() => setEditing(null)} errorText={words('edit')}
        onSaved={(u) => { setStatus(t('centralAccounts.saved', { name: name(u) })); setEditing(null); changed(); }}
      />
      <section className="admin-section" aria-labelledby="accounts-title" data-testid="accounts">
        <h2 id="accounts-title">{t('centralAccounts.accounts')}</h2>
        {list.error !== null && <p className="error" role="alert" data-testid="accounts-error">{accountErrorText(t, 'list', list.error)}</p>}
        {status && <p role="status" className="admin-status" data-testid="accounts-status">{status}</p>}
        <div className="table-wrap">
          <table className="data accounts-table" data-testid="accounts-table">
            <caption className="sr-only">{t('centralAccounts.accounts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('login.username')}</th><th scope="col">{t('admin.displayName')}</th><th scope="col">{t('admin.role')}</th>
                <th scope="col">{t('centralAccounts.where')}</th><th scope="col">{t('admin.state')}</th><th scope="col">{t('centralAccounts.created')}</th>
                <th scope="col"><span className="sr-only">{t('staffAdmin.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {(list.data ?? []).map((u) => (
                <tr key={u.id} data-testid={`account-row-${u.username}`} data-active={String(u.active)}>
                  <td className="nowrap"><bdi dir="ltr" data-ident="">{u.username}</bdi></td>
                  <td>{u.displayName ? <bdi dir="auto">{f.text(u.displayName)}</bdi> : ''}</td>
                  <td>{t(`roles.${u.role}`)}</td>
                  <td>{where(u)}</td>
                  <td><span className={`badge ${u.active ? 'ok' : 'bad'}`} data-testid="account-state">{u.active ? t('staffAdmin.active') : t('staffAdmin.inactive')}</span></td>
                  <td className="nowrap">{created(u.createdAt)}</td>
                  <td>
                    <div className="row-actions">
                      <AccountActions
                        name={name(u)} username={u.username} active={u.active} self={u.id === me?.id} testId="account"
                        onEdit={() => setEditing(u)} onPassword={u.id === me?.id ? undefined : () => setResetFor(u)}
                        onUnlock={() => void unlock(u)} onEndSessions={() => void endSessions(u)} onSetActive={(active) => void setActive(u, active)}
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <AddAccountForm places={places} errorText={words('add')} onAdded={changed} />
    </>
  );
}

/** The roles the signed-in admin may give: only a platform admin makes platform admins. */
function rolesFor(me: CentralRole | undefined): readonly CentralRole[] {
  return me === 'platform_admin' ? ROLES : ROLES.filter((r) => r !== 'platform_admin');
}

/** A centre manager's centre: one of the account's municipality's centres. */
function CentreSelect({ value, onChange, centres, testId }: { value: string; onChange: (v: string) => void; centres: Centre[]; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <label>{t('centralAccounts.centre')}
      <select value={value} onChange={(e) => onChange(e.target.value)} required data-testid={testId}>
        <option value="">{t('centralAccounts.choose')}</option>
        {centres.map((c) => <option key={c.id} value={c.id}>{f.name(c.name)}</option>)}
      </select>
    </label>
  );
}

const blank = { username: '', displayName: '', password: '', role: 'municipality_manager' as CentralRole, municipalityId: '', branchId: '' };

function AddAccountForm({ places, errorText, onAdded }: { places: Places; errorText: (err: unknown) => string; onAdded: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const central = useCentral();
  const me = useCentralSession((s) => s.session?.user);
  const [form, setForm] = useState(blank);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const platform = me?.role === 'platform_admin';
  // A municipality admin adds only in their own municipality; a platform admin picks one (none for a platform admin).
  const municipalityId = platform ? form.municipalityId : (me?.municipalityId ?? '');
  const own = places.municipality(me?.municipalityId ?? null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const displayName = form.displayName.trim();
      const u = await central.addAccount({
        username: form.username.trim(), password: form.password, role: form.role,
        ...(displayName ? { displayName } : {}),
        ...(form.role !== 'platform_admin' && municipalityId ? { municipalityId } : {}),
        ...(form.role === 'centre_manager' ? { branchId: form.branchId } : {}),
      });
      setForm(blank);
      setMessage({ ok: true, text: t('centralAccounts.added', { name: u.displayName ? f.text(u.displayName) : u.username }) });
      onAdded();
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card form admin-form" onSubmit={(e) => void submit(e)} aria-labelledby="add-account-title" data-testid="add-account">
      <h2 id="add-account-title">{t('centralAccounts.add')}</h2>
      <div className="form-grid">
        <label>{t('login.username')}
          <input value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required minLength={3} maxLength={64} pattern="[a-z0-9._\-]+"
            dir="ltr" autoComplete="off" aria-describedby="username-hint" data-ident="" data-testid="add-username" />
          <span id="username-hint" className="field-hint muted">{t('centralAccounts.usernameHint', { min: f.n(3), max: f.n(64) })}</span>
        </label>
        <label>{t('admin.displayName')}<input value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} maxLength={80} dir="auto" data-testid="add-display-name" /></label>
        <label>{t('login.password')}
          <input type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required minLength={8} maxLength={256} autoComplete="new-password" dir="ltr" aria-describedby="password-hint" data-testid="add-password" />
          <span id="password-hint" className="field-hint muted">{t('centralAccounts.passwordHint')}</span>
        </label>
        <label>{t('admin.role')}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as CentralRole, branchId: '' })} data-testid="add-role">
            {rolesFor(me?.role).map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
          </select>
        </label>
        {form.role !== 'platform_admin' && (platform
          ? (
            <label>{t('central.municipality')}
              <select value={form.municipalityId} onChange={(e) => setForm({ ...form, municipalityId: e.target.value, branchId: '' })} required data-testid="add-municipality">
                <option value="">{t('centralAccounts.choose')}</option>
                {places.municipalities.map((m) => <option key={m.id} value={m.id}>{f.name(m.name)}</option>)}
              </select>
            </label>
          )
          : <p className="add-municipality" data-testid="add-municipality-fixed"><span className="muted">{t('central.municipality')}</span> {own ? f.name(own.name) : ''}</p>)}
        {form.role === 'centre_manager' && (
          <CentreSelect value={form.branchId} onChange={(branchId) => setForm({ ...form, branchId })} centres={places.centres.filter((c) => c.municipalityId === municipalityId)} testId="add-centre" />
        )}
      </div>
      {message && (message.ok
        ? <p role="status" className="admin-status" data-testid="add-result">{message.text}</p>
        : <p role="alert" className="error" data-testid="add-error">{message.text}</p>)}
      <div className="row"><button type="submit" className="btn-primary" disabled={busy} data-testid="add-submit">{t('centralAccounts.addSubmit')}</button></div>
    </form>
  );
}

/** An account's role, display name and (a centre manager's) centre. Its own role, and a platform admin's, stay. */
function EditDialog({ account: u, places, errorText, onClose, onSaved }: {
  account: CentralAccount | null; places: Places; errorText: (err: unknown) => string; onClose: () => void; onSaved: (u: CentralAccount) => void;
}) {
  const { t } = useTranslation();
  const central = useCentral();
  const me = useCentralSession((s) => s.session?.user);
  const [form, setForm] = useState({ displayName: '', role: 'municipality_manager' as CentralRole, branchId: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A platform admin belongs to no municipality, so it cannot become one of its roles (add an account there instead).
  const fixedRole = !u || u.id === me?.id || u.role === 'platform_admin';
  const save = async () => {
    if (!u) return;
    setBusy(true);
    try {
      const displayName = form.displayName.trim();
      onSaved(await central.updateAccount(u.id, {
        ...(displayName && displayName !== u.displayName ? { displayName } : {}),
        ...(form.role !== u.role ? { role: form.role } : {}),
        ...(form.role === 'centre_manager' && form.branchId !== u.branchId ? { branchId: form.branchId } : {}),
      }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormDialog
      open={u !== null} id="edit" title={u ? t('staffAdmin.editTitle', { username: u.username }) : ''} submitLabel={t('admin.save')} submitDisabled={busy}
      onOpen={() => { setForm({ displayName: u?.displayName ?? '', role: u?.role ?? 'municipality_manager', branchId: u?.branchId ?? '' }); setError(null); }}
      onClose={onClose} onSubmit={() => void save()}
    >
      <label>{t('admin.displayName')}<input value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} maxLength={80} dir="auto" data-testid="edit-display-name" /></label>
      <label>{t('admin.role')}
        <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as CentralRole })} disabled={fixedRole} aria-describedby={fixedRole ? 'edit-role-note' : undefined} data-testid="edit-role">
          {(fixedRole ? [form.role] : rolesFor(me?.role)).map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
        </select>
      </label>
      {u && fixedRole && <p id="edit-role-note" className="muted small">{t(u.id === me?.id ? 'centralAccounts.ownRole' : 'centralAccounts.platformRole')}</p>}
      {form.role === 'centre_manager' && u && (
        <CentreSelect value={form.branchId} onChange={(branchId) => setForm({ ...form, branchId })} centres={places.centres.filter((c) => c.municipalityId === u.municipalityId)} testId="edit-centre" />
      )}
      {error && <p className="error" role="alert" data-testid="edit-error">{error}</p>}
    </FormDialog>
  );
}
