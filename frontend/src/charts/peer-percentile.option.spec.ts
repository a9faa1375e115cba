import type { PeerGroup } from '../api/api-types';
import { buildPeerLineOption } from './peer-percentile.option';
import { asArray } from './test-labels';

const group = (kind: PeerGroup['kind'], series: [string, number | null][]): PeerGroup => ({
  kind,
  regionCode: '320100',
  industryClass: kind === 'industry' ? 'C26' : null,
  peers: 10,
  below: 7,
  ties: 1,
  percentile: 70,
  series: series.map(([day, percentile]) => ({ day, percentile, peers: percentile === null ? 0 : 10 })),
});

describe('buildPeerLineOption', () => {
  it('draws one line per group over the union of days, gaps where a group has no value', () => {
    const option = buildPeerLineOption(
      [group('industry', [['2026-05-01', 40], ['2026-05-02', null], ['2026-05-03', 73]]), group('region', [['2026-05-02', 55], ['2026-05-03', 60]])],
      { groupName: (k) => (k === 'industry' ? 'same industry' : 'same area'), percentile: 'pct' },
    );
    expect((asArray(option.xAxis)[0] as { data: string[] }).data).toEqual(['2026-05-01', '2026-05-02', '2026-05-03']);
    const series = asArray(option.series) as { name: string; data: (number | null)[]; connectNulls: boolean }[];
    expect(series.map((s) => s.name)).toEqual(['same industry', 'same area']);
    expect(series[0]!.data).toEqual([40, null, 73]);
    expect(series[1]!.data).toEqual([null, 55, 60]);
    expect(series[0]!.connectNulls).toBe(false);
    expect(asArray(option.yAxis)[0]).toMatchObject({ min: 0, max: 100 });
  });

  it('is empty without groups', () => {
    const option = buildPeerLineOption([], { groupName: () => '', percentile: '' });
    expect(asArray(option.series)).toEqual([]);
    expect((asArray(option.xAxis)[0] as { data: string[] }).data).toEqual([]);
  });
});
