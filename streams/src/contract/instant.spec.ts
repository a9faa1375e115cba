import { instantMicros } from './instant';

describe('instantMicros', () => {
  it('orders instants across offsets', () => {
    expect(instantMicros('2026-11-21T09:00:00+08:00')).toBe(instantMicros('2026-11-21T01:00:00Z'));
    expect(instantMicros('2026-11-21T09:00:01+08:00') > instantMicros('2026-11-21T01:00:00Z')).toBe(true);
  });

  it('keeps the microseconds that Date.parse drops', () => {
    expect(instantMicros('2026-11-21T01:00:00.123456Z') - instantMicros('2026-11-21T01:00:00.123Z')).toBe(456n);
    expect(instantMicros('2026-11-21T01:00:00.1Z') - instantMicros('2026-11-21T01:00:00Z')).toBe(100_000n);
  });

  it('refuses what is not an instant', () => {
    expect(() => instantMicros('yesterday')).toThrow(RangeError);
  });
});
