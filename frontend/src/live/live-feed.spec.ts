import type { LiveRatingChange, RecentChange } from '../api/api-types';
import { changeDirection, feedItemFromLive, feedItemFromRecent, mergeFeed } from './live-feed';

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
