import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveStatusBadge } from '../../components/live-status-badge';
import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../components/use-document-title';
import { useDebouncedSignal } from '../../live/use-debounced-signal';
import { useLiveRatings } from '../../live/use-live-ratings';
import { RegionMapPanel } from './region-map-panel';

/** Colours follow the ratings: refetch 2 s after the last change, at the latest 10 s after the first of a series. */
const REFRESH_WAIT_MS = 2000;
const REFRESH_MAX_WAIT_MS = 10_000;

/** 区域地图: the region map on a page of its own, live. */
export function MapPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('comparison.map.title'));
  const [tick, poke] = useDebouncedSignal(REFRESH_WAIT_MS, REFRESH_MAX_WAIT_MS);
  const status = useLiveRatings(useCallback(() => poke(), [poke]));
  return (
    <div className="map-page" data-testid="map-page">
      <PageHeader title={t('comparison.map.title')} subtitle={t('comparison.map.subtitle')} actions={<LiveStatusBadge status={status} />} />
      <RegionMapPanel refreshKey={tick} variant="page" height="min(70vh, 640px)" />
    </div>
  );
}
