// The public form for suggestions and complaints (/feedback, no sign-in): phone first, big
// inputs, Arabic first. Reached from the tracking and rating pages (?ticket=CODE links the visit)
// and from the kiosk's QR. After sending: the reference number, large, and the link to follow it.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useHub } from '../shell/app-context.tsx';
import { useSettings } from '../i18n/settings-store.ts';
import { useFormat } from '../i18n/use-format.ts';
import { CitizenHeader } from '../shell/CitizenHeader.tsx';
import { FEEDBACK_CATEGORIES, FEEDBACK_TEXT_MAX, type FeedbackCategory, type FeedbackFiled, groupReference } from '../../shared/protocol/feedback.ts';
import type { TrackResponse } from '../../shared/protocol/http.ts';
import { feedbackErrorText } from './feedback-error.ts';
import { ReferenceLookup } from './ReferenceLookup.tsx';
import '../styles/track.css';
import '../styles/feedback.css';

export function FeedbackPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const hub = useHub();
  const lang = useSettings((s) => s.lang);
  const [params] = useSearchParams();
  const ticket = params.get('ticket') ?? undefined;
  const [category, setCategory] = useState<FeedbackCategory | null>(null);
  const [text, setText] = useState('');
  const [contact, setContact] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [filed, setFiled] = useState<FeedbackFiled | null>(null);
  const validTicket = ticket && /^[0-9A-Z]{6,16}$/.test(ticket) ? ticket : undefined;
  const [ticketNumber, setTicketNumber] = useState<string | null>(null);
  useEffect(() => {
    if (!validTicket) return;
    let live = true;
    hub.publicRequest<TrackResponse>('GET', `/api/v1/track/${validTicket}`).then((r) => live && setTicketNumber(r.number), () => undefined);
    return () => { live = false; };
  }, [hub, validTicket]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!category || !text.trim()) return setError(t('feedback.errors.invalid_input'));
    setBusy(true);
    setError(null);
    try {
      const body = { category, text: text.trim(), lang, ...(contact.trim() ? { contact: contact.trim() } : {}), ...(validTicket ? { trackingCode: validTicket } : {}) };
      setFiled(await hub.publicRequest<FeedbackFiled>('POST', '/api/v1/public/feedback', body));
    } catch (err) {
      setError(feedbackErrorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="track feedback" data-testid="feedback">
      <CitizenHeader />
      <h1>{t('feedback.title')}</h1>
      {filed ? (
        <section className="track-card feedback-sent" aria-live="polite" data-testid="feedback-sent">
          <p className="feedback-thanks">{t('feedback.sent')}</p>
          <p className="muted">{t('feedback.yourReference')}</p>
          <p className="feedback-reference" dir="ltr" data-testid="feedback-reference" data-ident>{groupReference(filed.reference)}</p>
          <p>{t('feedback.keepReference')}</p>
          <Link className="btn-primary feedback-big-btn" to={`/feedback/${filed.reference}`} data-testid="feedback-follow">{t('feedback.follow')}</Link>
          <button type="button" className="btn-quiet" onClick={() => { setFiled(null); setText(''); setContact(''); setCategory(null); }}>{t('feedback.another')}</button>
        </section>
      ) : (
        <form className="feedback-form" onSubmit={submit} noValidate>
          <p>{t('feedback.intro')}</p>
          {ticketNumber && <p className="muted" data-testid="feedback-linked">{t('feedback.linkedTicket', { number: f.ticket(ticketNumber) })}</p>}
          <fieldset>
            <legend>{t('feedback.category')}</legend>
            <div className="feedback-categories">
              {FEEDBACK_CATEGORIES.map((c) => (
                <label key={c} className={`feedback-category ${category === c ? 'on' : ''}`}>
                  <input type="radio" name="category" value={c} checked={category === c} onChange={() => { setCategory(c); setError(null); }} data-testid={`feedback-category-${c}`} />
                  <span className="feedback-category-name">{f.text(t(`feedback.categories.${c}`))}</span>
                  <span className="muted small">{f.text(t(`feedback.categoryHelp.${c}`))}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <label htmlFor="feedback-text">{t('feedback.text')}</label>
          <textarea id="feedback-text" rows={6} maxLength={FEEDBACK_TEXT_MAX} value={text} onChange={(e) => { setText(e.target.value); setError(null); }} aria-describedby="feedback-text-help feedback-text-count" data-testid="feedback-text" />
          <div className="feedback-under">
            <span id="feedback-text-help" className="muted small">{t('feedback.textHelp')}</span>
            <span id="feedback-text-count" className="muted small" aria-live="polite" data-testid="feedback-count">{t('feedback.counter', { n: f.n(text.length), max: f.n(FEEDBACK_TEXT_MAX) })}</span>
          </div>
          <label htmlFor="feedback-contact">{t('feedback.contact')}</label>
          <input id="feedback-contact" type="text" inputMode="email" autoComplete="tel" dir="ltr" maxLength={120} value={contact} onChange={(e) => setContact(e.target.value)} aria-describedby="feedback-contact-help" data-testid="feedback-contact" />
          <span id="feedback-contact-help" className="muted small">{t('feedback.contactHelp')}</span>
          {error && <p className="error" role="alert" data-testid="feedback-error">{error}</p>}
          <button type="submit" className="btn-primary feedback-big-btn" disabled={busy} data-testid="feedback-submit">{busy ? t('feedback.sending') : t('feedback.submit')}</button>
          <p className="muted small">{f.text(t('feedback.line940'))}</p>
        </form>
      )}
      <ReferenceLookup />
    </main>
  );
}
