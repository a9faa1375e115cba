import { lockSecondsAfter, nameHash } from './login-failure.repository';

describe('login backoff', () => {
  it('locks after 5 failures with growing waits capped at 15 minutes', () => {
    expect([1, 2, 3, 4].map(lockSecondsAfter)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 50].map(lockSecondsAfter)).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('hashes names case-insensitively and never stores them as typed', () => {
    expect(nameHash('Admin').equals(nameHash('admin'))).toBe(true);
    expect(nameHash('admin').equals(nameHash('admin2'))).toBe(false);
    expect(nameHash('admin').toString('latin1')).not.toContain('admin');
  });
});
