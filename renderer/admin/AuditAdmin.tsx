// The audit log: who did what and when — settings, accounts, devices, cancellations, transfers and
// no-shows, sign-ins refused. Filters: who, what kind, from and to (newest first).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import { useHub } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { errorText, useAdminList } from './use-admin-list.ts';

type AuditRow = { at: string; actor: string; action: string; target?: string; detail?: string };

/** The kinds a manager filters by: each is a prefix of the recorded action names. */
const KINDS = ['', 'ticket.', 'staff.', 'settings.', 'service.', 'counter.', 'device.', 'login.', 'voice.', 'report.'] as const;
const LIMIT = 200;

/** "ticket.cancel" → "Ticket cancelled"; an action the screens have no words for is shown as recorded. */
function actionText(action: string): string {
  const key = `audit.actions.${action.replace(/\./g, '_')}`;
  return i18next.exists(key) ? i18next.t(key) : action;
}

/** "user:manager" → who it was, and what kind of caller (a person, a device, an address). */
function actorParts(actor: string): { kind: string; name: string } {
  const i = actor.indexOf(':');
  return i < 0 ? { kind: '', name: actor } : { kind: actor.slice(0, i), name: actor.slice(i + 1) };
}

type Named = { id: string; username?: string; displayName?: string; name?: string | { ar: string; en: string }; number?: number };

/** A target id made readable: a staff member, device, service or counter by its name. */
function useTargetNames(lang: 'ar' | 'en'): (id: string | undefined) => { name: string; extra?: string } {
  const lists = [
    useAdminList<Named>('/api/v1/admin/staff').items,
    useAdminList<Named>('/api/v1/admin/devices').items,
    useAdminList<Named>('/api/v1/admin/services').items,
    useAdminList<Named>('/api/v1/admin/counters').items,
  ];
  return (id) => {
    if (!id) return { name: '' };
    for (const list of lists) {
      const x = list?.find((e) => e.id === id);
      if (!x) continue;
      if (x.username) return x.displayName ? { name: x.displayName, extra: x.username } : { name: x.username };
      if (typeof x.name === 'string') return { name: x.name };
      if (x.name) return { name: x.name[lang] };
      if (x.number !== undefined) return { name: String(x.number) };
    }
    return { name: id };
  };
}

/** A detail recorded as JSON ({"active":false}) in words; anything else as recorded. */
function detailText(detail: string | undefined): string {
  const t = i18next.t.bind(i18next);
  if (!detail?.startsWith('{')) return detail ?? '';
  try {
    const o = JSON.parse(detail) as Record<string, unknown>;
    return Object.entries(o)
      .map(([k, v]) => (k === 'active' ? t(v ? 'staffAdmin.active' : 'staffAdmin.inactive') : k === 'role' ? `${t('admin.role')}: ${t(`roles.${String(v)}`)}` : `${t(`audit.fields.${k}`, { defaultValue: k })}: ${String(v)}`))
      .join(' · ');
  } catch {
    return detail;
  }
}

export function AuditAdmin() {
  const { t } = useTranslation();
  const hub = useHub();
  const f = useFormat();
  const targetName = useTargetNames(f.lang);
  const [filters, setFilters] = useState({ actor: '', kind: '', from: '', to: '' });
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback((q: typeof filters) => {
    const p = new URLSearchParams({ limit: String(LIMIT) });
    if (q.actor.trim()) p.set('actor', q.actor.trim());
    if (q.kind) p.set('action', q.kind);
    if (q.from) p.set('from', q.from);
    if (q.to) p.set('to', q.to);
    hub
      .get<AuditRow[]>(`/api/v1/admin/audit?${p}`)
      .then((r) => {
        setRows(r);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [hub]);
  useEffect(() => load({ actor: '', kind: '', from: '', to: '' }), [load]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    load(filters);
  };
  return (
    <div className="admin-section" data-testid="admin-audit">
      <form className="card form audit-filters" onSubmit={submit} aria-label={t('audit.filters')}>
        <div className="form-grid">
          <label>{t('audit.who')}<input value={filters.actor} onChange={(e) => setFilters({ ...filters, actor: e.target.value })} dir="ltr" placeholder={t('audit.whoHint')} data-testid="audit-actor" /></label>
          <label>{t('audit.kind')}
            <select value={filters.kind} onChange={(e) => setFilters({ ...filters, kind: e.target.value })} data-testid="audit-kind">
              {KINDS.map((k) => <option key={k} value={k}>{t(`audit.kinds.${k ? k.slice(0, -1) : 'all'}`)}</option>)}
            </select>
          </label>
          <label>{t('audit.from')}<input type="date" value={filters.from} onChange={(e) => setFilters({ ...filters, from: e.target.value })} data-testid="audit-from" /></label>
          <label>{t('audit.to')}<input type="date" value={filters.to} onChange={(e) => setFilters({ ...filters, to: e.target.value })} data-testid="audit-to" /></label>
        </div>
        <div className="row"><button type="submit" className="btn-primary" data-testid="audit-show">{t('audit.show')}</button></div>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {rows && rows.length === 0 && <p className="muted" data-testid="audit-empty">{t('audit.empty')}</p>}
      {rows && rows.length > 0 && (
        <>
          <p className="muted" role="status">{rows.length >= LIMIT ? t('audit.latest', { n: f.n(LIMIT) }) : t('audit.count', { count: rows.length, n: f.n(rows.length) })}</p>
          <table className="data" data-testid="audit-table">
            <thead><tr><th>{t('audit.when')}</th><th>{t('audit.who')}</th><th>{t('audit.what')}</th><th>{t('audit.target')}</th><th>{t('audit.detail')}</th></tr></thead>
            <tbody>
              {rows.map((r, i) => {
                const who = actorParts(r.actor);
                const target = targetName(r.target);
                return (
                  <tr key={`${r.at}-${i}`} data-testid="audit-row" data-action={r.action}>
                    <td>{f.date(r.at)} {f.time(r.at)}</td>
                    <td><bdi dir="auto">{who.name}</bdi>{who.kind && <span className="muted"> · {t(`audit.actorKinds.${who.kind}`, { defaultValue: who.kind })}</span>}</td>
                    <td>{actionText(r.action)}</td>
                    <td><bdi dir="auto">{target.name}</bdi>{target.extra && <span className="muted"> · <bdi dir="ltr">{target.extra}</bdi></span>}</td>
                    <td className="audit-detail"><bdi dir="auto">{detailText(r.detail)}</bdi></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
