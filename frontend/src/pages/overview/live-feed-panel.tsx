import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Stars } from '../../api/api-types';
import { FaceIcon } from '../../components/face-icon';
import { RATING_COLOURS, STAR_COLOUR_NAMES } from '../../components/rating-colours';
import { EmptyState, LoadingState } from '../../components/state-view';
import { changeDirection, visibleFeed, type FeedItem } from '../../live/live-feed';

function StarChip({ stars }: { stars: Stars }) {
  const { t } = useTranslation();
  const tone = RATING_COLOURS[STAR_COLOUR_NAMES[stars]];
  return (
    <span className="star-chip" style={{ background: tone.fill, color: tone.ink }}>
      {t('rating.starsShort', { stars })}
    </span>
  );
}

export interface LiveFeedPanelProps {
  items: readonly FeedItem[] | null;
  /** The server's rating day: by default only changes of today's ratings are shown. */
  today: string | null;
  paused: boolean;
  /** Changes received while paused, shown when resumed. */
  pending: number;
  onTogglePause(): void;
}

/** Rating changes as they happen: enterprise, old → new stars, cause; pausable so an inspector can read. */
export function LiveFeedPanel({ items: allItems, today, paused, pending, onTogglePause }: LiveFeedPanelProps) {
  const { t, i18n } = useTranslation();
  const [all, setAll] = useState(false);
  const items = allItems === null ? null : visibleFeed(allItems, { all, today });
  const time = new Intl.DateTimeFormat(i18n.resolvedLanguage, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <section className="card overview__feed" aria-labelledby="feed-title">
      <div className="card__head">
        <h2 id="feed-title" className="card__title">
          {t('overview.feed.title')}
        </h2>
        <label className="feed__all">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} data-testid="feed-all" /> {t('overview.feed.showAll')}
        </label>
        <button
          type="button"
          className={`button button--small ${paused ? 'button--primary' : 'button--secondary'}`}
          onClick={onTogglePause}
          aria-pressed={paused}
          data-testid="feed-pause"
        >
          {paused ? t('overview.feed.resume', { count: pending }) : t('overview.feed.pause')}
        </button>
      </div>
      {paused ? (
        <p className="notice notice--info notice--compact" role="status">
          {t('overview.feed.pausedNotice', { count: pending })}
        </p>
      ) : null}
      {items === null ? (
        <LoadingState compact />
      ) : items.length === 0 ? (
        <EmptyState compact title={t('overview.feed.empty')}>
          {all ? t('overview.feed.emptyHint') : t('overview.feed.emptyHintChanges')}
        </EmptyState>
      ) : (
        <ol className="feed" aria-live={paused ? 'off' : 'polite'} data-testid="live-feed">
          {items.map((item) => {
            const direction = changeDirection(item);
            return (
              <li key={item.key} className={`feed__item feed__item--${direction}`} data-enterprise={item.enterpriseId}>
                <FaceIcon face={item.face} colour={item.colour} size={28} decorative />
                <div className="feed__body">
                  <Link className="feed__name" to={`/enterprises/${item.enterpriseId}`}>
                    {item.name ?? item.enterpriseId}
                  </Link>
                  <span className="feed__change">
                    {item.previousStars === null ? (
                      <span className="feed__new">{t('overview.feed.firstRating')}</span>
                    ) : (
                      <StarChip stars={item.previousStars} />
                    )}
                    <span className={`feed__arrow feed__arrow--${direction}`} aria-label={t(`overview.feed.direction.${direction}`)}>
                      →
                    </span>
                    <StarChip stars={item.stars} />
                    <span className="feed__score">{item.score.toFixed(1)}</span>
                    {item.veto ? <span className="feed__veto">{t('rating.veto')}</span> : null}
                  </span>
                  <span className="feed__meta">
                    {t('overview.feed.cause')}:{' '}
                    <span className="feed__cause" title={item.causeEventIds.join('\n') || undefined}>
                      {item.causeEventIds.length > 0 ? t('overview.feed.causeEvents', { count: item.causeEventIds.length }) : t('overview.feed.noCause')}
                    </span>
                    {item.changes > 1 ? <span> · {t('overview.feed.grouped', { count: item.changes })}</span> : null}
                    {item.day ? <span> · {t('overview.feed.ratingDay', { day: item.day })}</span> : null}
                  </span>
                </div>
                <time className="feed__time" dateTime={item.at}>
                  {Number.isNaN(Date.parse(item.at)) ? '' : time.format(new Date(item.at))}
                </time>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
