import type { LiveRatingChange, RecentChange } from '../api/api-types';
import { changeDirection, feedItemFromLive, feedItemFromRecent, feedKey, mergeFeed, visibleFeed, type FeedItem } from './live-feed';

const live = (over: Partial<LiveRatingChange>): LiveRatingChange => ({
  enterpriseId: '91320115QH72P12459',
  day: '2026-03-15',
  score: 78.1,
  stars: 3,
  face: 'neutral',
  colour: 'yellow',
  grade: 'good',
  veto: false,
  revision: 2,
  previous: { score: 95, stars: 5, face: 'smile' },
  causeEventIds: ['pen-001'],
  at: '2026-03-15T10:00:00.000+08:00',
  ...over,
});

const recent = (over: Partial<RecentChange>): RecentChange => ({
  enterpriseId: '91320115QH72P12459',
  name: '企业A',
  day: '2026-03-15',
  revision: 2,
  score: 78.1,
  stars: 3,
  face: 'neutral',
  colour: 'yellow',
  grade: 'good',
  veto: false,
  previous: { score: 95, stars: 5 },
  causeEventIds: ['pen-001'],
  recordedAt: '2026-03-15T02:00:00.000Z',
  ...over,
});

describe('live feed', () => {
  it('keeps one line per revision and fills in the name learnt from recent-changes', () => {
    const feed = mergeFeed([feedItemFromLive(live({}))], [feedItemFromRecent(recent({}))]);
    expect(feed).toHaveLength(1);
    expect(feed[0]).toMatchObject({ name: '企业A', stars: 3, previousStars: 5 });
  });

  it('puts the newest change first and names other lines of a known enterprise', () => {
    const older = feedItemFromRecent(recent({ revision: 1, recordedAt: '2026-03-15T01:00:00.000Z' }));
    const newer = feedItemFromLive(live({ revision: 3, at: '2026-03-15T11:00:00.000+08:00' }));
    const feed = mergeFeed([older], [newer]);
    expect(feed.map((f) => f.revision)).toEqual([3, 1]);
    expect(feed[0].name).toBe('企业A');
  });

  it('caps the feed', () => {
    const many = Array.from({ length: 10 }, (_, i) => feedItemFromLive(live({ revision: i + 1, at: new Date(Date.UTC(2026, 2, 15, 0, i)).toISOString() })));
    const feed = mergeFeed([], many, 4);
    expect(feed.map((f) => f.revision)).toEqual([10, 9, 8, 7]);
  });

  it('tells upgrades, downgrades and first ratings apart', () => {
    expect(changeDirection({ stars: 3, previousStars: 5 })).toBe('down');
    expect(changeDirection({ stars: 5, previousStars: 4 })).toBe('up');
    expect(changeDirection({ stars: 4, previousStars: 4 })).toBe('same');
    expect(changeDirection({ stars: 4, previousStars: null })).toBe('new');
  });
});

describe('visibleFeed', () => {
  const item = (enterpriseId: string, day: string, revision: number, stars: 1 | 2 | 3 | 4 | 5, score: number, previous: [1 | 2 | 3 | 4 | 5, number] | null, at: string): FeedItem => ({
    key: feedKey(enterpriseId, day, revision), enterpriseId, name: null, day, revision, score, stars, face: 'smile', colour: 'green', grade: 'good', veto: false,
    previousStars: previous?.[0] ?? null, previousScore: previous?.[1] ?? null, causeEventIds: [`ev-${revision}`], at,
  });
  // newest first, as mergeFeed keeps them
  const items = [
    item('A', '2026-12-02', 3, 2, 65, [3, 72], '2026-12-02T10:03:00Z'),
    item('B', '2026-12-02', 2, 5, 95, [5, 95], '2026-12-02T10:02:30Z'), // no change
    item('A', '2026-12-02', 2, 3, 72, [4, 81], '2026-12-02T10:02:00Z'),
    item('C', '2026-11-20', 2, 1, 40, [5, 99], '2026-12-02T10:01:00Z'), // backfill of a past day
    item('D', '2026-12-02', 1, 5, 100, null, '2026-12-02T10:00:00Z'), // first rating of the day
  ];

  it('by default shows only today\'s changes of stars or score, one line per enterprise from its oldest "before"', () => {
    const lines = visibleFeed(items, { all: false, today: '2026-12-02' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ enterpriseId: 'A', stars: 2, score: 65, previousStars: 4, previousScore: 81, changes: 2, causeEventIds: ['ev-3', 'ev-2'] });
  });

  it('shows every revision when asked', () => {
    expect(visibleFeed(items, { all: true, today: '2026-12-02' }).map((l) => l.key)).toEqual(items.map((i) => i.key));
  });
});
