import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState } from '../components/state-view';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="card">
      <EmptyState title={t('pages.notFound.title')}>
        <p>{t('pages.notFound.message')}</p>
        <Link className="button button--secondary" to="/">
          {t('pages.notFound.home')}
        </Link>
      </EmptyState>
    </section>
  );
}
