// Central's audit log on the accounts screen: the latest entries the admin may read (central
// scopes them: a municipality admin those concerning their municipality), filtered by who, by kind
// of action (a prefix of its name) and by dates; read again after each change made on the screen.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import type { CentralAuditEntry } from '../../shared/protocol/central.ts';
import { useCentral } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { AuditDetail, AuditFilters, NO_AUDIT_FILTERS, type AuditFilterValues } from '../ui/audit.tsx';
import type { Places } from './use-places.ts';
import { accountErrorText } from './error-text.ts';
import { useCentralData } from './use-central-data.ts';

/** The kinds offered: each a prefix of the actions central records ('login' takes the refused sign-ins too). */
const KINDS = ['', 'user.', 'password.', 'login', 'login.failed', 'municipality.', 'branch.', 'hall.', 'catalogue.', 'monitoring_token.'] as const;
const LIMIT = 200;

const kindKey = (prefix: string) => (prefix ? prefix.replace(/\.$/, '').replace(/\./g, '_') : 'all');

/** "user.password_reset" → "Password set"; an action the screen has no words for is shown as recorded. */
function actionText(action: string): ReactNode {
  const key = `centralAccounts.actions.${action.replace(/\./g, '_')}`;
  return i18next.exists(key) ? i18next.t(key) : <bdi dir="ltr" data-ident="">{action}</bdi>;
}

const ident = (s: string) => <bdi dir="ltr" data-ident="">{s}</bdi>;

export function AuditLog({ places, changes }: { places: Places; changes: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const central = useCentral();
  const [filters, setFilters] = useState<AuditFilterValues>(NO_AUDIT_FILTERS);
  const [shown, setShown] = useState<AuditFilterValues>(NO_AUDIT_FILTERS);
  // "Show" asks again even with the same filters.
  const [asked, setAsked] = useState(0);
  const { data: rows, error } = useCentralData(() => central.audit({
    limit: LIMIT,
    ...(shown.actor.trim() ? { actor: shown.actor.trim() } : {}),
    ...(shown.kind ? { action: shown.kind } : {}),
    ...(shown.from ? { from: shown.from } : {}),
    ...(shown.to ? { to: shown.to } : {}),
  }), `${JSON.stringify(shown)}#${changes}#${asked}`);
  const place = (id: string): ReactNode => {
    const c = places.centre(id);
    if (c) return f.name(c.name);
    const m = places.municipality(id);
    return m ? f.name(m.name) : ident(id);
  };
  /** Who: an account by its username; a refused sign-in by its address; a hall by its centre. */
  const who = (e: CentralAuditEntry): ReactNode => {
    if (e.actorName) return ident(e.actorName);
    const i = e.actor.indexOf(':');
    const kind = i < 0 ? '' : e.actor.slice(0, i);
    const rest = i < 0 ? e.actor : e.actor.slice(i + 1);
    if (kind === 'ip') return <>{ident(rest)}<span className="muted"> · {t('audit.actorKinds.ip')}</span></>;
    if (kind === 'hall') return <>{place(rest)}<span className="muted"> · {t('centralAccounts.hall')}</span></>;
    return ident(e.actor);
  };
  const target = (e: CentralAuditEntry): ReactNode => (e.targetName ? ident(e.targetName) : e.target ? place(e.target) : '');
  return (
    <section className="admin-section" aria-labelledby="audit-title" data-testid="central-audit">
      <h2 id="audit-title">{t('admin.tabs.audit')}</h2>
      <AuditFilters
        value={filters} onChange={setFilters} onSubmit={(v) => { setShown(v); setAsked((n) => n + 1); }} whoHint={t('centralAccounts.whoHint')}
        kinds={KINDS.map((k) => ({ prefix: k, label: t(`centralAccounts.kinds.${kindKey(k)}`) }))}
      />
      {error !== null && <p className="error" role="alert">{accountErrorText(t, 'audit', error)}</p>}
      {rows && rows.length === 0 && <p className="muted" data-testid="audit-empty">{t('audit.empty')}</p>}
      {rows && rows.length > 0 && (
        <>
          <p className="muted" role="status">{rows.length >= LIMIT ? t('audit.latest', { n: f.n(LIMIT) }) : t('audit.count', { count: rows.length, n: f.n(rows.length) })}</p>
          {/* Focusable, so a keyboard scrolls it when it is wider than the screen. */}
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="audit-title">
            <table className="data" data-testid="audit-table">
              <caption className="sr-only">{t('admin.tabs.audit')}</caption>
              <thead><tr><th scope="col">{t('audit.when')}</th><th scope="col">{t('audit.who')}</th><th scope="col">{t('audit.what')}</th><th scope="col">{t('audit.target')}</th><th scope="col">{t('audit.detail')}</th></tr></thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.id} data-testid="audit-row" data-action={e.action} data-target={e.targetName ?? e.target ?? ''}>
                    <td className="nowrap">{f.date(e.at)} {f.time(e.at)}</td>
                    <td>{who(e)}</td>
                    <td>{actionText(e.action)}</td>
                    <td>{target(e)}</td>
                    <td className="audit-detail"><AuditDetail detail={e.detail} value={(k, v) => (k === 'branchId' && typeof v === 'string' ? place(v) : undefined)} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
