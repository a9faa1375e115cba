import type { AppConfig } from '../../platform/config/app-config';
import { fixedClock } from '../../platform/clock';
import type { Database, Queryable } from '../../platform/db/database.service';
import type { ComparisonRepository } from './comparison.repository';
import { PeerDayFolder } from './peer-day-folder.service';

/** A repository fake recording what the folder asks, with a lock that can be taken by "another instance". */
function fakes(due: string[], lockFree = true, foldMs = 0) {
  const calls: string[] = [];
  const repo = {
    foldDaysDue: jest.fn(async (_q: Queryable, from: string, to: string, limit: number) => {
      calls.push(`due ${from}..${to} ≤${limit}`);
      return due;
    }),
    tryPeerFoldLock: jest.fn(async () => lockFree),
    foldPeerDay: jest.fn(async (_q: Queryable, day: string) => {
      calls.push(`fold ${day}`);
      if (foldMs) await new Promise((r) => setTimeout(r, foldMs));
      return 1;
    }),
    dropPeerDaysBefore: jest.fn(async (_q: Queryable, before: string) => {
      calls.push(`drop <${before}`);
    }),
  } as unknown as ComparisonRepository;
  const db = { transaction: async <T>(_tag: string, fn: (tx: Queryable) => Promise<T>) => fn({} as Queryable), query: jest.fn() } as unknown as Database;
  const folder = new PeerDayFolder(db, repo, { timeZone: 'Asia/Shanghai' } as AppConfig, fixedClock('2026-03-15T01:00:00+08:00'));
  return { folder, calls };
}

describe('PeerDayFolder', () => {
  it('folds the due days of the 89 days before today (rating timezone) and drops older ones', async () => {
    const { folder, calls } = fakes(['2026-03-14', '2026-03-13']);
    expect(await folder.fold()).toBe(2);
    expect(calls).toEqual(['due 2025-12-16..2026-03-14 ≤90', 'fold 2026-03-14', 'drop <2025-12-16', 'fold 2026-03-13']);
  });

  it('stops after the day that crosses the time budget, but folds at least one', async () => {
    const { folder, calls } = fakes(['2026-03-14', '2026-03-13', '2026-03-12'], true, 30);
    expect(await folder.fold(10)).toBe(1);
    expect(calls.filter((c) => c.startsWith('fold'))).toEqual(['fold 2026-03-14']);
  });

  it('does nothing while another instance holds the lock', async () => {
    const { folder, calls } = fakes(['2026-03-14', '2026-03-13'], false);
    expect(await folder.fold()).toBe(0);
    expect(calls.filter((c) => c.startsWith('fold'))).toEqual([]);
  });
});
