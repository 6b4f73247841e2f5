// The staff's inbox of suggestions and complaints (/feedback-inbox; supervisors, managers,
// admins): filter by status and category, assign, answer the citizen once (the sent answer is
// locked and says who sent it, when, and whether the citizen was told by SMS), close after a
// confirmation, reopen. Overdue items are marked. Every change is audited by the hub.
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TopBar } from '../shell/TopBar.tsx';
import { useHub } from '../shell/app-context.tsx';
import { useHall } from '../store/hall-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import { HubError } from '../hub-client.ts';
import { useConfirm } from '../ui/ConfirmDialog.tsx';
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

  const [confirmDialog, ask] = useConfirm();
  const act = async (reference: string, verb: Verb, body: object) => {
    setError(null);
    if (verb === 'close' && !(await ask({ text: t('feedback.inbox.confirmClose', { ref: groupReference(reference) }), confirm: t('feedback.inbox.close') }))) return;
    try {
      const updated = await hub.post<StaffFeedback>(`/api/v1/feedback/${reference}/${verb}`, body);
      setItems((list) => list?.map((i) => (i.reference === reference ? updated : i)) ?? null);
    } catch (err) {
      const reason = err instanceof HubError && err.code === 'conflict' ? t('feedback.inbox.answeredAlready')
        : err instanceof HubError && err.status === 409 ? t('feedback.inbox.closedAlready')
        : err instanceof HubError && err.status === 0 ? t('errors.network') : t('feedback.errors.invalid_input');
      setError(t('feedback.inbox.refused', { reason }));
      load();
    }
  };

  return (
    <div data-testid="feedback-inbox">
      {confirmDialog}
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

/** The answer as the citizen received it: locked, with who sent it, when, and whether an SMS told them. */
function SentAnswer({ item }: { item: StaffFeedback }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div className="feedback-sent" data-testid="inbox-sent-answer">
      <p className="small">{t('feedback.inbox.answeredBy', { name: item.answeredBy ?? '—', date: f.date(item.answeredAt!), time: f.time(item.answeredAt!) })}
        {' · '}{t(item.answerSent === 'sms' ? 'feedback.inbox.toldBySms' : 'feedback.inbox.notTold')}</p>
      <p className="feedback-answer-text" lang={item.lang} dir="auto">{item.answer}</p>
    </div>
  );
}

function Filter({ label, value, set, options, labels, testId }: { label: string; value: string; set: (v: string) => void; options: readonly string[]; labels: string; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <label>{label}{' '}
      <select value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
        <option value="">{t('feedback.inbox.all')}</option>
        {options.map((o) => <option key={o} value={o}>{f.text(t(`${labels}.${o}`))}</option>)}
      </select>
    </label>
  );
}

type Verb = 'assign' | 'answer' | 'close' | 'reopen';

function Item({ item, assignees, act }: { item: StaffFeedback; assignees: FeedbackAssignee[]; act: (ref: string, verb: Verb, body: object) => Promise<void> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const services = useHall((s) => s.services);
  const [assignTo, setAssignTo] = useState(item.assignedTo ?? '');
  const [answer, setAnswer] = useState(item.answer ?? '');
  const [sending, setSending] = useState(false);
  const closed = item.status === 'closed';
  const answered = item.answer !== undefined;
  const who = assignees.find((a) => a.id === item.assignedTo);
  const service = services.find((s) => s.id === item.serviceId);
  const ref = item.reference;
  return (
    <li className={`card feedback-item ${item.overdue ? 'overdue' : ''}`} data-testid={`inbox-item-${ref}`} data-status={item.status} data-overdue={item.overdue ? 'yes' : 'no'}>
      <div className="feedback-item-head">
        <span className="feedback-ref" dir="ltr" data-ident>{groupReference(ref)}</span>
        <span className="feedback-tag">{f.text(t(`feedback.categories.${item.category}`))}</span>
        <span className={`feedback-status-badge s-${item.status}`} data-testid="inbox-item-status">{t(`feedback.status.${item.status}`)}</span>
        {item.overdue && <span className="badge bad" data-testid="inbox-item-overdue">{t('feedback.inbox.overdue')}</span>}
        <span className="muted small">{t('feedback.inbox.received')}: {f.date(item.createdAt)} {f.time(item.createdAt)}</span>
        {item.ticketNumber && <span className="muted small">{t('feedback.inbox.ticket', { number: f.ticket(item.ticketNumber) })}{service ? ` · ${f.name(service.name)}` : ''}</span>}
      </div>
      {item.purged ? <p className="muted">{t('feedback.inbox.purged')}</p> : (
        <>
          <p className="feedback-item-text" lang={item.lang} dir="auto" data-testid="inbox-item-text">{item.text}</p>
          <p className="small">{t('feedback.inbox.contact')}: {item.contact ? <bdi dir="ltr" data-ident>{item.contact}</bdi> : <span className="muted">{t('feedback.inbox.noContact')}</span>}</p>
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
          {answered ? <SentAnswer item={item} /> : (
            <label className="feedback-answer-field">{t('feedback.inbox.answer')}
              <textarea rows={3} maxLength={FEEDBACK_ANSWER_MAX} value={answer} onChange={(e) => setAnswer(e.target.value)} data-testid="inbox-answer" />
            </label>
          )}
          <div className="feedback-buttons">
            {!answered && (
              <button type="button" className="btn-primary" disabled={!answer.trim() || sending} data-testid="inbox-send-answer"
                onClick={() => { setSending(true); void act(ref, 'answer', { answer: answer.trim() }).finally(() => setSending(false)); }}>
                {t('feedback.inbox.sendAnswer')}
              </button>
            )}
            <button type="button" className="btn-danger" onClick={() => void act(ref, 'close', {})} data-testid="inbox-close">{t('feedback.inbox.close')}</button>
          </div>
        </div>
      )}
      {closed && (
        <>
          {answered && <SentAnswer item={item} />}
          {!item.purged && <button type="button" className="btn" onClick={() => void act(ref, 'reopen', {})} data-testid="inbox-reopen">{t('feedback.inbox.reopen')}</button>}
        </>
      )}
    </li>
  );
}
