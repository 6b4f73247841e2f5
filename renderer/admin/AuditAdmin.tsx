// The audit log: who did what and when — settings, accounts, devices, cancellations, transfers and
// no-shows, sign-ins refused. Filters: who, what kind, from and to (newest first).
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import { useHub } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { errorText, useAdminList } from './use-admin-list.ts';
import { DateField } from '../ui/fields.tsx';
import { auditActionKey } from '../../shared/protocol/audit.ts';

type AuditRow = { at: string; actor: string; action: string; target?: string; detail?: string };

/** The kinds a manager filters by: each is a prefix of the recorded action names. */
const KINDS = ['', 'ticket.', 'dashboard.', 'staff.', 'settings.', 'service.', 'counter.', 'device.', 'login.', 'appointment.', 'feedback.', 'voice.', 'backup.', 'report.'] as const;
const LIMIT = 200;

/** "ticket.cancel" → "Ticket cancelled"; an action the screens have no words for is shown as recorded. */
function actionText(action: string): string {
  const key = auditActionKey(action);
  return i18next.exists(key) ? i18next.t(key) : action;
}

/** "user:manager" → who it was, and what kind of caller (a person, a device, an address). */
function actorParts(actor: string): { kind: string; name: string } {
  const i = actor.indexOf(':');
  return i < 0 ? { kind: '', name: actor } : { kind: actor.slice(0, i), name: actor.slice(i + 1) };
}

type Named = { id: string; username?: string; displayName?: string; name?: string | { ar: string; en: string }; number?: number };

/** A target id made readable: a staff member, device, service or counter by its name. */
function useTargetNames(f: ReturnType<typeof useFormat>): (id: string | undefined) => { name: string; extra?: string; ident?: boolean } {
  const lists = [
    useAdminList<Named>('/api/v1/admin/staff').items,
    useAdminList<Named>('/api/v1/admin/devices').items,
    useAdminList<Named>('/api/v1/admin/services').items,
    useAdminList<Named>('/api/v1/admin/counters').items,
  ];
  const t = i18next.t.bind(i18next);
  return (id) => {
    if (!id) return { name: '' };
    for (const list of lists) {
      const x = list?.find((e) => e.id === id);
      if (!x) continue;
      if (x.username) return x.displayName ? { name: f.text(x.displayName), extra: x.username } : { name: x.username, ident: true };
      if (typeof x.name === 'string') return { name: f.text(x.name) };
      if (x.name) return { name: f.name(x.name) };
      if (x.number !== undefined) return { name: t('audit.counterNo', { n: f.n(x.number) }) };
    }
    // An id, a day, a path: as recorded.
    return { name: id, ident: true };
  };
}

/** Fields whose values are identifiers (a user name, an address, a path): kept as typed, left to right. */
const IDENT_FIELDS = new Set(['username', 'clerk', 'assignee', 'url', 'path', 'language']);

/**
 * A detail recorded as JSON ({"counter":3,"clerk":"sami"}) in words of the screen's language: each
 * field by its name (audit.fields), numbers in the hall's digits, yes/no, a name in the screen's
 * language, a role or event by its word. Anything else (older entries, an error's text) as recorded.
 */
function DetailText({ detail, f }: { detail: string | undefined; f: ReturnType<typeof useFormat> }): ReactNode {
  const t = i18next.t.bind(i18next);
  if (!detail) return null;
  if (!detail.startsWith('{')) return <bdi dir="auto">{f.text(detail)}</bdi>;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(detail) as Record<string, unknown>;
  } catch {
    return <bdi dir="auto">{detail}</bdi>;
  }
  const value = (k: string, v: unknown): ReactNode => {
    if (typeof v === 'boolean') return t(v ? 'audit.yes' : 'audit.no');
    if (typeof v === 'number') return f.n(v);
    if (Array.isArray(v)) return v.map((x, i) => <span key={i}>{i > 0 && t('audit.listSep')}{value(k, x)}</span>);
    if (v && typeof v === 'object' && 'ar' in v && 'en' in v) return f.name(v as { ar: string; en: string });
    const s = String(v);
    if (k === 'role') return t(`roles.${s}`, { defaultValue: s });
    if (k === 'events') return t(`audit.events.${s.replace(/\./g, '_')}`, { defaultValue: s });
    if (k === 'changed') return t(`audit.settings.${s}`, { defaultValue: s });
    if (IDENT_FIELDS.has(k)) return <bdi dir="ltr" data-ident="">{s}</bdi>;
    return <bdi dir="auto">{f.text(s)}</bdi>;
  };
  return Object.entries(o).map(([k, v], i) => (
    <span key={k}>
      {i > 0 && ' · '}
      {k === 'active' ? t(v ? 'staffAdmin.active' : 'staffAdmin.inactive') : <>{t(`audit.fields.${k}`, { defaultValue: k })}: {value(k, v)}</>}
    </span>
  ));
}

export function AuditAdmin() {
  const { t } = useTranslation();
  const hub = useHub();
  const f = useFormat();
  const targetName = useTargetNames(f);
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
          <label>{t('audit.from')}<DateField value={filters.from} onChange={(v) => setFilters({ ...filters, from: v })} data-testid="audit-from" /></label>
          <label>{t('audit.to')}<DateField value={filters.to} onChange={(v) => setFilters({ ...filters, to: v })} data-testid="audit-to" /></label>
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
                    <td><bdi dir="ltr" data-ident="">{who.name}</bdi>{who.kind && <span className="muted"> · {t(`audit.actorKinds.${who.kind}`, { defaultValue: who.kind })}</span>}</td>
                    <td>{actionText(r.action)}</td>
                    <td>{target.ident ? <bdi dir="ltr" data-ident="">{target.name}</bdi> : <bdi dir="auto">{target.name}</bdi>}{target.extra && <span className="muted"> · <bdi dir="ltr" data-ident="">{target.extra}</bdi></span>}</td>
                    <td className="audit-detail"><DetailText detail={r.detail} f={f} /></td>
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
