// Services: prefix, names in both languages, category, target wait, active.
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service } from '../../shared/protocol/entities.ts';
import type { QueueResponse } from '../../shared/protocol/http.ts';
import { useHub } from '../shell/app-context.tsx';
import { useConfirm } from '../ui/ConfirmDialog.tsx';
import { useAdminForm, useAdminList } from './use-admin-list.ts';
import { useFormat } from '../i18n/use-format.ts';
import { NumberField } from '../ui/fields.tsx';

const blank = { id: '', prefix: '', nameAr: '', nameEn: '', category: '', target: 15, active: true };

export function ServicesAdmin() {
  const { t } = useTranslation();
  const f = useFormat();
  const { items, error, reload } = useAdminList<Service>('/api/v1/admin/services');
  const { form, setForm, msg, save } = useAdminForm('/api/v1/admin/services', blank, (form) => ({
    ...(form.id ? { id: form.id } : {}),
    prefix: form.prefix.toUpperCase(),
    name: { ar: form.nameAr, en: form.nameEn },
    category: form.category,
    targetWaitMinutes: Number(form.target),
    active: form.active,
  }), reload);
  const hub = useHub();
  const [confirmDialog, ask] = useConfirm();
  // Taking a service off the kiosk asks first, saying who is waiting for it (they keep their place).
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const before = items?.find((x) => x.id === form.id);
    if (before?.active && !form.active) {
      const waiting = await hub.get<QueueResponse>('/api/v1/queue').then((q) => q.services.find((x) => x.serviceId === before.id)?.waiting ?? 0, () => 0);
      const yes = await ask({ text: t('servicesAdmin.confirmDeactivate', { name: f.name(before.name), count: waiting, n: f.n(waiting) }), confirm: t('servicesAdmin.deactivate') });
      if (!yes) return;
    }
    await save(e);
  };
  const edit = (s: Service) => setForm({ id: s.id, prefix: s.prefix, nameAr: s.name.ar, nameEn: s.name.en, category: s.category, target: s.targetWaitMinutes, active: s.active });
  return (
    <div className="admin-section" data-testid="admin-services">
      {confirmDialog}
      {error && <p className="error" role="alert">{error}</p>}
      <table className="data">
        <thead><tr><th>{t('admin.prefix')}</th><th>{t('admin.nameAr')}</th><th>{t('admin.nameEn')}</th><th>{t('admin.category')}</th><th>{t('admin.target')}</th><th>{t('admin.active')}</th><th><span className="sr-only">{t('admin.edit')}</span></th></tr></thead>
        <tbody>
          {(items ?? []).map((s) => (
            <tr key={s.id}>
              <td><strong>{s.prefix}</strong></td><td lang="ar">{f.name(s.name, 'ar')}</td><td lang="en">{s.name.en}</td><td>{s.category}</td><td>{f.n(s.targetWaitMinutes)}</td>
              <td>{s.active ? t('common.yes') : t('common.no')}</td>
              <td><button type="button" className="btn" onClick={() => edit(s)} aria-label={`${t('admin.edit')} ${f.name(s.name)}`}>{t('admin.edit')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card form admin-form" onSubmit={(e) => void submit(e)}>
        <h3>{form.id ? t('admin.editService') : t('admin.newService')}</h3>
        <div className="form-grid">
          <label>{t('admin.prefix')}<input value={form.prefix} onChange={(e) => setForm({ ...form, prefix: e.target.value })} maxLength={1} pattern="[A-Za-z]" required dir="ltr" data-testid="svc-prefix" /></label>
          <label>{t('admin.nameAr')}<input value={form.nameAr} onChange={(e) => setForm({ ...form, nameAr: e.target.value })} required lang="ar" dir="rtl" data-testid="svc-name-ar" /></label>
          <label>{t('admin.nameEn')}<input value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.target.value })} required lang="en" dir="ltr" data-testid="svc-name-en" /></label>
          <label>{t('admin.category')}<input value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value })} required dir="ltr" data-testid="svc-category" /></label>
          <label>{t('admin.target')}<NumberField min={1} max={600} value={form.target} onChange={(v) => setForm({ ...form, target: v })} required /></label>
          <label className="radio"><input type="checkbox" checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} data-testid="svc-active" />{t('admin.active')}</label>
        </div>
        {msg && <p role="status">{msg}</p>}
        <div className="row">
          <button type="submit" className="btn-primary" data-testid="svc-save">{t('admin.save')}</button>
          {form.id && <button type="button" className="btn" onClick={() => setForm(blank)}>{t('common.cancel')}</button>}
        </div>
      </form>
    </div>
  );
}
