// A tablet by the counter: "how was the service?" for one ticket, big buttons.
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useTrack } from './use-track.ts';
import { useFormat } from '../i18n/use-format.ts';
import { CitizenHeader } from '../shell/CitizenHeader.tsx';
import { RatingForm } from './RatingForm.tsx';
import { FeedbackLink } from '../feedback/FeedbackLink.tsx';
import '../styles/track.css';

export function RatePage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const { data, error } = useTrack(code, 5000);
  return (
    <main className="track rate-page" data-testid="rate">
      <CitizenHeader />
      <h1>{t('rate.title')}</h1>
      {error === 'not_found' && <p role="alert">{t('track.notFound')}</p>}
      {data && <p className="track-number ticket-no">{f.ticket(data.number)}</p>}
      {data && data.status === 'done' && <RatingForm code={code} big />}
      {data && data.status !== 'done' && <p className="track-status" data-testid="rate-not-yet">{t('rate.notYet')}</p>}
      <FeedbackLink code={data ? code : undefined} />
    </main>
  );
}
