// Following a suggestion or complaint by its reference (/feedback/<reference>, public): status,
// dates and the staff's answer. The text and the contact are never shown back (brief §8).
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useHub } from '../shell/app-context.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { CitizenHeader } from '../shell/CitizenHeader.tsx';
import { type PublicFeedback, groupReference, normalizeReference } from '../../shared/protocol/feedback.ts';
import { feedbackErrorText } from './feedback-error.ts';
import { ReferenceLookup } from './ReferenceLookup.tsx';
import '../styles/track.css';
import '../styles/feedback.css';

const EVERY_MS = 30_000;

export function FeedbackStatusPage() {
  const { reference = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const hub = useHub();
  const ref = normalizeReference(reference);
  const [data, setData] = useState<PublicFeedback | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!ref) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const poll = async () => {
      try {
        const r = await hub.publicRequest<PublicFeedback>('GET', `/api/v1/public/feedback/${ref}`);
        if (live) { setData(r); setError(null); }
      } catch (err) {
        if (live) setError(feedbackErrorText(t, err));
      }
      if (live) timer = setTimeout(poll, EVERY_MS);
    };
    void poll();
    return () => { live = false; if (timer) clearTimeout(timer); };
  }, [hub, ref, t]);

  return (
    <main className="track feedback" data-testid="feedback-status" data-status={data?.status ?? ''}>
      <CitizenHeader />
      <h1>{t('feedback.statusTitle')}</h1>
      {!ref && <p className="track-card error" role="alert">{t('feedback.errors.bad_reference')}</p>}
      {error && <p className="track-card error" role="alert" data-testid="feedback-status-error">{error}</p>}
      {data && (
        <>
          <section className="track-card" aria-live="polite">
            <p className="muted">{t('feedback.referenceLabel')}</p>
            <p className="feedback-reference" dir="ltr" data-ident>{groupReference(data.reference)}</p>
            <p className="muted">{f.text(t(`feedback.categories.${data.category}`))}</p>
            <p className={`feedback-status-badge s-${data.status}`} data-testid="feedback-status-text">{t(`feedback.status.${data.status}`)}</p>
            <p className="muted small">{t('feedback.filedAt', { date: f.date(data.createdAt), time: f.time(data.createdAt) })}</p>
            {data.closedAt && <p className="muted small">{t('feedback.closedAt', { date: f.date(data.closedAt) })}</p>}
          </section>
          <section className="track-card feedback-answer" aria-labelledby="feedback-answer-title">
            <h2 id="feedback-answer-title">{t('feedback.answer')}</h2>
            {data.answer ? <p className="feedback-answer-text" data-testid="feedback-answer">{data.answer}</p> : <p className="muted" data-testid="feedback-no-answer">{t('feedback.noAnswerYet')}</p>}
          </section>
        </>
      )}
      <p className="center"><Link to="/feedback">{t('feedback.newMessage')}</Link></p>
      {(!ref || error) && <ReferenceLookup />}
    </main>
  );
}
