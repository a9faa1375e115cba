import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, apiClient } from '../api/api-client';
import { STAR_VALUES, type EnterpriseListItem, type EnterpriseListResponse, type EnterpriseSortKey, type Face, type OverviewStats } from '../api/api-types';
import { useInfiniteQuery } from '@tanstack/react-query';
import { API_QUERY } from '../api/query-client';
import { useApiQuery } from '../api/use-api-query';
import { FaceIcon } from '../components/face-icon';
import { ExportButtons } from '../components/export-buttons';
import { PageHeader } from '../components/page-header';
import { RATING_COLOURS } from '../components/rating-colours';
import { StarRating } from '../components/star-rating';
import { EmptyState, ErrorState, LoadingState } from '../components/state-view';
import { industryName, regionName } from '../i18n/code-names';
import { sentenceLanguage } from '../i18n/event-sentences';
import { filtersFromParams, listRequestPath, nextSort, paramsFromFilters, type ExplorerFilters, exportQuery } from './enterprises/explorer-query';
import { useDocumentTitle } from '../components/use-document-title';
import { BatchEditBar } from './registry/batch-edit-bar';
import { useSession } from '../app/session-provider';

const FACES: readonly Face[] = ['smile', 'neutral', 'cry'];
const SEARCH_DEBOUNCE_MS = 300;
const PHONE_SORTS: readonly (readonly [EnterpriseSortKey, 'asc' | 'desc'])[] = [
  ['stars', 'desc'], ['stars', 'asc'], ['score', 'desc'], ['score', 'asc'], ['name', 'asc'], ['streak', 'desc'],
];

interface Page {
  items: EnterpriseListItem[];
  nextCursor: string | null;
  total: number;
  totalExact: boolean;
}

function toggle<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

