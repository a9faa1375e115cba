import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, apiClient } from '../api/api-client';
import type { EarlyWarningsResponse, OverviewStats, RecentChangesResponse, TrendStats } from '../api/api-types';
import { starCountsOf } from '../api/star-counts';
import { useApiQuery, type QueryState } from '../api/use-api-query';
import { buildBreakdownOption, type BreakdownRow } from '../charts/breakdown.option';
import { chartLabels } from '../charts/chart-labels';
import { EChartsChart } from '../charts/echarts-chart';
import { buildStarDistributionOption } from '../charts/star-distribution.option';
import { explorerLinkForClick, type ChartClick } from '../charts/chart-drilldown';
import { buildStarTrendOption, type StarTrendMode } from '../charts/star-trend.option';
import { industryName, regionName } from '../i18n/code-names';
import { sentenceLanguage } from '../i18n/event-sentences';
import { LiveStatusBadge } from '../components/live-status-badge';
import { PageHeader } from '../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../components/state-view';
import { FEED_KEEP, feedItemFromLive, feedItemFromRecent, mergeFeed, type FeedItem } from '../live/live-feed';
import { useLiveRatings } from '../live/use-live-ratings';
import { EarlyWarningList } from './overview/early-warning-list';
import { KpiTiles } from './overview/kpi-tiles';
import { LiveFeedPanel } from './overview/live-feed-panel';
import { useDocumentTitle } from '../components/use-document-title';
import { RegionMapPanel } from './map/region-map-panel';

/** Events per minute and "today" move without rating changes too; a slow poll keeps them honest. */
const IDLE_REFRESH_MS = 60_000;


function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.status === 0) return t('errors.network');
  if (error instanceof ApiError && error.status >= 500) return t('errors.server', { status: error.status });
  return error instanceof Error ? error.message : t('errors.unknown');
}

/** Loading, error or the content of a card, so every card says which state it is in. */
function QueryView<T>({ query, children }: { query: QueryState<T> & { reload(): void }; children: (data: T) => React.ReactNode }) {
  const { t } = useTranslation();
  if (query.status === 'loading') return <LoadingState compact />;
  if (query.status === 'error') return <ErrorState onRetry={query.reload}>{errorText(query.error, t)}</ErrorState>;
  return <>{children(query.data)}</>;
}

function breakdownRows(rows: OverviewStats['byRegion'], unknownLabel: string, name: (code: string) => string): BreakdownRow[] {
  return rows.map((row) => ({
    key: row.key,
    // The one code table names it in the page's language; the server's label when the table does not know the code.
    label: row.key === 'unknown' ? unknownLabel : name(row.key) !== row.key && !name(row.key).includes('(') ? name(row.key) : row.label,
    counts: starCountsOf(row.counts),
  }));
}

/** Marks the first paint with real numbers, for the paint benchmark (scripts/overview-paint-bench.mjs). */
function useFirstUsefulPaintMark(ready: boolean) {
  const marked = useRef(false);
  useEffect(() => {
    if (!ready || marked.current) return;
    marked.current = true;
    // After React committed and the browser painted the frame with the numbers and charts.
    requestAnimationFrame(() => setTimeout(() => performance.mark('envface:overview-useful'), 0));
  }, [ready]);
}

