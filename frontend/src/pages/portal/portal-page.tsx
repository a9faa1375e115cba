import { useMemo, useState, type FormEvent } from 'react';
import { EvidenceList, EvidenceUpload } from '../queues/appeal-evidence';
import { PeerPanel } from '../enterprise/peer-panel';
import { useTranslation } from 'react-i18next';
import { ApiError, apiClient } from '../../api/api-client';
import { addDays } from '../../api/day-range';
import type { RatingsResponse } from '../../api/api-types';
import type { AccountJson, AppealPage, PortalEvents, PortalOverview, PortalRevisions } from '../../api/public-types';
import { useApiQuery } from '../../api/use-api-query';
import { chartLabels } from '../../charts/chart-labels';
import { EChartsChart } from '../../charts/echarts-chart';
import { buildStarCalendarOption } from '../../charts/star-calendar.option';
import { PageHeader } from '../../components/page-header';
import { RatingBadge } from '../../components/rating-badge';
import { EffectSentenceItem } from '../../components/effect-sentence';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import { eventSentence, sentenceLanguage, vetoDetail } from '../../i18n/event-sentences';
import { levelStreak } from '../enterprise/level-streak';
import { regainPlan } from '../enterprise/regain-plan';
import { PasswordChangeForm } from './password-change-form';
import { PortalNoticesSection } from '../supervision/notices';
import { useDocumentTitle } from '../../components/use-document-title';

/** /portal — an enterprise's own rating; every request names no USCC (the server takes it from the token). */
export function PortalPage() {
  const { t } = useTranslation();
  const me = useApiQuery('/api/accounts/me', (signal) => apiClient.get<AccountJson>('/api/accounts/me', signal));
  if (me.status === 'loading') return <LoadingState />;
  if (me.status === 'error') return <ErrorState title={t('state.error')} onRetry={me.reload} />;
  if (me.data.mustChangePassword) return <PasswordChangeForm onChanged={me.reload} />;
  return <PortalOverviewView />;
}

