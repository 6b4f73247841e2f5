// Counters: number, names, and which services each serves.
import { useTranslation } from 'react-i18next';
import type { Counter, Service } from '../../shared/protocol/entities.ts';
import { useAdminForm, useAdminList } from './use-admin-list.ts';
import { useFormat } from '../i18n/use-format.ts';
import { NumberField } from '../ui/fields.tsx';

const blank = { id: '', number: 1, nameAr: '', nameEn: '', serviceIds: [] as string[] };

export function CountersAdmin() {
  const { t } = useTranslation();
  const f = useFormat();
  const { items, error, reload } = useAdminList<Counter>('/api/v1/admin/counters');
  const services = useAdminList<Service>('/api/v1/admin/services').items ?? [];
  const { form, setForm, msg, save } = useAdminForm('/api/v1/admin/counters', blank, (form) => (
    { ...(form.id ? { id: form.id } : {}), number: Number(form.number), name: { ar: form.nameAr, en: form.nameEn }, serviceIds: form.serviceIds }
  ), reload);
  const toggle = (id: string) => setForm({ ...form, serviceIds: form.serviceIds.includes(id) ? form.serviceIds.filter((x) => x !== id) : [...form.serviceIds, id] });
  const svcName = (id: string) => services.find((s) => s.id === id)?.prefix ?? id;
  return (
    <div className="admin-section" data-testid="admin-counters">
      {error && <p className="error" role="alert">{error}</p>}
      <table className="data">
        <thead><tr><th>{t('admin.number')}</th><th>{t('admin.nameAr')}</th><th>{t('admin.nameEn')}</th><th>{t('admin.services')}</th><th><span className="sr-only">{t('admin.edit')}</span></th></tr></thead>
        <tbody>
          {[...(items ?? [])].sort((a, b) => a.number - b.number).map((c) => (
            <tr key={c.id}>
              <td><strong>{f.n(c.number)}</strong></td><td lang="ar">{f.name(c.name, 'ar')}</td><td lang="en">{c.name.en}</td>
              <td>{c.serviceIds.map(svcName).join(' ')}</td>
              <td><button type="button" className="btn" aria-label={`${t('admin.edit')} ${f.name(c.name)}`} onClick={() => setForm({ id: c.id, number: c.number, nameAr: c.name.ar, nameEn: c.name.en, serviceIds: c.serviceIds })}>{t('admin.edit')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card form admin-form" onSubmit={save}>
        <h3>{form.id ? t('admin.editCounter') : t('admin.newCounter')}</h3>
        <div className="form-grid">
          <label>{t('admin.number')}<NumberField min={1} max={999} value={form.number} onChange={(v) => setForm({ ...form, number: v })} required /></label>
          <label>{t('admin.nameAr')}<input value={form.nameAr} onChange={(e) => setForm({ ...form, nameAr: e.target.value })} required lang="ar" dir="rtl" /></label>
          <label>{t('admin.nameEn')}<input value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.target.value })} required lang="en" dir="ltr" /></label>
        </div>
        <fieldset className="outcomes">
          <legend>{t('admin.services')}</legend>
          {services.map((s) => (
            <label key={s.id} className="radio"><input type="checkbox" checked={form.serviceIds.includes(s.id)} onChange={() => toggle(s.id)} />{s.prefix} · {f.name(s.name)}</label>
          ))}
        </fieldset>
        {msg && <p role="status">{msg}</p>}
        <div className="row">
          <button type="submit" className="btn-primary">{t('admin.save')}</button>
          {form.id && <button type="button" className="btn" onClick={() => setForm(blank)}>{t('common.cancel')}</button>}
        </div>
      </form>
    </div>
  );
}
