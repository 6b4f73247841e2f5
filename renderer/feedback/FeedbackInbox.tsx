// The staff's inbox of suggestions and complaints (/feedback-inbox; supervisors, managers,
// admins): filter by status and category, assign, answer the citizen, close. Every change is
// audited by the hub.
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TopBar } from '../shell/TopBar.tsx';
import { useHub } from '../shell/app-context.tsx';
import { useHall } from '../store/hall-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import { HubError } from '../hub-client.ts';
import {
  FEEDBACK_ANSWER_MAX, FEEDBACK_CATEGORIES, FEEDBACK_STATUSES, type FeedbackAssignee, type StaffFeedback, groupReference,
} from '../../shared/protocol/feedback.ts';
import '../styles/dashboard.css';
import '../styles/feedback.css';

export function FeedbackInbox() {
  const { t } = useTranslation();
  const f = useFormat();
  const hub = useHub();
  const [status, setStatus] = useState('');
  const [category, setCategory] = useState('');
  const [items, setItems] = useState<StaffFeedback[] | null>(null);
  const [assignees, setAssignees] = useState<FeedbackAssignee[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    const q = new URLSearchParams({ ...(status ? { status } : {}), ...(category ? { category } : {}) }).toString();
    hub.get<StaffFeedback[]>(`/api/v1/feedback${q ? `?${q}` : ''}`).then(setItems, () => setError(t('errors.network')));
  }, [hub, status, category, t]);
  useEffect(load, [load]);
  useEffect(() => {
    hub.get<FeedbackAssignee[]>('/api/v1/feedback/assignees').then(setAssignees, () => undefined);
  }, [hub]);

  const act = async (reference: string, verb: 'assign' | 'answer' | 'close', body: object) => {
    setError(null);
    try {
      const updated = await hub.post<StaffFeedback>(`/api/v1/feedback/${reference}/${verb}`, body);
      setItems((list) => list?.map((i) => (i.reference === reference ? updated : i)) ?? null);
    } catch (err) {
      const reason = err instanceof HubError && err.status === 409 ? t('feedback.inbox.closedAlready') : err instanceof HubError && err.status === 0 ? t('errors.network') : t('feedback.errors.invalid_input');
      setError(t('feedback.inbox.refused', { reason }));
    }
  };

  return (
    <div data-testid="feedback-inbox">
      <TopBar title={t('feedback.inbox.title')}>
        <Link to="/dashboard" className="btn-quiet">{t('reports.toDashboard')}</Link>
      </TopBar>
      <main className="page feedback-inbox">
        <section className="card feedback-filters" aria-label={t('feedback.inbox.title')}>
          <Filter label={t('feedback.inbox.filterStatus')} value={status} set={setStatus} options={FEEDBACK_STATUSES} labels="feedback.status" testId="inbox-status" />
          <Filter label={t('feedback.inbox.filterCategory')} value={category} set={setCategory} options={FEEDBACK_CATEGORIES} labels="feedback.categories" testId="inbox-category" />
          {items && <span className="muted">{t('feedback.inbox.count', { n: f.n(items.length) })}</span>}
        </section>
        {error && <p className="error" role="alert" data-testid="inbox-error">{error}</p>}
        {items && items.length === 0 && <p className="muted">{t('feedback.inbox.empty')}</p>}
        <ul className="feedback-items">
          {items?.map((i) => <Item key={i.reference} item={i} assignees={assignees} act={act} />)}
        </ul>
      </main>
    </div>
  );
}

function Filter({ label, value, set, options, labels, testId }: { label: string; value: string; set: (v: string) => void; options: readonly string[]; labels: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <label>{label}{' '}
      <select value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
        <option value="">{t('feedback.inbox.all')}</option>
        {options.map((o) => <option key={o} value={o}>{t(`${labels}.${o}`)}</option>)}
      </select>
    </label>
  );
}

function Item({ item, assignees, act }: { item: StaffFeedback; assignees: FeedbackAssignee[]; act: (ref: string, verb: 'assign' | 'answer' | 'close', body: object) => Promise<void> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const services = useHall((s) => s.services);
  const [assignTo, setAssignTo] = useState(item.assignedTo ?? '');
  const [answer, setAnswer] = useState(item.answer ?? '');
  const closed = item.status === 'closed';
  const who = assignees.find((a) => a.id === item.assignedTo);
  const service = services.find((s) => s.id === item.serviceId);
  const ref = item.reference;
  return (
    <li className="card feedback-item" data-testid={`inbox-item-${ref}`} data-status={item.status}>
      <div className="feedback-item-head">
        <span className="feedback-ref" dir="ltr">{groupReference(ref)}</span>
        <span className="feedback-tag">{t(`feedback.categories.${item.category}`)}</span>
        <span className={`feedback-status-badge s-${item.status}`} data-testid="inbox-item-status">{t(`feedback.status.${item.status}`)}</span>
        <span className="muted small">{t('feedback.inbox.received')}: {f.date(item.createdAt)} {f.time(item.createdAt)}</span>
        {item.ticketNumber && <span className="muted small">{t('feedback.inbox.ticket', { number: f.ticket(item.ticketNumber) })}{service ? ` · ${f.name(service.name)}` : ''}</span>}
      </div>
      {item.purged ? <p className="muted">{t('feedback.inbox.purged')}</p> : (
        <>
          <p className="feedback-item-text" lang={item.lang} dir="auto" data-testid="inbox-item-text">{item.text}</p>
          <p className="small">{t('feedback.inbox.contact')}: {item.contact ? <bdi dir="ltr">{item.contact}</bdi> : <span className="muted">{t('feedback.inbox.noContact')}</span>}</p>
        </>
      )}
      <p className="small muted">{who ? t('feedback.inbox.assigned', { name: who.displayName ?? who.username }) : t('feedback.inbox.unassigned')}</p>
      {!closed && (
        <div className="feedback-actions">
          <div className="feedback-assign">
            <label>{t('feedback.inbox.assignTo')}{' '}
              <select value={assignTo} onChange={(e) => setAssignTo(e.target.value)} data-testid="inbox-assignee">
                <option value="">—</option>
                {assignees.map((a) => <option key={a.id} value={a.id}>{a.displayName ?? a.username}</option>)}
              </select>
            </label>
            <button type="button" className="btn" disabled={!assignTo} onClick={() => void act(ref, 'assign', { userId: assignTo })} data-testid="inbox-assign">{t('feedback.inbox.assign')}</button>
          </div>
          <label className="feedback-answer-field">{t('feedback.inbox.answer')}
            <textarea rows={3} maxLength={FEEDBACK_ANSWER_MAX} value={answer} onChange={(e) => setAnswer(e.target.value)} data-testid="inbox-answer" />
          </label>
          <div className="feedback-buttons">
            <button type="button" className="btn-primary" disabled={!answer.trim()} onClick={() => void act(ref, 'answer', { answer: answer.trim() })} data-testid="inbox-send-answer">{t('feedback.inbox.sendAnswer')}</button>
            <button type="button" className="btn-danger" onClick={() => void act(ref, 'close', {})} data-testid="inbox-close">{t('feedback.inbox.close')}</button>
          </div>
        </div>
      )}
      {closed && item.answer && <p className="feedback-answer-text small">{item.answer}</p>}
    </li>
  );
}
