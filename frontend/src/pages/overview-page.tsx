import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header';
import { RatingLegend } from '../components/rating-legend';
import { EmptyState } from '../components/state-view';

/** Overview (总览). The rating distribution, trends and warnings arrive with the rating API; until then: honest empty state. */
export function OverviewPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('pages.overview.title')} subtitle={t('pages.overview.subtitle')} />
      <div className="overview-grid">
        <section className="card overview-grid__main">
          <EmptyState title={t('pages.overview.pendingTitle')}>{t('pages.overview.pending')}</EmptyState>
        </section>
        <RatingLegend />
      </div>
    </>
  );
}
