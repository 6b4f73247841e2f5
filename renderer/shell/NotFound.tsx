import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <main className="page narrow" data-testid="not-found">
      <h1>{t('shell.notFound')}</h1>
      <Link to="/">{t('shell.home')}</Link>
    </main>
  );
}
