import { buildStarTrendOption } from './star-trend.option';
import { asArray, TEST_LABELS } from './test-labels';

describe('buildStarTrendOption', () => {
  const days = [
    { day: '2026-11-02', counts: { 5: 8, 4: 1, 1: 1 } },
    { day: '2026-11-01', counts: { 5: 9, 3: 1 } },
  ];

  it('stacks five area series, one per star, coloured per star, best level first', () => {
    const option = buildStarTrendOption(days, TEST_LABELS);
    const series = asArray(option.series);
    expect(series).toHaveLength(5);
    expect(new Set(series.map((s) => s.stack))).toEqual(new Set(['stars']));
    expect(series.every((s) => s.type === 'line' && s.areaStyle !== undefined)).toBe(true);
    expect(series.map((s) => s.name)).toEqual(['5★', '4★', '3★', '2★', '1★']);
    expect(series.map((s) => s.color)).toEqual(['#1f8040', '#2f6fd6', '#e6b800', '#d9342b', '#222222']);
  });

  it('sorts days and fills levels missing on a day with 0', () => {
    const option = buildStarTrendOption(days, TEST_LABELS);
    expect((asArray(option.xAxis)[0] as { data: string[] }).data).toEqual(['2026-11-01', '2026-11-02']);
    const [five, four, three, two, one] = asArray(option.series).map((s) => s.data);
    expect(five).toEqual([9, 8]);
    expect(four).toEqual([0, 1]);
    expect(three).toEqual([1, 0]);
    expect(two).toEqual([0, 0]);
    expect(one).toEqual([0, 1]);
  });

  it('handles no days', () => {
    const option = buildStarTrendOption([], TEST_LABELS);
    expect(asArray(option.series).every((s) => Array.isArray(s.data) && s.data.length === 0)).toBe(true);
    expect((asArray(option.xAxis)[0] as { data: string[] }).data).toEqual([]);
  });
});

describe('buildStarTrendOption share view', () => {
  it('shows 4★ and below as a percentage of the day\'s rated enterprises, each series named by id for drill-down', () => {
    const option = buildStarTrendOption([{ day: '2026-11-01', counts: { 5: 90, 4: 6, 3: 2, 2: 1, 1: 1 } }], TEST_LABELS, 'share');
    const series = asArray(option.series);
    expect(series.map((s) => s.id)).toEqual(['stars-4', 'stars-3', 'stars-2', 'stars-1']);
    expect(series.map((s) => s.data)).toEqual([[6], [2], [1], [1]]);
    expect(asArray(option.yAxis)[0]).toMatchObject({ minInterval: 0 });
  });
});
