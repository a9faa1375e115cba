import { dayFromIso } from '@envface/streams';
import { catchUpDays, nextRolloverAt } from './rollover-schedule';

describe('rollover schedule', () => {
  it('wakes at the next local midnight of the rating timezone', () => {
    expect(nextRolloverAt(Date.parse('2026-04-10T12:00:00+08:00'), 'Asia/Shanghai')).toBe(Date.parse('2026-04-11T00:00:00+08:00'));
    // One millisecond before midnight is still the old day; midnight itself already belongs to the new one.
    expect(nextRolloverAt(Date.parse('2026-04-10T23:59:59.999+08:00'), 'Asia/Shanghai')).toBe(Date.parse('2026-04-11T00:00:00+08:00'));
    expect(nextRolloverAt(Date.parse('2026-04-11T00:00:00+08:00'), 'Asia/Shanghai')).toBe(Date.parse('2026-04-12T00:00:00+08:00'));
    expect(nextRolloverAt(Date.parse('2026-04-10T20:00:00Z'), 'UTC')).toBe(Date.parse('2026-04-11T00:00:00Z'));
  });

  it('follows daylight saving where the zone has it', () => {
    // Berlin springs forward on 2026-03-29: that day is 23 hours long, midnight stays midnight.
    expect(nextRolloverAt(Date.parse('2026-03-29T12:00:00+02:00'), 'Europe/Berlin')).toBe(Date.parse('2026-03-30T00:00:00+02:00'));
    expect(nextRolloverAt(Date.parse('2026-03-28T12:00:00+01:00'), 'Europe/Berlin')).toBe(Date.parse('2026-03-29T00:00:00+01:00'));
  });

  it('catches up every day after the last finished rollover, through today', () => {
    const d = dayFromIso('2026-04-10');
    expect(catchUpDays(d - 3, null, d)).toEqual([d - 2, d - 1, d]);
    expect(catchUpDays(d, d - 5, d)).toEqual([]);
    expect(catchUpDays(d + 1, null, d)).toEqual([]); // a clock set back: nothing to do
  });

  it('starts from the oldest current rating when no rollover ever finished', () => {
    const d = dayFromIso('2026-04-10');
    expect(catchUpDays(null, d - 2, d)).toEqual([d - 2, d - 1, d]);
    expect(catchUpDays(null, null, d)).toEqual([]); // nothing rated yet: nothing to roll over
  });
});