function PortalOverviewView() {
  const { t, i18n } = useTranslation();
  const lang = sentenceLanguage(i18n.resolvedLanguage);
  const overview = useApiQuery('/api/portal/enterprise', (signal) => apiClient.get<PortalOverview>('/api/portal/enterprise', signal));
  useDocumentTitle(overview.status === 'success' ? `${overview.data.name ?? overview.data.uscc} · ${t('app.pageTitles.portal')}` : t('app.pageTitles.portal'));
  const today = overview.status === 'success' ? overview.data.today : null;
  const from = today ? addDays(today, -364) : null;
  const ratingsPath = today && from ? `/api/portal/ratings?from=${from}&to=${today}` : 'none';
  const ratings = useApiQuery(ratingsPath, (signal) =>
    today ? apiClient.get<RatingsResponse>(ratingsPath, signal) : new Promise<RatingsResponse>(() => undefined),
  );
  const streakNow = useMemo(() => (ratings.status === 'success' ? levelStreak(ratings.data.ratings) : null), [ratings]);
  if (overview.status === 'loading') return <LoadingState />;
  if (overview.status === 'error') return <ErrorState title={t('state.error')} onRetry={overview.reload} />;
  const o = overview.data;
  // The same active effects, order and sentences as the inspector's "how to regain stars".
  const plan = o.current ? regainPlan(o.effects, o.current.day) : [];
  return (
    <>
      <PageHeader title={o.name ?? o.uscc} subtitle={`${t('publicPage.uscc')} ${o.uscc}`} />
      <div className="portal-grid">
        <section className="card" data-testid="portal-current">
          <h2 className="card__title">{t('portal.current')}</h2>
          {o.current ? (
            <RatingBadge {...o.current} size="lg" vetoDetail={o.current.veto ? vetoDetail(o.effects, o.current.day, lang) : null} />
          ) : (
            <EmptyState title={t('publicPage.noRating')} compact />
          )}
          <p data-testid="streaks">
            {streakNow && o.current && streakNow.stars === o.current.stars ? (
              <strong>{t(streakNow.atLeast ? 'enterprise.streakLevelAtLeast' : 'enterprise.streakLevel', { days: streakNow.days, stars: streakNow.stars })}</strong>
            ) : null}
            {o.streak !== null && o.streak > 0 ? ` · ${t('portal.streak', { days: o.streak })}` : null}
          </p>
        </section>
        <section className="card">
          <h2 className="card__title">{t('portal.effects')}</h2>
          {plan.length === 0 ? (
            <p>{t('portal.noEffects')}</p>
          ) : (
            <>
              <p className="muted">{t('portal.effectsIntro')}</p>
              <ul className="regain-list" data-testid="portal-effects">
                {plan.map((step) => (
                  <EffectSentenceItem key={`${step.effect.indicator}-${step.effect.eventId}`} effect={step.effect} />
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
      <PortalNoticesSection />
      <PeerPanel path="/api/portal/peers" />
      {today && from ? <YearCalendar today={today} from={from} ratings={ratings} /> : null}
      <div className="portal-grid">
        <EventsAndAppeals />
        <Revisions />
      </div>
    </>
  );
}

/** A year of daily stars as a calendar heat map, ending today. */
function YearCalendar({ today, from, ratings }: { today: string; from: string; ratings: ReturnType<typeof useApiQuery<RatingsResponse>> }) {
  const { t, i18n } = useTranslation();
  const labels = useMemo(() => chartLabels(t, i18n.resolvedLanguage), [t, i18n.resolvedLanguage]);
  const option = useMemo(
    () => (ratings.status === 'success' ? buildStarCalendarOption(ratings.data.ratings.map((r) => ({ day: r.day, stars: r.stars })), [from, today], labels) : null),
    [ratings, from, today, labels],
  );
  return (
    <section className="card">
      <h2 className="card__title">{t('portal.calendar')}</h2>
      {ratings.status === 'error' ? <ErrorState title={t('state.error')} onRetry={ratings.reload} /> : null}
      {ratings.status === 'loading' ? <LoadingState /> : null}
      {option ? (
        <div className="chart-scroll" tabIndex={0} role="region" aria-label={t('portal.calendar')}>
          <EChartsChart option={option} height={200} ariaLabel={t('portal.calendar')} style={{ minWidth: 760 }} />
        </div>
      ) : null}
    </section>
  );
}

function Revisions() {
  const { t } = useTranslation();
  const revisions = useApiQuery('/api/portal/revisions', (signal) => apiClient.get<PortalRevisions>('/api/portal/revisions?limit=50', signal));
  return (
    <section className="card">
      <h2 className="card__title">{t('portal.revisions')}</h2>
      {revisions.status === 'success' && revisions.data.items.length === 0 ? <p>{t('portal.noRevisions')}</p> : null}
      {revisions.status === 'success' ? (
        <ul className="portal-list">
          {revisions.data.items.map((r) => (
            <li key={`${r.day}-${r.revision}`}>
              {t('portal.revisionLine', {
                day: r.day,
                revision: r.revision,
                from: r.previous ? `${t('rating.starsShort', { stars: r.previous.stars })} ${r.previous.score.toFixed(1)}` : '—',
                to: `${t('rating.starsShort', { stars: r.stars })} ${r.score.toFixed(1)}`,
              })}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function EventsAndAppeals() {
  const { t, i18n } = useTranslation();
  const lang = sentenceLanguage(i18n.resolvedLanguage);
  const events = useApiQuery('/api/portal/events', (signal) => apiClient.get<PortalEvents>('/api/portal/events?limit=100', signal));
  const appeals = useApiQuery('/api/appeals', (signal) => apiClient.get<AppealPage>('/api/appeals?limit=100', signal));
  const [target, setTarget] = useState<string | null>(null);
  const [reasons, setReasons] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!target) return;
    try {
      await apiClient.post('/api/appeals', { eventId: target, reasons });
      setTarget(null);
      setReasons('');
      setError(null);
      events.reload();
      appeals.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.unknown'));
    }
  }

  return (
    <section className="card">
      <h2 className="card__title">{t('portal.events')}</h2>
      {events.status === 'success' ? (
        <ul className="portal-list">
          {events.data.items.map((e) => (
            <li key={e.eventId}>
              {eventSentence(e, lang)}
              {e.voided ? ` · ${t('portal.voided')}` : ''}
              {e.appealStatus ? ` · ${t(`queues.status.${e.appealStatus}`)}` : ''}
              {!e.voided && e.appealStatus !== 'pending' && e.type.startsWith('enforcement.') && e.type !== 'enforcement.voided' ? (
                <button type="button" className="button button--secondary button--small" onClick={() => setTarget(e.eventId)}>
                  {t('portal.appeal')}
                </button>
              ) : null}
              {target === e.eventId ? (
                <form className="portal-form" onSubmit={submit}>
                  <label>
                    {t('portal.appealReasons')}
                    <textarea rows={3} maxLength={2000} value={reasons} onChange={(ev) => setReasons(ev.target.value)} required />
                  </label>
                  {error ? <p role="alert" className="decision__error">{error}</p> : null}
                  <button type="submit" className="button button--primary button--small">
                    {t('portal.appealSubmit')}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <h2 className="card__title">{t('portal.appeals')}</h2>
      {appeals.status === 'success' && appeals.data.items.length === 0 ? <p>{t('queues.empty')}</p> : null}
      {appeals.status === 'success' ? (
        <ul className="portal-list">
          {appeals.data.items.map((a) => (
            <li key={a.id}>
              {a.eventType ? eventSentence({ type: a.eventType, day: a.eventDay, data: a.eventData }, lang) : t('portal.appealedRecord')} · {t(`queues.status.${a.status}`)}
              {a.decisionReason ? ` · ${a.decisionReason}` : ''}
              <EvidenceList appeal={a} />
              {a.status === 'pending' ? <EvidenceUpload appeal={a} onUploaded={appeals.reload} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
