// What the hall's audit log (admin/AuditAdmin.tsx) and central's (central/AuditLog.tsx) share: the
// filter form (who, what kind, from, to) and an entry's detail in words of the screen's language.
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.ts';
import { DateField } from './fields.tsx';

export type AuditFilterValues = { actor: string; kind: string; from: string; to: string };
export const NO_AUDIT_FILTERS: AuditFilterValues = { actor: '', kind: '', from: '', to: '' };

/** The filters above an audit log; `kinds` are the action prefixes offered ('' = everything), each with its words. */
export function AuditFilters({ value, onChange, onSubmit, kinds, whoHint }: {
  value: AuditFilterValues;
  onChange: (v: AuditFilterValues) => void;
  onSubmit: (v: AuditFilterValues) => void;
  kinds: readonly { prefix: string; label: string }[];
  whoHint: string;
}) {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(value);
  };
  return (
    <form className="card form audit-filters" onSubmit={submit} aria-label={t('audit.filters')}>
      <div className="form-grid">
        <label>{t('audit.who')}<input value={value.actor} onChange={(e) => onChange({ ...value, actor: e.target.value })} dir="ltr" placeholder={whoHint} data-testid="audit-actor" /></label>
        <label>{t('audit.kind')}
          <select value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value })} data-testid="audit-kind">
            {kinds.map((k) => <option key={k.prefix} value={k.prefix}>{k.label}</option>)}
          </select>
        </label>
        <label>{t('audit.from')}<DateField value={value.from} onChange={(v) => onChange({ ...value, from: v })} data-testid="audit-from" /></label>
        <label>{t('audit.to')}<DateField value={value.to} onChange={(v) => onChange({ ...value, to: v })} data-testid="audit-to" /></label>
      </div>
      <div className="row"><button type="submit" className="btn-primary" data-testid="audit-show">{t('audit.show')}</button></div>
    </form>
  );
}

/** Fields whose values are identifiers (a user name, an address, a path): kept as typed, left to right. */
const IDENT_FIELDS = new Set(['username', 'clerk', 'assignee', 'url', 'path', 'language', 'address']);

/**
 * A detail recorded as JSON ({"counter":3,"clerk":"sami"}, as text on the hall, as an object on
 * central) in words of the screen's language: each field by its name (audit.fields), numbers in the
 * screen's digits, yes/no, a name in the screen's language, a role or event by its word. `value`
 * may word a field itself (a centre's id by its name). Anything else (older entries, an error's
 * text) as recorded.
 */
export function AuditDetail({ detail, value: own }: { detail: unknown; value?: (field: string, v: unknown) => ReactNode | undefined }): ReactNode {
  const { t } = useTranslation();
  const f = useFormat();
  if (detail === null || detail === undefined || detail === '') return null;
  let o: Record<string, unknown>;
  if (typeof detail === 'string') {
    if (!detail.startsWith('{')) return <bdi dir="auto">{f.text(detail)}</bdi>;
    try {
      o = JSON.parse(detail) as Record<string, unknown>;
    } catch {
      return <bdi dir="auto">{detail}</bdi>;
    }
  } else if (typeof detail === 'object' && !Array.isArray(detail)) o = detail as Record<string, unknown>;
  else return <bdi dir="auto">{f.text(String(detail))}</bdi>;
  const value = (k: string, v: unknown): ReactNode => {
    const mine = own?.(k, v);
    if (mine !== undefined) return mine;
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
