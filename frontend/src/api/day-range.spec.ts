import { addDays, dayIn, lastDays } from './day-range';

describe('day range', () => {
  it('takes today in the rating timezone, not UTC', () => {
    // 2026-11-20 17:30 UTC is already 2026-11-21 01:30 in Shanghai.
    const instant = new Date(Date.UTC(2026, 10, 20, 17, 30));
    expect(dayIn(instant)).toBe('2026-11-21');
    expect(dayIn(instant, 'UTC')).toBe('2026-11-20');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-11-21', -364)).toBe('2025-11-22');
  });

  it('gives an inclusive range of N days ending today', () => {
    expect(lastDays(30, new Date(Date.UTC(2026, 10, 20, 17, 30)))).toEqual({ from: '2026-10-23', to: '2026-11-21' });
    expect(lastDays(1, new Date(Date.UTC(2026, 10, 21, 4)))).toEqual({ from: '2026-11-21', to: '2026-11-21' });
  });
});
