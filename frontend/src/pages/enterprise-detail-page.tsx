import { ExportButtons } from '../components/export-buttons';
import { useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PeerPanel } from './enterprise/peer-panel';
import { QuarterlyTable } from './enterprise/quarterly-table';
import { ApiError, apiClient } from '../api/api-client';
import type {
  EnterpriseDetail,
  EnterpriseEventsResponse,
  RatingDayDetail,
  RatingEffect,
  RatingRevisionsResponse,
  RatingsResponse,
  StoredEvent,
} from '../api/api-types';
import { addDays } from '../api/day-range';
import { useRatingModel } from '../api/rating-model';
import { useApiQuery, type QueryState } from '../api/use-api-query';
import { chartLabels } from '../charts/chart-labels';
import { EChartsChart } from '../charts/echarts-chart';
import { buildScoreTimelineOption } from '../charts/score-timeline.option';
import { buildStarCalendarOption } from '../charts/star-calendar.option';
import { FaceIcon } from '../components/face-icon';
import { PageHeader } from '../components/page-header';
import { RatingBadge } from '../components/rating-badge';
import { RATING_COLOURS } from '../components/rating-colours';
import { profileFor, starThresholds } from '../components/rating-scale';
import { EffectSentenceItem } from '../components/effect-sentence';
import { EmptyState, ErrorState, LoadingState } from '../components/state-view';
import { industryName, regionName } from '../i18n/code-names';
import { eventSentence, sentenceLanguage, vetoDetail } from '../i18n/event-sentences';
import { causeParts } from './enterprise/cause-attribution';
import { levelStreak } from './enterprise/level-streak';
import { EventLogCard } from './enterprise/event-log-card';
import { QrCard } from './enterprise/qr-card';
import { EnterpriseAccountCard } from './admin/enterprise-account-card';
import { regainPlan } from './enterprise/regain-plan';
import { scoreComposition, type CriterionWeights } from './enterprise/score-composition';
import { timelineEvents } from './enterprise/timeline-events';
import { warningText } from './overview/early-warning-list';
import { useDocumentTitle } from '../components/use-document-title';
import '../styles/registry.css';

const RANGES = [90, 365] as const;

function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.status === 0) return t('errors.network');
  return error instanceof Error ? error.message : t('errors.unknown');
}

function Loadable<T>({ query, children }: { query: QueryState<T> & { reload(): void }; children: (data: T) => React.ReactNode }) {
  const { t } = useTranslation();
  if (query.status === 'loading') return <LoadingState compact />;
  if (query.status === 'error') return <ErrorState onRetry={query.reload}>{errorText(query.error, t)}</ErrorState>;
  return <>{children(query.data)}</>;
}

