import type { Face, Grade, LiveRatingChange, RatingColour, RecentChange, Stars } from '../api/api-types';

/** One line of the live feed: a new rating revision of an enterprise-day. */
export interface FeedItem {
  /** enterpriseId|day|revision: the same revision arrives from the socket and again from recent-changes. */
  key: string;
  enterpriseId: string;
  name: string | null;
  day: string;
  revision: number;
  score: number;
  stars: Stars;
  face: Face;
  colour: RatingColour;
  grade: Grade;
  veto: boolean;
  previousStars: Stars | null;
  previousScore: number | null;
  causeEventIds: string[];
  /** ISO instant of the change. */
  at: string;
}

export const FEED_LIMIT = 60;

export function feedKey(enterpriseId: string, day: string, revision: number): string {
  return `${enterpriseId}|${day}|${revision}`;
}

export function feedItemFromLive(change: LiveRatingChange): FeedItem {
  return {
    key: feedKey(change.enterpriseId, change.day, change.revision),
    enterpriseId: change.enterpriseId,
    name: null,
    day: change.day,
    revision: change.revision,
    score: change.score,
    stars: change.stars,
    face: change.face,
    colour: change.colour,
    grade: change.grade,
    veto: change.veto,
    previousStars: change.previous?.stars ?? null,
    previousScore: change.previous?.score ?? null,
    causeEventIds: change.causeEventIds,
    at: change.at,
  };
}

export function feedItemFromRecent(change: RecentChange): FeedItem {
  return {
    key: feedKey(change.enterpriseId, change.day, change.revision),
    enterpriseId: change.enterpriseId,
    name: change.name,
    day: change.day,
    revision: change.revision,
    score: change.score,
    stars: change.stars,
    face: change.face,
    colour: change.colour,
    grade: change.grade,
    veto: change.veto,
    previousStars: change.previous?.stars ?? null,
    previousScore: change.previous?.score ?? null,
    causeEventIds: change.causeEventIds,
    at: change.recordedAt,
  };
}

/**
 * Merges new items into the feed: newest first (by instant, then key for a stable order), one line per revision
 * (a name learnt later fills in a line that had none), at most `limit` lines.
 */
export function mergeFeed(current: readonly FeedItem[], incoming: readonly FeedItem[], limit = FEED_LIMIT): FeedItem[] {
  const byKey = new Map<string, FeedItem>();
  for (const item of current) byKey.set(item.key, item);
  for (const item of incoming) {
    const known = byKey.get(item.key);
    byKey.set(item.key, known ? { ...known, name: known.name ?? item.name } : item);
  }
  const names = new Map<string, string>();
  for (const item of byKey.values()) if (item.name) names.set(item.enterpriseId, item.name);
  return [...byKey.values()]
    .map((item) => (item.name === null && names.has(item.enterpriseId) ? { ...item, name: names.get(item.enterpriseId)! } : item))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
    .slice(0, limit);
}

export type ChangeDirection = 'up' | 'down' | 'same' | 'new';

/** Whether the stars went up or down with this revision ('new' for a day's first rating). */
export function changeDirection(item: Pick<FeedItem, 'stars' | 'previousStars'>): ChangeDirection {
  if (item.previousStars === null) return 'new';
  return item.stars > item.previousStars ? 'up' : item.stars < item.previousStars ? 'down' : 'same';
}

/** How many revisions the page keeps, so that grouping and filtering still have enough to show. */
export const FEED_KEEP = 400;

/** A line of the default feed: an enterprise's latest change, with how many changes it stands for. */
export interface FeedLine extends FeedItem {
  /** Revisions grouped into this line (1 when alone). */
  changes: number;
}

/**
 * What the feed shows. By default only revisions of `today`'s rating (a start-up backfill re-rates past days and
 * never floods it) that changed the stars or the score, one line per enterprise: its newest state, from the stars
 * and score before its oldest grouped change. `all` shows every revision as it came.
 */
export function visibleFeed(items: readonly FeedItem[], options: { all: boolean; today: string | null; limit?: number }): FeedLine[] {
  const limit = options.limit ?? FEED_LIMIT;
  if (options.all) return items.slice(0, limit).map((item) => ({ ...item, changes: 1 }));
  const lines = new Map<string, FeedLine>();
  for (const item of items) {
    if (options.today !== null && item.day !== options.today) continue;
    if (item.previousStars === null || item.previousScore === null) continue;
    if (item.previousStars === item.stars && item.previousScore === item.score) continue;
    const line = lines.get(item.enterpriseId);
    if (!line) {
      lines.set(item.enterpriseId, { ...item, changes: 1 });
    } else {
      // items are newest first: an older change widens the line's "before".
      lines.set(item.enterpriseId, {
        ...line,
        name: line.name ?? item.name,
        previousStars: item.previousStars,
        previousScore: item.previousScore,
        causeEventIds: [...line.causeEventIds, ...item.causeEventIds],
        changes: line.changes + 1,
      });
    }
  }
  return [...lines.values()].slice(0, limit);
}
