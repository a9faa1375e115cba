import { peerPercentile, quartersBack } from './peer-percentile';

describe('peerPercentile', () => {
  it('is the share of peers rated strictly lower, rounded down, null without peers', () => {
    expect(peerPercentile(73, 100)).toBe(73);
    expect(peerPercentile(2, 3)).toBe(66);
    expect(peerPercentile(0, 5)).toBe(0);
    expect(peerPercentile(5, 5)).toBe(100);
    expect(peerPercentile(0, 0)).toBeNull();
  });
});

describe('quartersBack', () => {
  it('lists the current quarter (to today) and the ones before, across years, newest first', () => {
    const qs = quartersBack('2026-02-10', 4);
    expect(qs.map((q) => q.label)).toEqual(['2026Q1', '2025Q4', '2025Q3', '2025Q2', '2025Q1']);
    expect(qs[0]).toEqual({ label: '2026Q1', from: '2026-01-01', to: '2026-02-10' });
    expect(qs[1]).toEqual({ label: '2025Q4', from: '2025-10-01', to: '2025-12-31' });
    expect(qs[3]).toEqual({ label: '2025Q2', from: '2025-04-01', to: '2025-06-30' });
    expect(quartersBack('2026-12-02', 12)).toHaveLength(13);
    expect(quartersBack('2026-12-02', 12)[12]!.label).toBe('2023Q4');
  });
});
