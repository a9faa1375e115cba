import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header';
import { EmptyState } from '../components/state-view';

export function EnterprisesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('pages.enterprises.title')} subtitle={t('pages.enterprises.subtitle')} />
      <section className="card">
        <EmptyState title={t('pages.enterprises.pendingTitle')}>{t('pages.enterprises.pending')}</EmptyState>
      </section>
    </>
  );
}
