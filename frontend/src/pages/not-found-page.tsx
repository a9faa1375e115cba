import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState } from '../components/state-view';
import { useDocumentTitle } from '../components/use-document-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('pages.notFound.title'));
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
