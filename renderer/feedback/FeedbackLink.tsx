// "Suggestion or complaint?" under the tracking and rating pages: opens the public form, linked to
// the ticket (its service and counter) by the tracking code.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function FeedbackLink({ code }: { code?: string }) {
  const { t } = useTranslation();
  return (
    <p className="feedback-link center">
      <Link to={code ? `/feedback?ticket=${encodeURIComponent(code)}` : '/feedback'} data-testid="open-feedback">{t('feedback.linkFromTicket')}</Link>
    </p>
  );
}