/** Enterprise explorer: search, filters and sort in the URL; keyset pages appended with "load more". */
export function EnterprisesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('pages.enterprises.title'));
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const [search, setSearch] = useState(filters.q);
  const number = new Intl.NumberFormat(i18n.resolvedLanguage);

  const update = (patch: Partial<ExplorerFilters>) => setParams(paramsFromFilters({ ...filters, ...patch }), { replace: true });

  // Batch edit (issue #13 §2): checked rows, or every enterprise matching the filter; staff only.
  const { session } = useSession();
  const canEdit = session?.claims.role === 'admin' || session?.claims.role === 'inspector';
  const [selected, setSelected] = useState<{ key: string; usccs: string[]; allMatching: boolean }>({ key: '', usccs: [], allMatching: false });

  // Typing searches after a short pause; the URL (and the request) follow the settled text only.
  const latestFilters = useRef(filters);
  latestFilters.current = filters;
  useEffect(() => {
    if (search.trim() === filters.q) return undefined;
    const timer = setTimeout(
      () => setParams(paramsFromFilters({ ...latestFilters.current, q: search.trim() }), { replace: true }),
      SEARCH_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [search]);

  // Region and industry choices: the groups the overview counts (only codes that have enterprises).
  const groups = useApiQuery('explorer-groups', (signal) => apiClient.get<OverviewStats>('/api/stats/overview', signal));

  // All loaded pages are one TanStack infinite query keyed by the first page's path: a live rating change
  // re-fetches every page on screen (live/live-invalidation.ts), not only the first.
  const firstPath = listRequestPath(filters, null);
  const list = useInfiniteQuery({
    queryKey: [API_QUERY, firstPath],
    queryFn: ({ pageParam, signal }) => apiClient.get<EnterpriseListResponse>(pageParam ? listRequestPath(filters, pageParam) : firstPath, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const first: { status: 'loading' } | { status: 'error'; error: unknown; reload(): void } | { status: 'success' } = list.isPending
    ? { status: 'loading' }
    : list.isError && !list.data
      ? { status: 'error', error: list.error, reload: () => void list.refetch() }
      : { status: 'success' };
  const loadingMore = list.isFetchingNextPage;
  const moreError = list.isFetchNextPageError ? list.error : null;
  // A new filter starts a new selection.
  const selection = selected.key === firstPath ? selected : { key: firstPath, usccs: [] as string[], allMatching: false };
  const toggleRow = (uscc: string) =>
    setSelected({ key: firstPath, allMatching: false, usccs: selection.usccs.includes(uscc) ? selection.usccs.filter((u) => u !== uscc) : [...selection.usccs, uscc] });

  const page: Page | null = list.data
    ? {
        items: list.data.pages.flatMap((p) => p.items),
        nextCursor: list.data.pages[list.data.pages.length - 1].nextCursor,
        total: list.data.pages[0].total,
        totalExact: list.data.pages[0].totalExact,
      }
    : null;

  function loadMore() {
    if (page?.nextCursor) void list.fetchNextPage();
  }

  const sortHeader = (column: EnterpriseSortKey, label: string) => {
    const active = filters.sort === column;
    return (
      <th scope="col" aria-sort={active ? (filters.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="sort-button" onClick={() => update(nextSort(filters, column))} title={t('explorer.sortBy', { column: label })}>
          {label}
          <span className="sort-button__mark" aria-hidden="true">
            {active ? (filters.order === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  const regionOptions = groups.status === 'success' ? groups.data.byRegion.filter((g) => g.key !== 'unknown') : [];
  const industryOptions = groups.status === 'success' ? groups.data.byIndustry.filter((g) => g.key !== 'unknown') : [];
  const lang = sentenceLanguage(i18n.resolvedLanguage);
  // Names from the one code table (both languages); the server's label only for a code the table does not know.
  const regionLabel = (code: string | null) => (code && regionName(code, lang) !== code ? regionName(code, lang) : regionOptions.find((g) => g.key === code)?.label ?? code ?? '—');
  const industryLabel = (code: string | null) => (code && industryName(code, lang) !== code ? industryName(code, lang) : industryOptions.find((g) => g.key === code)?.label ?? code ?? '—');
  const filtered = filters.q || filters.region.length || filters.industry.length || filters.stars.length || filters.face.length;

  return (
    <>
      <PageHeader
        title={t('pages.enterprises.title')}
        subtitle={t('pages.enterprises.subtitle')}
        actions={
          <>
            {canEdit ? (
              <Link to="/registry/import" className="button button--secondary" data-testid="explorer-import">
                {t('registry.nav.import')}
              </Link>
            ) : null}
            <ExportButtons path="/api/enterprises" query={exportQuery(filters)} fileName="enterprises" testId="explorer-export" />
            <Link to={`/print/signs?${paramsFromFilters(filters).toString()}`} className="button button--secondary" data-testid="explorer-print-signs">
              {t('print.printFiltered')}
            </Link>
          </>
        }
      />
      <section className="card explorer__filters" aria-label={t('explorer.search')}>
        <label className="field field--search">
          <span className="field__label">{t('explorer.search')}</span>
          <input
            type="search"
            value={search}
            placeholder={t('explorer.searchPlaceholder')}
            onChange={(e) => setSearch(e.target.value)}
            maxLength={100}
            data-testid="explorer-search"
          />
        </label>
        <label className="field">
          <span className="field__label">{t('explorer.region')}</span>
          <select value={filters.region[0] ?? ''} onChange={(e) => update({ region: e.target.value ? [e.target.value] : [] })}>
            <option value="">{t('explorer.any')}</option>
            {regionOptions.map((g) => (
              <option key={g.key} value={g.key}>
                {regionLabel(g.key)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('explorer.industry')}</span>
          <select value={filters.industry[0] ?? ''} onChange={(e) => update({ industry: e.target.value ? [e.target.value] : [] })}>
            <option value="">{t('explorer.any')}</option>
            {industryOptions.map((g) => (
              <option key={g.key} value={g.key}>
                {industryLabel(g.key) !== g.key ? `${industryLabel(g.key)} (${g.key})` : g.key}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="chip-group">
          <legend className="field__label">{t('explorer.stars')}</legend>
          {[...STAR_VALUES].reverse().map((stars) => (
            <button
              key={stars}
              type="button"
              className="chip"
              aria-pressed={filters.stars.includes(stars)}
              onClick={() => update({ stars: toggle(filters.stars, stars) })}
            >
              {t('rating.starsShort', { stars })}
            </button>
          ))}
        </fieldset>
        <fieldset className="chip-group">
          <legend className="field__label">{t('explorer.face')}</legend>
          {FACES.map((face) => (
            <button
              key={face}
              type="button"
              className="chip"
              aria-pressed={filters.face.includes(face)}
              onClick={() => update({ face: toggle(filters.face, face) })}
            >
              <FaceIcon face={face} colour={face === 'smile' ? 'green' : face === 'neutral' ? 'yellow' : 'red'} size={18} decorative />
              {t(`rating.face.${face}`)}
            </button>
          ))}
        </fieldset>
        {filtered ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setSearch('');
              setParams(paramsFromFilters({ ...filters, q: '', region: [], industry: [], stars: [], face: [] }), { replace: true });
            }}
          >
            {t('explorer.clear')}
          </button>
        ) : null}
      </section>

      <section className="card explorer__results" aria-live="polite" aria-busy={first.status === 'loading'}>
        {first.status === 'loading' ? (
          <LoadingState />
        ) : first.status === 'error' ? (
          <ErrorState onRetry={first.reload}>
            {first.error instanceof ApiError && first.error.status === 0 ? t('errors.network') : first.error instanceof Error ? first.error.message : t('errors.unknown')}
          </ErrorState>
        ) : page && page.items.length === 0 ? (
          <EmptyState title={t('explorer.noMatch')}>{t('explorer.noMatchHint')}</EmptyState>
        ) : page ? (
          <>
            <p className="explorer__count" data-testid="explorer-count">
              {t(page.totalExact ? 'explorer.total' : 'explorer.totalEstimate', { total: number.format(page.total) })}
              {' · '}
              {t('explorer.shown', { count: page.items.length })}
            </p>
            {/* On phones the table is cards without column headers: the sort is a select instead. */}
            <label className="field explorer__sort-phone">
              <span className="field__label">{t('explorer.sortLabel')}</span>
              <select
                value={`${filters.sort}:${filters.order}`}
                onChange={(e) => {
                  const [sort, order] = e.target.value.split(':') as [EnterpriseSortKey, 'asc' | 'desc'];
                  update({ sort, order });
                }}
              >
                {PHONE_SORTS.map(([column, order]) => (
                  <option key={`${column}:${order}`} value={`${column}:${order}`}>
                    {t(`explorer.columns.${column}`)} {order === 'asc' ? '▲' : '▼'}
                  </option>
                ))}
              </select>
            </label>
            {canEdit && (selection.usccs.length > 0 || selection.allMatching) ? (
              <BatchEditBar
                selected={selection.usccs}
                allMatching={selection.allMatching}
                filters={filters}
                total={page.total}
                onAllMatching={() => setSelected({ key: firstPath, usccs: [], allMatching: true })}
                onClear={() => setSelected({ key: firstPath, usccs: [], allMatching: false })}
              />
            ) : null}
            <div className="table-scroll table-scroll--cards" tabIndex={0} role="region" aria-label={t('pages.enterprises.title')}>
              <table className="data-table data-table--cards" data-testid="explorer-table">
                <thead>
                  <tr>
                    {canEdit ? (
                      <th scope="col" className="rg-check">
                        <input
                          type="checkbox"
                          aria-label={t('registry.batch.selectAll')}
                          checked={selection.allMatching || (page.items.length > 0 && page.items.every((i) => selection.usccs.includes(i.uscc)))}
                          onChange={(e) => setSelected({ key: firstPath, allMatching: false, usccs: e.target.checked ? page.items.map((i) => i.uscc) : [] })}
                          data-testid="explorer-select-all"
                        />
                      </th>
                    ) : null}
                    {sortHeader('name', t('explorer.columns.name'))}
                    {sortHeader('uscc', t('explorer.columns.uscc'))}
                    <th scope="col" className="hide-narrow">{t('explorer.columns.region')}</th>
                    <th scope="col" className="hide-narrow">{t('explorer.columns.industry')}</th>
                    {sortHeader('stars', t('explorer.columns.stars'))}
                    {sortHeader('score', t('explorer.columns.score'))}
                    {sortHeader('streak', t('explorer.columns.streak'))}
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((item) => (
                    <tr key={item.uscc} data-testid="explorer-row">
                      {canEdit ? (
                        <td className="rg-check">
                          <input
                            type="checkbox"
                            aria-label={t('registry.batch.selectRow', { name: item.name ?? item.uscc })}
                            checked={selection.allMatching || selection.usccs.includes(item.uscc)}
                            disabled={selection.allMatching}
                            onChange={() => toggleRow(item.uscc)}
                          />
                        </td>
                      ) : null}
                      <td className="card-cell--full">
                        <Link to={`/enterprises/${item.uscc}`} className="data-table__name">
                          {item.face && item.colour ? <FaceIcon face={item.face} colour={item.colour} size={24} decorative /> : null}
                          <span>{item.name ?? item.uscc}</span>
                        </Link>
                        {item.handRegistration === 'pending' ? <span className="tag rg-tag-pending">{t('registry.hand.pending')}</span> : null}
                      </td>
                      <td className="mono" data-label={t('explorer.columns.uscc')}>{item.uscc}</td>
                      <td className="hide-narrow" data-label={t('explorer.columns.region')}>{regionLabel(item.regionCode)}</td>
                      <td className="hide-narrow" data-label={t('explorer.columns.industry')}>{industryLabel(item.industryCode)}</td>
                      <td data-label={t('explorer.columns.stars')}>{item.stars ? <StarRating stars={item.stars} size="xs" /> : <span className="muted">{t('explorer.unrated')}</span>}</td>
                      <td className="num" data-label={t('explorer.columns.score')} style={item.veto ? { color: '#636b76' } : item.colour ? { color: RATING_COLOURS[item.colour].text, fontWeight: 600 } : undefined}>
                        {item.score === null ? '—' : item.score.toFixed(1)}
                        {item.veto ? <span className="tag tag--veto">{t('rating.veto')}</span> : null}
                      </td>
                      <td className="num" data-label={t('explorer.columns.streak')}>{item.streak === null ? '—' : t('explorer.streakDays', { count: item.streak })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="explorer__more">
              {moreError ? <ErrorState onRetry={loadMore}>{moreError instanceof Error ? moreError.message : t('errors.unknown')}</ErrorState> : null}
              {page.nextCursor ? (
                <button type="button" className="button button--secondary" onClick={loadMore} disabled={loadingMore} data-testid="explorer-more">
                  {loadingMore ? t('explorer.loadingMore') : t('explorer.loadMore')}
                </button>
              ) : (
                <span className="muted">{t('explorer.end')}</span>
              )}
            </div>
          </>
        ) : null}
      </section>
    </>
  );
}
