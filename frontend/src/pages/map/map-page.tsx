import { useTranslation } from 'react-i18next';
import { LiveStatusBadge } from '../../components/live-status-badge';
import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../components/use-document-title';
import { useLiveRatings } from '../../live/use-live-ratings';
import { RegionMapPanel } from './region-map-panel';

const NO_HANDLER = (): void => undefined;

/** 区域地图: the region map on a page of its own, live. */
export function MapPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('comparison.map.title'));
  // The map's query is invalidated by the live channel like every aggregate; the badge shows the channel's state.
  const status = useLiveRatings(NO_HANDLER);
  return (
    <div className="map-page" data-testid="map-page">
      <PageHeader title={t('comparison.map.title')} subtitle={t('comparison.map.subtitle')} actions={<LiveStatusBadge status={status} />} />
      <RegionMapPanel variant="page" height="min(70vh, 640px)" />
    </div>
  );
}
