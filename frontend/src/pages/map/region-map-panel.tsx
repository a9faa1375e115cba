import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { apiClient } from '../../api/api-client';
import type { RegionMapResponse } from '../../api/api-types';
import { useApiQuery } from '../../api/use-api-query';
import { EChartsChart } from '../../charts/echarts-chart';
import { buildRegionMapOption, focusCoords, regionMapLink, type RegionMapMode } from '../../charts/region-map.option';
import { regionName, regionShortName } from '../../i18n/code-names';
import { sentenceLanguage } from '../../i18n/event-sentences';
import { ErrorState, LoadingState } from '../../components/state-view';
import { loadRegionMap, type RegionGeo } from '../../map/region-geo';

function usePhoneWidth(): boolean {
  const query = '(max-width: 640px)';
  const [phone, setPhone] = useState(() => typeof window !== 'undefined' && window.matchMedia(query).matches);
  useEffect(() => {
    const media = window.matchMedia(query);
    const on = () => setPhone(media.matches);
    media.addEventListener('change', on);
    return () => media.removeEventListener('change', on);
  }, []);
  return phone;
}

interface RegionMapPanelProps {
  /** The map page shows the county list and more points; the overview a compact card. */
  variant: 'page' | 'card';
  height?: number | string;
}

/**
 * The region map (issue #13 §3): counties coloured by the share of 1–2★ or the mean score, enterprises as
 * points by stars; a county opens the explorer filtered to it, a point the enterprise.
 */
export function RegionMapPanel({ variant, height = 480 }: RegionMapPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = sentenceLanguage(i18n.resolvedLanguage);
  const navigate = useNavigate();
  const phone = usePhoneWidth();
  const [mode, setMode] = useState<RegionMapMode>('lowShare');
  const [geo, setGeo] = useState<RegionGeo | null>(null);
  const drawable = geo?.codes ?? null;
  const [geoFailed, setGeoFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadRegionMap().then((g) => live && setGeo(g), () => live && setGeoFailed(true));
    return () => {
      live = false;
    };
  }, []);
  const pointLimit = variant === 'page' ? 5000 : 2000;
  // Keyed by its path: an aggregate, so the live channel invalidates it when ratings change (live-invalidation.ts).
  const path = `/api/stats/map?points=${pointLimit}`;
  const query = useApiQuery(path, (signal) => apiClient.get<RegionMapResponse>(path, signal), { keepData: true });
  const data = query.status === 'success' ? query.data : null;

  const option = useMemo(() => {
    if (!data || !geo) return {};
    const labels = {
      regionName: (code: string) => regionName(code, lang),
      starName: (stars: number) => t('rating.starsShort', { stars }),
      lowShare: t('comparison.map.lowShare'),
      meanScore: t('comparison.map.meanScore'),
      enterprises: t('comparison.map.enterprises'),
      notRated: t('comparison.map.notRated'),
    };
    return buildRegionMapOption(data.regions, data.points, mode, labels, phone || variant === 'card', focusCoords(data.regions, data.points, geo.bounds));
  }, [data, geo, mode, lang, t, phone, variant]);
  const onEvents = useMemo(
    () => ({
      click: (params: unknown) => {
        const link = regionMapLink(params as Parameters<typeof regionMapLink>[0]);
        if (link) navigate(link);
      },
    }),
    [navigate],
  );
  const outside = useCallback(() => (data && drawable ? data.regions.filter((r) => !drawable.has(r.regionCode)).reduce((n, r) => n + r.enterprises, 0) : 0), [data, drawable]);
  const rated = data ? [...data.regions].filter((r) => r.rated > 0).sort((a, b) => (b.lowShare ?? 0) - (a.lowShare ?? 0) || a.regionCode.localeCompare(b.regionCode)) : [];
  const modeName = t(mode === 'lowShare' ? 'comparison.map.lowShare' : 'comparison.map.meanScore');

  return (
    <section className="card region-map" aria-labelledby={`region-map-title-${variant}`} data-testid={`region-map-${variant}`}>
      <div className="card__head">
        <h2 id={`region-map-title-${variant}`} className="card__title">
          {variant === 'card' ? <Link to="/map">{t('comparison.map.cardTitle')}</Link> : t('comparison.map.cardTitle')}
        </h2>
        <div className="segmented" role="group" aria-label={t('comparison.map.modeLabel')}>
          {(['lowShare', 'meanScore'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)} data-testid={`map-mode-${m}`}>
              {t(m === 'lowShare' ? 'comparison.map.lowShare' : 'comparison.map.meanScore')}
            </button>
          ))}
        </div>
      </div>
      {query.status === 'error' || geoFailed ? (
        <ErrorState onRetry={query.reload}>{t('errors.unknown')}</ErrorState>
      ) : !data || !drawable ? (
        // Its own loading state until the boundaries and the numbers are both here: the chart then draws once, whole.
        <div className="region-map__loading" style={{ height }}>
          <LoadingState compact />
        </div>
      ) : (
        <EChartsChart option={option} notMerge onEvents={onEvents} height={height} ariaLabel={t('comparison.map.ariaLabel', { mode: modeName })} />
      )}
      {data ? (
        <p className="muted region-map__note" data-testid="map-points-note">
          {t('comparison.map.points', { shown: data.points.length, total: data.pointsTotal })}
          {outside() > 0 ? ` · ${t('comparison.map.outside', { count: outside() })}` : ''}
        </p>
      ) : null}
      {variant === 'page' && rated.length > 0 ? (
        <nav aria-label={t('comparison.map.regionList')} className="region-map__list">
          <h3 className="region-map__list-title">{t('comparison.map.regionList')}</h3>
          <ul>
            {rated.map((r) => (
              <li key={r.regionCode}>
                <Link to={`/enterprises?region=${r.regionCode}`} data-testid={`map-region-link-${r.regionCode}`}>
                  {regionShortName(r.regionCode, lang)}
                </Link>{' '}
                <span className="muted">
                  {mode === 'lowShare' ? `${Math.round((r.lowShare ?? 0) * 100)}%` : (r.meanScore ?? 0).toFixed(1)} · {r.rated}
                </span>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </section>
  );
}