/** Overview (总览): the live state of every rated enterprise. */
export function OverviewPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('pages.overview.title'));
  const labels = useMemo(() => chartLabels(t, i18n.resolvedLanguage), [t, i18n.resolvedLanguage]);
  // The live bridge (live/live-provider.tsx) re-fetches these after rating changes; the slow poll is for what moves
  // without one (events per minute, "today").
  const poll = { keepData: true, refetchIntervalMs: IDLE_REFRESH_MS };
  const overview = useApiQuery('/api/stats/overview', (signal) => apiClient.get<OverviewStats>('/api/stats/overview', signal), poll);
  const trend = useApiQuery('/api/stats/trend', (signal) => apiClient.get<TrendStats>('/api/stats/trend', signal), poll);
  const warnings = useApiQuery(
    '/api/stats/early-warnings?limit=30',
    (signal) => apiClient.get<EarlyWarningsResponse>('/api/stats/early-warnings?limit=30', signal),
    poll,
  );
  const recent = useApiQuery(
    '/api/stats/recent-changes?limit=40',
    (signal) => apiClient.get<RecentChangesResponse>('/api/stats/recent-changes?limit=40', signal),
    poll,
  );

  // The feed: seeded and named by recent-changes, then fed by the socket. While paused, changes wait in a buffer.
  const [feed, setFeed] = useState<FeedItem[] | null>(null);
  const [paused, setPaused] = useState(false);
  const [buffer, setBuffer] = useState<FeedItem[]>([]);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  const add = useCallback((items: FeedItem[]) => {
    if (pausedRef.current) setBuffer((current) => mergeFeed(current, items, FEED_KEEP));
    else setFeed((current) => mergeFeed(current ?? [], items, FEED_KEEP));
  }, []);

  const recentItems = recent.status === 'success' ? recent.data.items : null;
  useEffect(() => {
    if (recentItems) add(recentItems.map(feedItemFromRecent));
  }, [recentItems, add]);

  const onChanges = useCallback((changes: Parameters<typeof feedItemFromLive>[0][]) => add(changes.map(feedItemFromLive)), [add]);
  const liveStatus = useLiveRatings(onChanges);

  const shownKeys = useMemo(() => new Set((feed ?? []).map((item) => item.key)), [feed]);
  const pending = buffer.filter((item) => !shownKeys.has(item.key)).length;
  const togglePause = () => {
    if (paused) {
      setFeed((current) => mergeFeed(current ?? [], buffer, FEED_KEEP));
      setBuffer([]);
    }
    setPaused(!paused);
  };
  // Without a seed (recent-changes failed) the feed still fills from the socket.
  const feedView = feed ?? (recent.status === 'error' ? [] : null);

  const stats = overview.status === 'success' ? overview.data : null;
  const distribution = useMemo(() => buildStarDistributionOption(starCountsOf(stats?.byStars), labels), [stats, labels]);
  const trendDays = trend.status === 'success' ? trend.data.days : null;
  const [trendMode, setTrendMode] = useState<StarTrendMode>('count');
  const trendOption = useMemo(
    () => buildStarTrendOption((trendDays ?? []).map((d) => ({ day: d.day, counts: starCountsOf(d.counts) })), { ...labels, share: t('charts.sharePercent') }, trendMode),
    [trendDays, labels, trendMode, t],
  );
  const lang = sentenceLanguage(i18n.resolvedLanguage);
  const regionRows = useMemo(() => breakdownRows(stats?.byRegion ?? [], t('overview.unknownGroup'), (c) => regionName(c, lang)), [stats, t, lang]);
  const industryRows = useMemo(() => breakdownRows(stats?.byIndustry ?? [], t('overview.unknownGroup'), (c) => industryName(c, lang)), [stats, t, lang]);
  const regionOption = useMemo(() => buildBreakdownOption(regionRows, labels), [regionRows, labels]);
  const industryOption = useMemo(() => buildBreakdownOption(industryRows, labels), [industryRows, labels]);
  // Every chart opens the explorer filtered to what was clicked.
  const navigate = useNavigate();
  const drill = useCallback(
    (chart: Parameters<typeof explorerLinkForClick>[1]) => ({
      click: (params: unknown) => {
        const link = explorerLinkForClick(params as ChartClick, chart);
        if (link) navigate(link);
      },
    }),
    [navigate],
  );
  const trendEvents = useMemo(() => drill({ kind: 'trend' }), [drill]);
  const distributionEvents = useMemo(() => drill({ kind: 'distribution' }), [drill]);
  const regionEvents = useMemo(() => drill({ kind: 'region', keys: regionRows.map((r) => r.key) }), [drill, regionRows]);
  const industryEvents = useMemo(() => drill({ kind: 'industry', keys: industryRows.map((r) => r.key) }), [drill, industryRows]);
  const trendEmpty = trendDays !== null && trendDays.every((d) => Object.values(d.counts).every((n) => n === 0));
  useFirstUsefulPaintMark(stats !== null && trendDays !== null);

  const asOf = stats ? new Intl.DateTimeFormat(i18n.resolvedLanguage, { timeStyle: 'medium' }).format(new Date(stats.asOf)) : null;

  return (
    <div className="overview" data-testid="overview">
      <PageHeader
        title={t('pages.overview.title')}
        subtitle={t('pages.overview.subtitle')}
        actions={
          <>
            {asOf ? (
              <span className="overview__as-of" data-testid="as-of">
                {t('overview.asOf', { time: asOf })}
              </span>
            ) : null}
            <LiveStatusBadge status={liveStatus} />
          </>
        }
      />
      {liveStatus === 'reconnecting' || liveStatus === 'refused' ? (
        <p className="notice notice--warning" role="alert" data-testid="live-dropped">
          {t(liveStatus === 'refused' ? 'live.refusedNotice' : 'live.droppedNotice')}
        </p>
      ) : null}

      <section className="overview__kpis" aria-label={t('overview.kpi.label')}>
        <QueryView query={overview}>
          {(data) => (data.total === 0 ? <EmptyState compact title={t('overview.noEnterprises')} /> : <KpiTiles stats={data} />)}
        </QueryView>
      </section>

      <div className="overview-grid">
        <section className="card overview__distribution" aria-labelledby="dist-title">
          <h2 id="dist-title" className="card__title">
            {t('charts.starDistribution')}
          </h2>
          {overview.status === 'error' ? (
            <ErrorState onRetry={overview.reload}>{errorText(overview.error, t)}</ErrorState>
          ) : (
            <EChartsChart
              option={distribution}
              onEvents={distributionEvents}
              notMerge={false}
              loading={overview.status === 'loading'}
              empty={stats !== null && stats.rated === 0}
              emptyText={t('charts.noData')}
              height="100%"
              className="chart--fill"
              ariaLabel={t('charts.starDistribution')}
            />
          )}
        </section>

        <section className="card overview__trend" aria-labelledby="trend-title">
          <div className="card__head">
            <h2 id="trend-title" className="card__title">
              {t('charts.starTrend')}
            </h2>
            <div className="segmented" role="group" aria-label={t('charts.trendMode')}>
              {(['count', 'share'] as const).map((m) => (
                <button key={m} type="button" aria-pressed={trendMode === m} onClick={() => setTrendMode(m)} data-testid={`trend-${m}`}>
                  {t(m === 'count' ? 'charts.trendCount' : 'charts.trendShare')}
                </button>
              ))}
            </div>
          </div>
          {trend.status === 'error' ? (
            <ErrorState onRetry={trend.reload}>{errorText(trend.error, t)}</ErrorState>
          ) : (
            <EChartsChart
              option={trendOption}
              notMerge
              onEvents={trendEvents}
              loading={trend.status === 'loading'}
              empty={trendEmpty}
              emptyText={t('charts.noData')}
              height="100%"
              className="chart--fill"
              ariaLabel={t('charts.starTrend')}
            />
          )}
        </section>

        <LiveFeedPanel items={feedView} today={stats?.day ?? null} paused={paused} pending={pending} onTogglePause={togglePause} />

        <section className="card overview__region" aria-labelledby="region-title">
          <h2 id="region-title" className="card__title">
            {t('overview.byRegion')}
          </h2>
          {overview.status === 'error' ? (
            <ErrorState onRetry={overview.reload}>{errorText(overview.error, t)}</ErrorState>
          ) : (
            <EChartsChart
              option={regionOption}
              onEvents={regionEvents}
              loading={overview.status === 'loading'}
              empty={stats !== null && stats.byRegion.length === 0}
              emptyText={t('charts.noData')}
              height="100%"
              className="chart--fill"
              ariaLabel={t('overview.byRegion')}
            />
          )}
        </section>

        <section className="card overview__industry" aria-labelledby="industry-title">
          <h2 id="industry-title" className="card__title">
            {t('overview.byIndustry')}
          </h2>
          {overview.status === 'error' ? (
            <ErrorState onRetry={overview.reload}>{errorText(overview.error, t)}</ErrorState>
          ) : (
            <EChartsChart
              option={industryOption}
              onEvents={industryEvents}
              loading={overview.status === 'loading'}
              empty={stats !== null && stats.byIndustry.length === 0}
              emptyText={t('charts.noData')}
              height="100%"
              className="chart--fill"
              ariaLabel={t('overview.byIndustry')}
            />
          )}
        </section>

        <section className="card overview__warnings" aria-labelledby="warnings-title">
          <h2 id="warnings-title" className="card__title">
            {t('overview.warnings.title')}
          </h2>
          <QueryView query={warnings}>
            {(data) =>
              data.items.length === 0 ? (
                <EmptyState compact title={t('overview.warnings.empty')} />
              ) : (
                <EarlyWarningList data={data} />
              )
            }
          </QueryView>
        </section>
      </div>

      <RegionMapPanel variant="card" height={420} />
    </div>
  );
}
