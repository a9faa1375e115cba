import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../components/page-header';
import { EmptyState } from '../components/state-view';

export function EnterpriseDetailPage() {
  const { t } = useTranslation();
  const { uscc = '' } = useParams<{ uscc: string }>();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/enterprises">← {t('pages.enterprise.back')}</Link>
      </p>
      <PageHeader title={t('pages.enterprise.title')} subtitle={`${t('pages.enterprise.uscc')}: ${uscc}`} />
      <section className="card">
        <EmptyState title={t('pages.enterprise.pendingTitle')}>{t('pages.enterprise.pending')}</EmptyState>
      </section>
    </>
  );
}
