import type { RatingChange } from './live-messages';
import { BURST_MAX_CHANGES, LatestChanges, coalescedMessages } from './rating-coalescer';

function change(enterpriseId: string, day: string, revision: number, score = 90): RatingChange {
  return {
    enterpriseId, day, score, stars: 4, face: 'smile', colour: 'blue', grade: 'good', veto: false, revision,
    previous: null, causeEventIds: [`e-${enterpriseId}-${revision}`], at: '2026-03-15T12:00:00.000+08:00',
  };
}

describe('LatestChanges', () => {
  it('keeps the latest change per enterprise-day, most recently changed last', () => {
    const w = new LatestChanges();
    w.add(change('A', '2026-03-15', 1));
    w.add(change('B', '2026-03-15', 1));
    w.add(change('A', '2026-03-15', 2));
    w.add(change('A', '2026-03-14', 3));
    expect(w.size).toBe(3);
    expect(w.take().map((c) => [c.enterpriseId, c.day, c.revision])).toEqual([
      ['B', '2026-03-15', 1],
      ['A', '2026-03-15', 2],
      ['A', '2026-03-14', 3],
    ]);
    expect(w.size).toBe(0);
    expect(w.take()).toEqual([]);
  });

  it('does not let a re-published older revision replace a newer one', () => {
    const w = new LatestChanges();
    w.add(change('A', '2026-03-15', 3));
    w.add(change('A', '2026-03-15', 2));
    expect(w.take().map((c) => c.revision)).toEqual([3]);
  });
});

describe('coalescedMessages', () => {
  it('sends up to three changes one by one', () => {
    const changes = [change('A', 'd', 1), change('B', 'd', 1), change('C', 'd', 1)];
    expect(coalescedMessages(changes)).toEqual(changes.map((data) => ({ event: 'rating.changed', data })));
    expect(coalescedMessages([])).toEqual([]);
  });

  it('turns four or more into one burst', () => {
    const changes = ['A', 'B', 'C', 'D'].map((id) => change(id, 'd', 1));
    expect(coalescedMessages(changes)).toEqual([{ event: 'ratings.burst', data: { count: 4, changes, truncated: false } }]);
  });

  it('keeps the most recent 200 changes of a large burst and says it truncated', () => {
    const changes = Array.from({ length: 450 }, (_, i) => change(`E${i}`, 'd', 1));
    const [message, ...rest] = coalescedMessages(changes);
    expect(rest).toEqual([]);
    expect(message!.event).toBe('ratings.burst');
    const burst = message!.data as { count: number; changes: RatingChange[]; truncated: boolean };
    expect(burst.count).toBe(450);
    expect(burst.truncated).toBe(true);
    expect(burst.changes).toHaveLength(BURST_MAX_CHANGES);
    expect(burst.changes[0]!.enterpriseId).toBe('E250');
    expect(burst.changes[BURST_MAX_CHANGES - 1]!.enterpriseId).toBe('E449');
  });
});
