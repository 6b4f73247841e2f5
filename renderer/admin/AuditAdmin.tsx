// The audit log: who did what and when — settings, accounts, devices, cancellations, transfers and
// no-shows, sign-ins refused. Filters: who, what kind, from and to (newest first).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import { useHub } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { errorText, useAdminList } from './use-admin-list.ts';
import { AuditDetail, AuditFilters, NO_AUDIT_FILTERS, type AuditFilterValues } from '../ui/audit.tsx';
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

export function AuditAdmin() {
  const { t } = useTranslation();
  const hub = useHub();
  const f = useFormat();
  const targetName = useTargetNames(f);
  const [filters, setFilters] = useState<AuditFilterValues>(NO_AUDIT_FILTERS);
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback((q: AuditFilterValues) => {
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
  useEffect(() => load(NO_AUDIT_FILTERS), [load]);
  return (
    <div className="admin-section" data-testid="admin-audit">
      <AuditFilters value={filters} onChange={setFilters} onSubmit={load} whoHint={t('audit.whoHint')} kinds={KINDS.map((k) => ({ prefix: k, label: t(`audit.kinds.${k ? k.slice(0, -1) : 'all'}`) }))} />
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
                    <td className="audit-detail"><AuditDetail detail={r.detail} /></td>
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