/** Score made of E/M/P/S: sub-score bar, weight and what each costs the total. */
function CompositionCard({ day, weights }: { day: RatingDayDetail; weights: CriterionWeights }) {
  const { t } = useTranslation();
  const composition = scoreComposition(day.criteria, day.effects, day.bonus, weights);
  return (
    <section className="card enterprise__composition" aria-labelledby="composition-title">
      <h2 id="composition-title" className="card__title">
        {t('enterprise.scoreTitle', { day: day.day })}
      </h2>
      <table className="data-table composition" data-testid="score-composition">
        <thead>
          <tr>
            <th scope="col">{t('enterprise.criterion')}</th>
            <th scope="col">{t('enterprise.subscore')}</th>
            <th scope="col" className="num">{t('enterprise.weight')}</th>
            <th scope="col" className="num">{t('enterprise.impact')}</th>
          </tr>
        </thead>
        <tbody>
          {composition.rows.map((row) => (
            <tr key={row.criterion} data-criterion={row.criterion}>
              <th scope="row">
                <span className="composition__key">{row.criterion}</span> {t(`criteria.${row.criterion}`)}
              </th>
              <td>
                <span className="composition__bar" aria-hidden="true">
                  <span style={{ width: `${row.subscore}%`, background: row.subscore >= 90 ? '#1f8040' : row.subscore >= 70 ? '#e6b800' : '#d9342b' }} />
                </span>
                <span className="composition__value">{row.subscore}</span>
              </td>
              <td className="num">{(row.weight * 100).toFixed(2)}%</td>
              <td className="num composition__impact">{row.impact > 0 ? `−${row.impact.toFixed(2)}` : '0'}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('enterprise.bonus')}</th>
            <td />
            <td />
            <td className="num">{composition.bonus > 0 ? `+${composition.bonus}` : '0'}</td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('enterprise.total')}</th>
            <td />
            <td />
            <td className="num composition__total" style={{ color: day.veto ? '#636b76' : RATING_COLOURS[day.colour].text }} title={day.veto ? t('rating.arithmeticScore', { score: day.score.toFixed(1) }) : undefined}>
              {day.score.toFixed(1)}
            </td>
          </tr>
        </tfoot>
      </table>
      <p className="muted composition__note">{t('enterprise.impactNote')}</p>
    </section>
  );
}

/** Active effects as sentences (the same component as the portal's): what, its effect on the total, the last day. */
function RegainCard({ uscc, day, sources }: { uscc: string; day: RatingDayDetail; sources: ReadonlyMap<string, RatingEffect['source']> }) {
  const { t } = useTranslation();
  const plan = regainPlan(day.effects, day.day);
  return (
    <section className="card enterprise__regain" aria-labelledby="regain-title">
      <h2 id="regain-title" className="card__title">
        {t('enterprise.effectsTitle')}
      </h2>
      {/* Downloads: today's effects with their events, and the enterprise's credit notices. */}
      <div className="enterprise__exports">
        <span className="muted">{t('enterprise.effectsExport')}</span>
        <ExportButtons path={`/api/enterprises/${uscc}/effects`} fileName={`effects-${uscc}`} testId="effects-export" />
        <span className="muted">{t('enterprise.noticesExport')}</span>
        <ExportButtons path="/api/notices" query={`enterpriseId=${uscc}`} fileName={`notices-${uscc}`} testId="enterprise-notices-export" />
      </div>
      {plan.length === 0 ? (
        <EmptyState compact title={t('enterprise.effectsNone')} />
      ) : (
        <>
          <p className="muted">{t('enterprise.effectsIntro')}</p>
          <ul className="regain-list" data-testid="regain-plan">
            {plan.map((step) => (
              <EffectSentenceItem
                key={`${step.effect.indicator}-${step.effect.eventId}`}
                effect={{ ...step.effect, source: step.effect.source ?? sources.get(step.effect.eventId) ?? null }}
                showEventId
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** A revision's causes in words: the events the page knows as sentences, the rest counted (ids in the tooltip). */
function causeText(ids: readonly string[], known: ReadonlyMap<string, StoredEvent>, lang: 'zh' | 'en', t: TFunction): string {
  const said = ids.map((id) => known.get(id)).filter((e): e is StoredEvent => e !== undefined).map((e) => eventSentence(e, lang));
  const rest = ids.length - said.length;
  return [...said, ...(rest > 0 ? [said.length > 0 ? t('enterprise.causesCount', { count: rest }) : `${t('enterprise.causesCount', { count: rest })}（${t('enterprise.causeUnknown')}）`] : [])].join(lang === 'zh' ? '；' : '; ');
}

function RevisionsCard({ uscc, day, known }: { uscc: string; day: string; known: ReadonlyMap<string, StoredEvent> }) {
  const { t, i18n } = useTranslation();
  const lang = sentenceLanguage(i18n.resolvedLanguage);
  const path = `/api/enterprises/${encodeURIComponent(uscc)}/ratings/${day}/revisions`;
  const query = useApiQuery(path, (signal) => apiClient.get<RatingRevisionsResponse>(path, signal));
  const time = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <section className="card enterprise__revisions" aria-labelledby="revisions-title">
      <h2 id="revisions-title" className="card__title">
        {t('enterprise.revisionsTitle')} · {t('enterprise.revisionsDay')} {day}
      </h2>
      {query.status === 'error' && query.error instanceof ApiError && query.error.status === 404 ? (
        <EmptyState compact title={t('enterprise.noRevisions')} />
      ) : (
        <Loadable query={query}>
          {(data) => (
            <ol className="revision-list" data-testid="revisions" tabIndex={0} aria-label={t('enterprise.revisionsTitle')}>
              {[...data.revisions].reverse().map((r) => (
                <li key={r.revision} className="revision-list__item">
                  <FaceIcon face={r.face} colour={r.colour} size={28} decorative />
                  <div>
                    <strong>{t('enterprise.revision', { revision: r.revision })}</strong>{' '}
                    <span style={{ color: RATING_COLOURS[r.colour].text, fontWeight: 700 }}>{r.score.toFixed(1)}</span>{' '}
                    {t('rating.starsShort', { stars: r.stars })}
                    {r.veto ? <span className="tag tag--veto">{t('rating.veto')}</span> : null}
                    <div className="muted revision-list__meta">
                      {t('enterprise.recordedAt')} {time.format(new Date(r.recordedAt))}
                      {r.causeEventIds.length > 0 ? (
                        <>
                          {' · '}
                          {t('enterprise.causes')}:{' '}
                          <span title={r.causeEventIds.join('\n')}>
                            {causeText(r.causeEventIds, known, lang, t)}
                          </span>
                        </>
                      ) : null}
                    </div>
                    {/* Who caused it and why: sender, deciding inspector, reason (staff only). */}
                    {r.causeEventIds.flatMap((id) => {
                      const cause = data.causes.find((c) => c.eventId === id);
                      return cause ? [<div key={id} className="muted revision-list__meta" data-testid="revision-cause" title={cause.via === 'kafka' ? (cause.sender ?? undefined) : undefined}>{/* CauseKey checks the keys; i18next's types cannot take a union of keys with values, hence the cast. */}
                          {causeParts(cause).map((part) => String(t(part.key as 'enterprise.causes', part.values))).join(lang === 'zh' ? '；' : '; ')}</div>] : [];
                    })}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </Loadable>
      )}
    </section>
  );
}

/** Enterprise page: rating, explanation (composition, how to regain stars), history, events, QR code. */
export function EnterpriseDetailPage() {
  const { t, i18n } = useTranslation();
  const { uscc = '' } = useParams<{ uscc: string }>();
  const [rangeDays, setRangeDays] = useState<(typeof RANGES)[number]>(90);
  const [pickedDay, setPickedDay] = useState<string | null>(null);
  const labels = useMemo(() => chartLabels(t, i18n.resolvedLanguage), [t, i18n.resolvedLanguage]);
  const base = `/api/enterprises/${encodeURIComponent(uscc)}`;

  const detail = useApiQuery(base, (signal) => apiClient.get<EnterpriseDetail>(base, signal));
  useDocumentTitle(detail.status === 'success' ? `${detail.data.name ?? detail.data.uscc} · ${t('pages.enterprise.title')}` : t('pages.enterprise.title'));
  const current = detail.status === 'success' ? detail.data.current : null;
  const dayPath = current ? `${base}/ratings/${current.day}` : null;
  const day = useApiQuery(dayPath ?? 'none', (signal) =>
    dayPath ? apiClient.get<RatingDayDetail>(dayPath, signal) : new Promise<RatingDayDetail>(() => undefined),
  );

  // The window ends on the server's today (its clock and rating timezone decide the day, not this machine's), and
  // stays fixed while the page is open: re-rendering must not move it (and re-fetch) at midnight.
  const serverToday = detail.status === 'success' ? detail.data.today : null;
  const range = useMemo(() => (serverToday ? { from: addDays(serverToday, -(rangeDays - 1)), to: serverToday } : null), [serverToday, rangeDays]);
  const ratingsPath = range ? `${base}/ratings?from=${range.from}&to=${range.to}` : 'none';
  const ratings = useApiQuery(
    ratingsPath,
    (signal) => (range ? apiClient.get<RatingsResponse>(ratingsPath, signal) : new Promise<RatingsResponse>(() => undefined)),
    { keepData: true },
  );

  // Markers from up to 200 recent events: enough for the plotted window in practice, one request.
  const markerPath = `${base}/events?limit=200`;
  const markerEvents = useApiQuery(markerPath, (signal) => apiClient.get<EnterpriseEventsResponse>(markerPath, signal));
  const points = ratings.status === 'success' ? ratings.data.ratings : [];
  const lang = sentenceLanguage(i18n.resolvedLanguage);
  const markers = useMemo(() => (markerEvents.status === 'success' ? timelineEvents(markerEvents.data.items, lang) : []), [markerEvents, lang]);
  const knownEvents = useMemo(() => {
    const map = new Map<string, StoredEvent>();
    for (const e of markerEvents.status === 'success' ? markerEvents.data.items : []) map.set(e.eventId, e);
    return map;
  }, [markerEvents]);
  const streakNow = useMemo(() => levelStreak(points), [points]);
  // Thresholds and weights of the enterprise's rule profile, from the server's rule book.
  const model = useRatingModel();
  const profile = model.status === 'success' && detail.status === 'success' ? profileFor(model.data, detail.data.industryCode) : null;
  const thresholds = useMemo(() => (profile ? starThresholds(profile) : []), [profile]);
  const timeline = useMemo(() => buildScoreTimelineOption(points, markers, labels, thresholds), [points, markers, labels, thresholds]);
  const calendar = useMemo(() => buildStarCalendarOption(points, range ? [range.from, range.to] : ['', ''], labels), [points, range, labels]);
  const onTimelineEvents = useMemo(
    () => ({
      click: (params: unknown) => {
        const name = (params as { name?: unknown }).name;
        if (typeof name === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(name)) setPickedDay(name);
      },
    }),
    [],
  );

  if (detail.status === 'loading') {
    return (
      <section className="card">
        <LoadingState />
      </section>
    );
  }
  if (detail.status === 'error') {
    const error = detail.error;
    return (
      <>
        <p className="breadcrumb">
          <Link to="/enterprises">← {t('pages.enterprise.back')}</Link>
        </p>
        <section className="card">
          {error instanceof ApiError && (error.status === 404 || error.status === 400) ? (
            <EmptyState title={t('pages.enterprise.notFound')}>{error.message}</EmptyState>
          ) : (
            <ErrorState onRetry={detail.reload}>{errorText(error, t)}</ErrorState>
          )}
        </section>
      </>
    );
  }

  const info = detail.data;
  const sources = new Map(info.effects.map((e) => [e.eventId, e.source ?? null]));
  const revisionDay = pickedDay ?? current?.day ?? null;
  return (
    <div className="enterprise" data-testid="enterprise-page">
      <p className="breadcrumb">
        <Link to="/enterprises">← {t('pages.enterprise.back')}</Link>
      </p>
      <PageHeader
        title={info.name ?? info.uscc}
        subtitle={`${t('pages.enterprise.uscc')}: ${info.uscc}`}
        actions={
          <>
            <Link to={`/print/sign/${info.uscc}`} className="button button--secondary" data-testid="enterprise-print-sign">
              {t('print.printSign')}
            </Link>
            {info.regionCode ? (
              <Link to={`/print/region/${info.regionCode}`} className="button button--secondary" data-testid="enterprise-print-region">
                {t('print.printRegion')}
              </Link>
            ) : null}
          </>
        }
      />
      {info.handRegistration ? (
        <p className={`rg-hand-flag rg-hand-flag--${info.handRegistration}`} data-testid="hand-registration-flag">
          {t(info.handRegistration === 'pending' ? 'registry.hand.pending' : 'registry.hand.verified')}
          {info.handRegistration === 'pending' ? <> · <Link to="/registry/hand-registrations">{t('registry.hand.verify')}</Link></> : null}
        </p>
      ) : null}

      <div className="enterprise-grid">
        <section className="card enterprise__summary" aria-labelledby="summary-title">
          <h2 id="summary-title" className="card__title">
            {current ? t('enterprise.current', { day: current.day }) : t('enterprise.noCurrent')}
          </h2>
          {current ? (
            <RatingBadge size="lg" {...current} vetoDetail={current.veto ? vetoDetail(info.effects, current.day, lang) : null} />
          ) : (
            <EmptyState compact title={t('enterprise.noCurrent')} />
          )}
          <dl className="facts">
            <dt>{t('enterprise.region')}</dt>
            <dd title={info.regionCode ?? undefined}>{regionName(info.regionCode, lang)}</dd>
            <dt>{t('enterprise.industry')}</dt>
            <dd title={info.industryCode ?? undefined}>{industryName(info.industryCode, lang)}</dd>
            {info.address ? (
              <>
                <dt>{t('enterprise.address')}</dt>
                <dd>{info.address}</dd>
              </>
            ) : null}
            <dt>{t('enterprise.firstDay')}</dt>
            <dd>{info.firstDay}</dd>
          </dl>
          <p className="muted" data-testid="streaks">
            {streakNow && current && streakNow.stars === current.stars ? (
              <>
                <strong>{t(streakNow.atLeast ? 'enterprise.streakLevelAtLeast' : 'enterprise.streakLevel', { days: streakNow.days, stars: streakNow.stars })}</strong>
                {' · '}
              </>
            ) : null}
            {info.streak !== null && info.streak > 0 ? `${t('enterprise.streak', { count: info.streak })} · ` : null}
            {t('enterprise.events', { count: info.eventCount })}
          </p>
          {info.earlyWarnings.length > 0 ? (
            <div className="warning-list__chips" aria-label={t('enterprise.warnings')}>
              {info.earlyWarnings.map((w, i) => (
                <span key={i} className={`warning-chip warning-chip--${w.kind}`}>
                  {warningText(w, t)}
                </span>
              ))}
            </div>
          ) : null}
        </section>

        {current ? (
          <Loadable query={day}>
            {(d) => <Loadable query={model}>{(m) => <CompositionCard day={d} weights={profileFor(m, info.industryCode).weights} />}</Loadable>}
          </Loadable>
        ) : null}
        {current ? <Loadable query={day}>{(d) => <RegainCard uscc={uscc} day={d} sources={sources} />}</Loadable> : null}

        <section className="card enterprise__timeline" aria-labelledby="timeline-title">
          <div className="card__head">
            <h2 id="timeline-title" className="card__title">
              {t('enterprise.timelineTitle', { count: rangeDays })}
            </h2>
            {range ? <ExportButtons path={`${base}/ratings`} query={`from=${range.from}&to=${range.to}`} fileName={`ratings-${uscc}-${range.from}-${range.to}`} testId="ratings-export" /> : null}
            <div className="segmented" role="group" aria-label={t('enterprise.range')}>
              {RANGES.map((n) => (
                <button key={n} type="button" aria-pressed={rangeDays === n} onClick={() => setRangeDays(n)}>
                  {t('enterprise.days', { count: n })}
                </button>
              ))}
            </div>
          </div>
          {ratings.status === 'error' ? (
            <ErrorState onRetry={ratings.reload}>{errorText(ratings.error, t)}</ErrorState>
          ) : (
            <EChartsChart
              option={timeline}
              loading={ratings.status === 'loading'}
              empty={ratings.status === 'success' && points.length === 0}
              emptyText={t('pages.enterprise.noRatings')}
              height={320}
              ariaLabel={t('enterprise.timelineTitle', { count: rangeDays })}
              onEvents={onTimelineEvents}
            />
          )}
          {rangeDays === 365 && range && points.length > 0 ? (
            <div className="chart-scroll">
              <EChartsChart option={calendar} height={200} ariaLabel={t('pages.enterprise.calendar', range)} style={{ minWidth: 760 }} />
            </div>
          ) : null}
        </section>

        {revisionDay ? <RevisionsCard uscc={uscc} day={revisionDay} known={knownEvents} /> : null}
        <QrCard uscc={uscc} />
        <EnterpriseAccountCard uscc={uscc} />
        <EventLogCard uscc={uscc} />
      </div>
      <div className="enterprise-comparison">
        <PeerPanel path={`${base}/peers`} />
        <QuarterlyTable uscc={uscc} />
      </div>
    </div>
  );
}
