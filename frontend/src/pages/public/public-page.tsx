import { useEffect, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/api-client';
import type { PublicViewJson } from '../../api/public-types';
import { useApiQuery } from '../../api/use-api-query';
import { FaceIcon } from '../../components/face-icon';
import { RATING_COLOURS, STAR_COLOUR_NAMES, starFill } from '../../components/rating-colours';
import { StarRating } from '../../components/star-rating';
import { ErrorState, LoadingState } from '../../components/state-view';
import { LanguageSwitch } from '../../i18n/language-switch';
import { ComplaintForm } from './complaint-form';
import { fetchPublicView, watchPublicView } from './public-api';
import '../../styles/public.css';
import { useDocumentTitle } from '../../components/use-document-title';
import { takeServerRenderedView } from './public-first-paint-handoff';

/**
 * /q/{token}: what a passer-by sees after scanning the sign at the factory gate. Phone first, no login,
 * live: the server pushes the whole public view again whenever the rating changes.
 */
export function PublicPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  // The server rendered this page's first state into the HTML and embedded the view it showed: used as the
  // query's data so the take-over neither fetches it again nor flashes a spinner (#14 §6).
  const [initial] = useState(() => takeServerRenderedView(token));
  const query = useApiQuery(`public:${token}`, (signal) => fetchPublicView(token, signal), { initial: initial ?? undefined });
  const { reload } = query;
  const [pushed, setPushed] = useState<{ view: PublicViewJson; at: number } | null>(null);
  const [live, setLive] = useState(false);
  const found = query.status === 'success';
  useDocumentTitle(query.status === 'success' ? (query.data.name ?? query.data.uscc) : query.status === 'error' ? t('publicPage.notFoundTitle') : t('app.name'));

  useEffect(() => {
    if (!found) return undefined;
    return watchPublicView(token, (view) => setPushed({ view, at: Date.now() }), setLive, { seen: initial?.seen, onReconnect: reload });
  }, [token, found]); // one socket per page: `initial` and `reload` do not change for it

  useEffect(() => {
    setPushed(null);
  }, [token]);

  // The server-rendered first paint sits beside the app's root: it goes in the same frame the app's own
  // page appears, so the swap is not visible.
  const settled = query.status !== 'loading';
  useLayoutEffect(() => {
    if (settled) document.getElementById(FIRST_PAINT_ID)?.remove();
  }, [settled]);

  if (query.status === 'loading') return <main className="q-page"><LoadingState /></main>;
  if (query.status === 'error') {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <main className="q-page">
        {notFound ? (
          <section className="q-card q-notfound" data-testid="public-not-found">
            <h1>{t('publicPage.notFoundTitle')}</h1>
            <p>{t('publicPage.notFoundText')}</p>
          </section>
        ) : (
          <ErrorState title={t('state.error')} onRetry={query.reload}>
            {t('errors.network')}
          </ErrorState>
        )}
      </main>
    );
  }
  // Whichever is newer: a pushed view, or the view loaded again after a reconnect.
  const latest = pushed && pushed.at >= query.updatedAt ? { view: pushed.view, at: pushed.at } : { view: query.data, at: query.updatedAt };
  return <PublicViewCard view={latest.view} token={token} live={live} updatedAt={latest.at} />;
}

/** Where the server puts its rendering of the page's first state (beside `#root`, removed at take-over). */
export const FIRST_PAINT_ID = 'q-first-paint';

export interface PublicViewCardProps {
  view: PublicViewJson;
  token: string;
  live: boolean;
  updatedAt: number;
  /** Time zone of the "updated" time; the browser's own when omitted (the server passes the rating time zone). */
  timeZone?: string;
  /** The report form needs the app (it posts with JavaScript): the server-rendered first paint leaves it out. */
  withComplaintForm?: boolean;
}

export function PublicViewCard({ view, token, live, updatedAt, timeZone, withComplaintForm = true }: PublicViewCardProps) {
  const { t, i18n } = useTranslation();
  const tone = view.colour ? RATING_COLOURS[view.colour] : null;
  return (
    <main className="q-page">
      <header className="q-top">
        <span className="q-brand">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <section className="q-card q-hero" style={tone ? { borderTopColor: tone.fill } : undefined} data-testid="public-rating">
        <h1 className="q-name" data-testid="public-name">{view.name ?? view.uscc}</h1>
        <p className="q-muted">
          {t('publicPage.uscc')} <span className="q-mono">{view.uscc}</span>
        </p>
        {view.stars !== null && view.face && view.colour && view.grade && view.score !== null && tone ? (
          <div className="q-rating">
            <FaceIcon face={view.face} colour={view.colour} size={88} label={t('rating.faceLabel', { face: t(`rating.face.${view.face}`), colour: t(`rating.colour.${view.colour}`) })} />
            <div className="q-rating__body">
              <p className="q-label">{t('publicPage.today')}</p>
              <StarRating stars={view.stars} size={30} />
              <p className="q-score" style={{ color: tone.text }} data-testid="public-score" data-stars={view.stars} data-face={view.face}>
                <strong>{t(`rating.grade.${view.grade}`)}</strong> · {t('publicPage.score', { score: view.score.toFixed(1) })}
              </p>
            </div>
          </div>
        ) : (
          <p>{t('publicPage.noRating')}</p>
        )}
        {view.grade ? <p className="q-meaning">{t(`publicPage.meaning.${view.grade}`)}</p> : null}
        {view.underAppeal ? (
          <p className="q-badge" data-testid="public-under-appeal" title={t('publicPage.underAppealNote')}>
            {t('publicPage.underAppeal')}
          </p>
        ) : null}
        <p className={live ? 'q-live q-live--on' : 'q-live'} aria-live="polite">
          {live ? t('publicPage.live') : ''}
        </p>
        {updatedAt > 0 ? (
          <p className="q-updated muted" data-testid="updated-at" data-updated-at={updatedAt}>
            {t('live.updatedAt', { time: new Intl.DateTimeFormat(i18n.resolvedLanguage, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(updatedAt)) })}
          </p>
        ) : null}
      </section>

      <section className="q-card" aria-labelledby="q-strip-title">
        <h2 id="q-strip-title">{t('publicPage.last30')}</h2>
        <ol className="q-strip">
          {view.last30.map((d) => (
            <li key={d.day} title={`${d.day} ${t('rating.starsShort', { stars: d.stars })}`} style={{ background: starFill(d.stars), color: RATING_COLOURS[STAR_COLOUR_NAMES[d.stars]].ink }}>
              <span className="q-strip__stars">{d.stars}</span>
              <span className="q-strip__day">{d.day.slice(8)}</span>
            </li>
          ))}
        </ol>
      </section>

      <section className="q-card" aria-labelledby="q-penalties-title">
        <h2 id="q-penalties-title">{t('publicPage.penalties')}</h2>
        {view.penalties.length === 0 ? (
          <p className="q-muted">{t('publicPage.noPenalties')}</p>
        ) : (
          <ul className="q-penalties">
            {view.penalties.map((p) => (
              <li key={`${p.caseNo}-${p.day}`}>
                <p className="q-muted">
                  {p.day} · {t('publicPage.caseNo', { caseNo: p.caseNo })}
                </p>
                <p>{p.violation}</p>
                {p.publicText ? <p className="q-muted">{p.publicText}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {withComplaintForm ? <ComplaintForm token={token} /> : null}
      <footer className="q-footer">{t('publicPage.footer')}</footer>
    </main>
  );
}
